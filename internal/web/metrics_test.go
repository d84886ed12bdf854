package web

import (
	"net/http"
	"strings"
	"testing"

	"lotse/internal/db/dbtest"
)

// TestMetricsToken: /metrics answers only the configured bearer token (401
// with WWW-Authenticate otherwise) and does not exist without one.
func TestMetricsToken(t *testing.T) {
	// The route touches no database: SQLite suffices.
	if rec := get(newServer(t, dbtest.SQLite(t)), "/metrics"); rec.Code != http.StatusNotFound {
		t.Errorf("/metrics without LOTSE_METRICS_TOKEN: %d, want 404", rec.Code)
	}
	h := newStaffFixtureWith(t, dbtest.SQLite(t), Config{MetricsToken: "metrics-token-0123456789"}).h
	for _, auth := range []string{"", "Bearer wrong", "Bearer metrics-token-012345678", "Basic bWV0cmljcy10b2tlbi0wMTIzNDU2Nzg5", "metrics-token-0123456789"} {
		rec := get(h, "/metrics", "Authorization", auth)
		if rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") == "" || strings.Contains(rec.Body.String(), "lotse_http") {
			t.Errorf("Authorization %q: %d %q", auth, rec.Code, rec.Header().Get("WWW-Authenticate"))
		}
	}
	get(h, "/de/")
	rec := get(h, "/metrics", "Authorization", "Bearer metrics-token-0123456789")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "lotse_http_requests_total") {
		t.Errorf("right token: %d", rec.Code)
	}
}
