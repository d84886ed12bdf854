package app

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"lotse/internal/db"
)

// TestCloseFlushesMisses checks that a search without a hit, counted in
// memory, reaches the database when lotse shuts down.
func TestCloseFlushesMisses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lotse.db")
	a, err := New(ctx, Config{DatabaseURL: path, Demo: true, Location: time.UTC}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/de/search?q=qqqwwwzzz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("search: %d", rec.Code)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM search_misses WHERE query = 'qqqwwwzzz'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d stored misses after shutdown, want 1", n)
	}
}
