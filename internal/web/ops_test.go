package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestOperationalRoutes covers the routes that are not pages: health,
// static files, the service worker, robots.txt and the favicon.
func TestOperationalRoutes(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		get(h, "/de/") // so that the request counter has a sample
		tests := []struct {
			path, ctype, want string
		}{
			{"/healthz", "text/plain; charset=utf-8", "ok"},
			{"/static/site.css", "text/css; charset=utf-8", "--accent"},
			{"/static/lotse.js", "text/javascript; charset=utf-8", "use strict"},
			{"/sw.js", "text/javascript; charset=utf-8", "caches"},
			{"/robots.txt", "text/plain; charset=utf-8", "Disallow: /staff/"},
			{"/favicon.ico", "image/svg+xml", "<svg"},
			{"/api/v1/openapi.yaml", "application/yaml; charset=utf-8", "openapi: 3"},
		}
		for _, tt := range tests {
			rec := get(h, tt.path)
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.ctype) || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("%s: %d %q", tt.path, rec.Code, rec.Header().Get("Content-Type"))
			}
			if rec.Header().Get("X-Request-Id") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: security headers or request id missing", tt.path)
			}
		}
		if rec := get(h, "/static/nothing.css"); rec.Code != 404 {
			t.Errorf("missing static file: %d", rec.Code)
		}
		if rec := get(h, "/api/v2/guides"); rec.Code != 404 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("unknown API path: %d %q", rec.Code, rec.Header().Get("Content-Type"))
		}
	})
}
