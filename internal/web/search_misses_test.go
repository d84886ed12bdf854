package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestSearchMisses checks what searches without a hit leave for editors: no
// personal data, and at most missesPerClient a minute from one address.
func TestSearchMisses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		search := func(q, addr string) {
			req := httptest.NewRequest(http.MethodGet, "/de/search?q="+url.QueryEscape(q), nil)
			req.RemoteAddr = addr + ":4711"
			if rec := serve(f.h, req); rec.Code != http.StatusOK {
				t.Fatalf("search %q: %d", q, rec.Code)
			}
		}
		search("Zyxwvu Qwopq geboren 01.02.1990 Tel 0176-1234567", "192.0.2.1")
		for i := range 3 * missesPerClient {
			search(fmt.Sprintf("zyxwvu%c", 'a'+i), "192.0.2.2")
		}
		search("qqqwwwzzz", "192.0.2.3")
		misses, err := f.srv.content.Misses(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(misses) != missesPerClient+1 {
			t.Errorf("%d misses counted, want %d from the busy address and 1 from the other: %+v", len(misses), missesPerClient+1, misses)
		}
		for _, m := range misses {
			if m.Query == "" || m.Query[0] >= '0' && m.Query[0] <= '9' || len(m.Query) > 20 {
				t.Errorf("stored %q", m.Query)
			}
		}
	})
}
