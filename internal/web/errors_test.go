package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestErrorResponses covers answers no handler gives: a wrong method (405 with
// Allow), a refused cross-origin write (403) and a directory of static files
// (404), each as a page in the reader's language or, under /api/, as JSON.
func TestErrorResponses(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		tests := []struct {
			method, path, site string
			status             int
			allow, lang        string // lang "" means a JSON answer
		}{
			{"POST", "/de/guides/work-permit", "", 405, "GET, HEAD", "de"},
			{"DELETE", "/uk/", "", 405, "GET, HEAD", "uk"},
			{"PUT", "/ar/municipality", "", 405, "POST", "ar"},
			{"DELETE", "/api/v1/guides", "", 405, "GET, HEAD", ""},
			{"GET", "/api/v1/plan", "", 405, "POST", ""},
			{"POST", "/de/nothing/here", "", 404, "", "de"},
			{"POST", "/api/v1/nothing", "", 404, "", ""},
			{"GET", "/static/", "", 404, "", "de"},
			{"GET", "/static/nothing.css", "", 404, "", "de"},
			{"POST", "/tr/municipality", "cross-site", 403, "", "tr"},
			{"POST", "/api/v1/plan?lang=uk", "cross-site", 403, "", ""},
		}
		for _, tt := range tests {
			t.Run(tt.method+" "+tt.path, func(t *testing.T) {
				req := httptest.NewRequest(tt.method, tt.path, strings.NewReader("municipality="))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Accept-Language", "de")
				if tt.site != "" {
					req.Header.Set("Sec-Fetch-Site", tt.site)
				}
				rec := serve(h, req)
				if rec.Code != tt.status || rec.Header().Get("Allow") != tt.allow {
					t.Fatalf("%d, Allow %q; want %d, %q", rec.Code, rec.Header().Get("Allow"), tt.status, tt.allow)
				}
				ctype := rec.Header().Get("Content-Type")
				if tt.lang == "" {
					var body apiError
					if !strings.HasPrefix(ctype, "application/json") || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Error.Message == "" {
						t.Fatalf("not a JSON error: %q %s", ctype, rec.Body)
					}
					return
				}
				m := htmlTag.FindStringSubmatch(rec.Body.String())
				if !strings.HasPrefix(ctype, "text/html") || m == nil || m[1] != tt.lang {
					t.Fatalf("not an error page in %s: %q %.200s", tt.lang, ctype, rec.Body)
				}
			})
		}
	})
}
