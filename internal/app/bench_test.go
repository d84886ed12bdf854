package app

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkPages measures the handlers without the network, for profiling:
// go test -run '^$' -bench Pages -cpuprofile cpu.out ./internal/app/
func BenchmarkPages(b *testing.B) {
	cfg := Config{DatabaseURL: filepath.Join(b.TempDir(), "lotse.db"), Demo: true, Location: time.UTC}
	a, err := New(context.Background(), cfg, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	h := a.Handler()
	for _, tg := range benchTargets {
		b.Run(tg.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, tg.path, nil)
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
