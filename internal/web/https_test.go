package web

import (
	"net/http"
	"net/url"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestHTTPS: with an https LOTSE_BASE_URL every cookie, public and staff, is
// Secure and every response carries Strict-Transport-Security, also behind a
// proxy that ends TLS (the request itself is plain HTTP); without it neither.
func TestHTTPS(t *testing.T) {
	for _, https := range []bool{true, false} {
		// Subtests of their own: a second "sqlite" would be "sqlite#01", and
		// a # cuts the SQLite file name short.
		t.Run(map[bool]string{true: "https", false: "http"}[https], func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				f := newStaffFixtureWith(t, d, Config{HTTPS: https})
				if got := get(f.h, "/de/").Header().Get("Strict-Transport-Security"); (got != "") != https {
					t.Errorf("HTTPS %v: Strict-Transport-Security %q", https, got)
				}
				var cookies []*http.Cookie
				cookies = append(cookies, get(f.h, "/en/").Result().Cookies()...)
				rec := serve(f.h, staffRequest(http.MethodPost, "/de/municipality", url.Values{"municipality": {"nordstadt"}, "return": {"/de/"}}, nil))
				cookies = append(cookies, rec.Result().Cookies()...)
				rec = serve(f.h, staffRequest(http.MethodPost, "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {testPassword}}, nil))
				cookies = append(cookies, rec.Result().Cookies()...)
				names := map[string]bool{}
				for _, c := range cookies {
					names[c.Name] = true
					if c.Secure != https {
						t.Errorf("HTTPS %v: cookie %s Secure=%v", https, c.Name, c.Secure)
					}
				}
				for _, want := range []string{"lotse_lang", "lotse_municipality", "lotse_staff"} {
					if !names[want] {
						t.Errorf("HTTPS %v: no cookie %s among %v", https, want, names)
					}
				}
			})
		})
	}
}
