package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// TestStaffResetCredentials: an admin resets another account's password (the
// one-time password is shown once and must be changed at sign-in) and removes
// an admin's second factor; their own account is refused.
func TestStaffResetCredentials(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		ctx := context.Background()
		admin := f.session(t, f.users[staff.Admin])
		post := func(path string) *http.Response {
			return serve(f.h, staffRequest(http.MethodPost, path, url.Values{}, admin)).Result()
		}
		id := strconv.FormatInt(f.users[staff.Editor].ID, 10)
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/users/"+id+"/reset-password", url.Values{}, admin))
		pw := between(rec.Body.String(), `<code class="secret">`, `</code>`)
		if rec.Code != http.StatusOK || len(pw) < staff.MinPassword {
			t.Fatalf("reset: %d, one-time password %q", rec.Code, pw)
		}
		login := serve(f.h, staffRequest(http.MethodPost, "/staff/login", url.Values{"email": {"editor@example.org"}, "password": {pw}}, nil))
		if login.Code != http.StatusSeeOther {
			t.Fatalf("login with the one-time password: %d", login.Code)
		}
		c := responseCookie(t, login, "lotse_staff")
		if got := serve(f.h, staffRequest(http.MethodGet, "/staff/guides/", nil, c)); got.Header().Get("Location") != "/staff/account" {
			t.Errorf("one-time password need not be changed: %d %q", got.Code, got.Header().Get("Location"))
		}

		// A second admin loses their phone.
		other, _, _ := f.svc.Create(ctx, staff.CLI, staff.NewUser{Email: "a2@example.org", Role: staff.Admin, Password: testPassword})
		if _, err := d.Exec(ctx, "UPDATE users SET totp_enabled = TRUE, totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = ?", other.ID); err != nil {
			t.Fatal(err)
		}
		users := serve(f.h, staffRequest(http.MethodGet, "/staff/users/", nil, admin)).Body.String()
		if !strings.Contains(users, `action="/staff/users/`+strconv.FormatInt(other.ID, 10)+`/remove-totp"`) ||
			strings.Contains(users, `action="/staff/users/`+strconv.FormatInt(f.users[staff.Admin].ID, 10)+`/reset-password"`) {
			t.Error("accounts page: no removal for the other admin, or a reset of one's own account")
		}
		if res := post("/staff/users/" + strconv.FormatInt(other.ID, 10) + "/remove-totp"); res.StatusCode != http.StatusOK {
			t.Fatalf("remove second factor: %d", res.StatusCode)
		}
		if u, _ := f.svc.ByID(ctx, other.ID); u.TOTP {
			t.Error("second factor still on")
		}
		self := strconv.FormatInt(f.users[staff.Admin].ID, 10)
		for _, path := range []string{"/staff/users/" + self + "/reset-password", "/staff/users/" + self + "/remove-totp"} {
			if res := post(path); res.StatusCode != http.StatusBadRequest {
				t.Errorf("%s on oneself: %d", path, res.StatusCode)
			}
		}
		if res := post("/staff/users/99999/reset-password"); res.StatusCode != http.StatusNotFound {
			t.Errorf("reset of no account: %d", res.StatusCode)
		}
		if n := auditCount(t, f, "user.password_reset") + auditCount(t, f, "user.totp_removed"); n != 2 {
			t.Errorf("%d reset and removal entries in the audit log, want 2", n)
		}
	})
}

// TestStaffDisplaySignIn: a display created by an admin gets an address that
// signs it in; the page's form posts the token; a wrong token is refused on
// the same page.
func TestStaffDisplaySignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		admin := f.session(t, f.users[staff.Admin])
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/users/", url.Values{"email": {"tv1@screens.example"}, "role": {"display"}}, admin))
		addr := between(rec.Body.String(), `<code class="secret">http://example.com/staff/display#`, `</code>`)
		if rec.Code != http.StatusOK || len(addr) != 48 {
			t.Fatalf("display created: %d, sign-in address token %q", rec.Code, addr)
		}
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/display", nil, nil))
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `<form method="post" action="/staff/login" class="stack" data-token-form>`) {
			t.Fatalf("display page: %d", page.Code)
		}
		wrong := serve(f.h, staffRequest(http.MethodPost, "/staff/login", url.Values{"token": {"nope"}}, nil))
		if wrong.Code != http.StatusUnauthorized || !strings.Contains(wrong.Body.String(), "data-token-form") {
			t.Errorf("wrong token: %d, not on the display page", wrong.Code)
		}
		ok := serve(f.h, staffRequest(http.MethodPost, "/staff/login", url.Values{"token": {addr}}, nil))
		if ok.Code != http.StatusSeeOther || ok.Header().Get("Location") != "/staff/" {
			t.Fatalf("token sign-in: %d %q", ok.Code, ok.Header().Get("Location"))
		}
		home := serve(f.h, staffRequest(http.MethodGet, "/staff/", nil, responseCookie(t, ok, "lotse_staff")))
		if home.Code != http.StatusOK || !strings.Contains(home.Body.String(), "tv1@screens.example") {
			t.Errorf("display's home: %d", home.Code)
		}
	})
}

