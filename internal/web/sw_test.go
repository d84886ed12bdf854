package web

import (
	"net/http"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// TestLogoutClearsCaches signs out and expects the browser to be told to drop
// what it keeps of the site: the HTTP cache and the service worker's caches
// (issue 9, item 3; the worker's own rules are tested in Chromium by
// internal/app's TestBrowserServiceWorker).
func TestLogoutClearsCaches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/logout", nil, f.session(t, f.users[staff.Editor])))
		got := rec.Header().Get("Clear-Site-Data")
		if rec.Code != http.StatusSeeOther || !strings.Contains(got, `"cache"`) || !strings.Contains(got, `"storage"`) {
			t.Errorf("logout: %d, Clear-Site-Data %q", rec.Code, got)
		}
	})
}
