package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// TestStaffDeviceCookie: a successful sign-in leaves a device cookie; while a
// stranger's guesses keep untrusted browsers out (429, with a message that
// names the wait Retry-After gives, in German and English), the browser with
// the cookie signs in, an admin's through the code step too.
func TestStaffDeviceCookie(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		login := func(form url.Values, addr string, lang string, c ...*http.Cookie) *httptest.ResponseRecorder {
			req := staffRequest(http.MethodPost, "/staff/login", form, nil)
			req.RemoteAddr = addr + ":1234"
			req.Header.Set("Accept-Language", lang)
			for _, x := range c {
				req.AddCookie(x)
			}
			return serve(f.h, req)
		}
		editor := url.Values{"email": {"editor@example.org"}, "password": {testPassword}}
		device := responseCookie(t, login(editor, "192.0.2.1", "de"), staff.DeviceCookie)
		if !device.HttpOnly || device.Path != "/staff/" || device.MaxAge <= 0 {
			t.Errorf("device cookie %+v", device)
		}
		for i := range 10 {
			login(url.Values{"email": {"editor@example.org"}, "password": {"wrong"}}, "203.0.113."+string(rune('1'+i)), "de")
		}
		for lang, word := range map[string]string{"de": "Sekunden", "en": "seconds"} {
			rec := login(editor, "192.0.2.2", lang)
			retry := rec.Header().Get("Retry-After")
			if rec.Code != http.StatusTooManyRequests || retry == "" || !strings.Contains(rec.Body.String(), retry+" "+word) {
				t.Errorf("%s: untrusted browser during the attack: %d, Retry-After %q, message does not say %q", lang, rec.Code, retry, retry+" "+word)
			}
		}
		if rec := login(editor, "192.0.2.1", "de", device); rec.Code != http.StatusSeeOther {
			t.Errorf("the editor's own browser: %d", rec.Code)
		}

		// The admin: password, then code, both judged by the device.
		admin := url.Values{"email": {"admin@example.org"}, "password": {testPassword}}
		first := login(admin, "192.0.2.1", "de")
		code := responseCookie(t, login(url.Values{"code": {adminCode(t, f)}}, "192.0.2.1", "de", responseCookie(t, first, "lotse_staff")), staff.DeviceCookie)
		for i := range 10 {
			login(url.Values{"email": {"admin@example.org"}, "password": {"wrong"}}, "203.0.113."+string(rune('1'+i)), "de")
		}
		rec := login(admin, "192.0.2.1", "de", code)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("admin's browser, password: %d", rec.Code)
		}
		if got := login(url.Values{"code": {"000000"}}, "192.0.2.1", "de", responseCookie(t, rec, "lotse_staff"), code); got.Code != http.StatusUnauthorized {
			t.Errorf("admin's browser, wrong code: %d", got.Code)
		}
	})
}

// adminCode is a fresh code of the fixture's admin: the next time step's,
// as the current one was used to set the factor up.
func adminCode(t *testing.T, f *staffFixture) string {
	t.Helper()
	code, err := totp.GenerateCode(f.adminSecret, time.Now().Add(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return code
}