// TestStaffInviteChecks: the invite form suggests the least privilege, and an
// over-long e-mail address gets a clear message with the form filled in again;
// removing a second factor that an account does not have is refused and not
// written to the audit log.
func TestStaffInviteChecks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		admin := f.session(t, f.users[staff.Admin])
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/users/", nil, admin)).Body.String()
		invite := between(page, `<select id="role" name="role">`, `</select>`)
		if !strings.Contains(invite, `<option value="reception" selected>`) || strings.Count(invite, "selected") != 1 {
			t.Errorf("invite form's role choice: %s", invite)
		}
		long := strings.Repeat("a", 10_000) + "@x.org"
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/users/", url.Values{"email": {long}, "role": {"editor"}}, admin))
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "254") {
			t.Errorf("10,006-character e-mail address: %d, no message naming the limit", rec.Code)
		}
		if !strings.Contains(page, `maxlength="254"`) {
			t.Error("the e-mail field has no maxlength")
		}
		rec = serve(f.h, staffRequest(http.MethodPost, "/staff/users/", url.Values{"email": {"new@example.org"}, "role": {"translator"}}, admin))
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `value="new@example.org"`) || !strings.Contains(rec.Body.String(), `<option value="translator" selected>`) {
			t.Errorf("refused invite does not keep what was typed: %d", rec.Code)
		}

		id := strconv.FormatInt(f.users[staff.Editor].ID, 10)
		rec = serve(f.h, staffRequest(http.MethodPost, "/staff/users/"+id+"/remove-totp", url.Values{}, admin))
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "keinen zweiten Faktor") {
			t.Errorf("removing a second factor the editor does not have: %d", rec.Code)
		}
		if n := auditCount(t, f, "user.totp_removed"); n != 0 {
			t.Errorf("%d user.totp_removed entries for an account without a second factor", n)
		}
	})
}

// TestStaffBrandAndTextareas: the staff header names the signed-in user's
// role ("Empfang" for reception, not "Redaktion" for all), and the multi-line
// texts of places and municipalities are edited in text areas.
func TestStaffBrandAndTextareas(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		brand := func(path string, c *http.Cookie) string {
			return between(serve(f.h, staffRequest(http.MethodGet, path, nil, c)).Body.String(), `<a class="brand" href="/staff/">`, `</a>`)
		}
		for role, want := range map[staff.Role]string{staff.Reception: "Empfang", staff.Editor: "Redaktion", staff.Translator: "Übersetzung"} {
			if got := brand("/staff/", f.session(t, f.users[role])); got != want {
				t.Errorf("%s sees the brand %q, want %q", role, got, want)
			}
		}
		if got := brand("/staff/login", nil); got == "Redaktion" || got == "" {
			t.Errorf("sign-in page brand %q", got)
		}
		editor := f.session(t, f.users[staff.Editor])
		for path, names := range map[string][]string{
			"/staff/places/auslaenderamt":     {"helps_with.de", "hours.de", "address"},
			"/staff/municipalities/nordstadt": {"buergerbuero.address", "sozialamt.address"},
		} {
			body := serve(f.h, staffRequest(http.MethodGet, path, nil, editor)).Body.String()
			for _, name := range names {
				if !strings.Contains(body, `<textarea name="`+name+`"`) && !strings.Contains(body, `name="`+name+`" rows=`) {
					t.Errorf("%s: %s is not a text area", path, name)
				}
			}
		}
	})
}
