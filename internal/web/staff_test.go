package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jba/templatecheck"
	"github.com/pquerna/otp/totp"

	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// staffFixture is a seeded server with one account per role.
type staffFixture struct {
	srv   *Server
	h     http.Handler
	svc   *staff.Service
	users map[staff.Role]*staff.User
	// other is an account that admin routes on {id} change, so that the
	// accounts signing in for the authorization test stay as they are.
	other *staff.User
	// adminSecret is the admin's second-factor secret.
	adminSecret string
}

const testPassword = "correct horse battery"

func newStaffFixture(t *testing.T, d *db.DB) *staffFixture {
	t.Helper()
	return newStaffFixtureWith(t, d, Config{})
}

// newStaffFixtureWith is newStaffFixture on a server with the proxy, metrics
// and TLS settings of c.
func newStaffFixtureWith(t *testing.T, d *db.DB, c Config) *staffFixture {
	t.Helper()
	ctx := context.Background()
	store := content.NewStore(d)
	if err := store.Seed(ctx, os.DirFS("testdata/county")); err != nil {
		t.Fatal(err)
	}
	svc := staff.New(d, staff.Options{Params: staff.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}})
	c.DB, c.Content, c.Log, c.Now, c.Staff, c.Location = d, store, slog.New(slog.NewJSONHandler(io.Discard, nil)), func() time.Time { return testNow }, svc, berlin(t)
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	f := &staffFixture{srv: s, h: s.Handler(), svc: svc, users: map[staff.Role]*staff.User{}}
	for _, role := range staff.Roles {
		nu := staff.NewUser{Email: string(role) + "@example.org", Role: role, Password: testPassword}
		if role == staff.Translator {
			nu.Languages = []string{"uk"}
		}
		if role == staff.Agency {
			nu.Agency = "abh" // its desks are those of the authorization test's paths
		}
		u, _, err := svc.Create(ctx, staff.CLI, nu)
		if err != nil {
			t.Fatal(err)
		}
		f.users[role] = u
	}
	// The admin has a second factor, as required.
	admin := f.users[staff.Admin]
	key, _ := svc.BeginTOTP(ctx, admin, "lotse", "")
	code, err := totp.GenerateCode(key.Secret(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ConfirmTOTP(ctx, admin, key.Secret(), code); err != nil {
		t.Fatal(err)
	}
	f.users[staff.Admin], _ = svc.ByID(ctx, admin.ID)
	f.adminSecret = key.Secret()
	if f.other, _, err = svc.Create(ctx, staff.CLI, staff.NewUser{Email: "other@example.org", Role: staff.Editor, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	return f
}

// session signs u in directly and returns the session cookie.
func (f *staffFixture) session(t *testing.T, u *staff.User) *http.Cookie {
	t.Helper()
	m := f.srv.staff.sessions
	u, err := f.svc.ByID(context.Background(), u.ID) // the current epoch
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	m.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := f.svc.SignIn(r.Context(), m, u); err != nil {
			t.Fatal(err)
		}
	})).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/staff/login", nil))
	for _, c := range rec.Result().Cookies() {
		if c.Name == "lotse_staff" {
			return c
		}
	}
	t.Fatal("no session cookie")
	return nil
}

// responseCookie is the cookie name that rec sets.
func responseCookie(t *testing.T, rec *httptest.ResponseRecorder, name string) *http.Cookie {
	t.Helper()
	for _, c := range rec.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no cookie %s (status %d)", name, rec.Code)
	return nil
}

// staffRequest builds a same-origin request; a POST carries form.
func staffRequest(method, path string, form url.Values, c *http.Cookie) *http.Request {
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if c != nil {
		req.AddCookie(c)
	}
	return req
}

// pathFor fills a route pattern's wildcards with values of the fixture.
func pathFor(t *testing.T, f *staffFixture, pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	values := map[string]string{
		"{$}": "", "{slug}": "work-permit", "{lang}": "uk",
		"{id}": strconv.FormatInt(f.other.ID, 10), "{place}": "auslaenderamt", "{municipality}": "nordstadt",
		"{date}": "1", "{name}": "20261124T100000.000000000Z-00000000.eml", "{ticket}": "A17", "{agency}": "abh", "{n}": "1", "{action}": "call", "{handover}": "1",
	}
	for k, v := range values {
		path = strings.ReplaceAll(path, k, v)
	}
	if strings.Contains(path, "{") {
		t.Fatalf("route %s has a wildcard the authorization test cannot fill", pattern)
	}
	return method, path
}

// TestStaffAuthorization requests every registered staff route as every role
// and as a stranger. The routes come from the server itself, so a new route
// without a rule in staffRules fails here.
func TestStaffAuthorization(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		if len(f.srv.staff.patterns) < 20 {
			t.Fatalf("only %d staff routes registered", len(f.srv.staff.patterns))
		}
		for _, pattern := range f.srv.staff.patterns {
			rule, ok := staffRules[pattern]
			if !ok {
				t.Errorf("route %q has no rule in staffRules", pattern)
				continue
			}
			method, path := pathFor(t, f, pattern)
			// Anonymous.
			rec := serve(f.h, staffRequest(method, path, url.Values{}, nil))
			switch {
			case rule.public && (rec.Code == http.StatusForbidden || rec.Code >= 500 || rec.Header().Get("Location") == "/staff/login" && method == http.MethodGet):
				t.Errorf("anonymous %s: %d on a public route", pattern, rec.Code)
			case !rule.public && (rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/staff/login"):
				t.Errorf("anonymous %s: %d %q, want 303 to /staff/login", pattern, rec.Code, rec.Header().Get("Location"))
			}
			for _, role := range staff.Roles {
				u := f.users[role]
				rec := serve(f.h, staffRequest(method, path, url.Values{}, f.session(t, u)))
				allowed := rule.allows(u)
				switch {
				case rec.Code >= 500:
					t.Errorf("%s %s: %d", role, pattern, rec.Code)
				case allowed && (rec.Code == http.StatusForbidden || rec.Code == http.StatusUnauthorized && !rule.public || rec.Header().Get("Location") == "/staff/login" && pattern != "POST /staff/logout" && pattern != "POST /staff/account/logout-everywhere"):
					t.Errorf("%s %s: %d %q, want access", role, pattern, rec.Code, rec.Header().Get("Location"))
				case !allowed && rec.Code != http.StatusForbidden:
					t.Errorf("%s %s: %d, want 403", role, pattern, rec.Code)
				}
			}
		}
	})
}

// TestStaffLogin signs in through the form: same message for an unknown user
// and a wrong password, the code step for an admin, rate limiting, and no
// cross-site posts.
func TestStaffLogin(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		login := func(form url.Values, addr string, c ...*http.Cookie) *httptest.ResponseRecorder {
			req := staffRequest(http.MethodPost, "/staff/login", form, nil)
			req.RemoteAddr = addr + ":1234"
			for _, x := range c {
				req.AddCookie(x)
			}
			return serve(f.h, req)
		}
		rec := login(url.Values{"email": {"editor@example.org"}, "password": {testPassword}}, "192.0.2.1")
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/staff/" {
			t.Fatalf("editor login: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		c := responseCookie(t, rec, "lotse_staff")
		if got := serve(f.h, staffRequest(http.MethodGet, "/staff/", nil, c)); got.Code != http.StatusOK || !strings.Contains(got.Body.String(), "editor@example.org") {
			t.Errorf("dashboard after login: %d", got.Code)
		}
		unknown := login(url.Values{"email": {"nobody@example.org"}, "password": {"x"}}, "192.0.2.2")
		wrong := login(url.Values{"email": {"editor@example.org"}, "password": {"x"}}, "192.0.2.2")
		if unknown.Code != http.StatusUnauthorized || wrong.Code != http.StatusUnauthorized ||
			strings.ReplaceAll(unknown.Body.String(), "nobody@example.org", "") != strings.ReplaceAll(wrong.Body.String(), "editor@example.org", "") {
			t.Errorf("unknown user (%d) and wrong password (%d) answer differently", unknown.Code, wrong.Code)
		}
		// The admin owes a code.
		rec = login(url.Values{"email": {"admin@example.org"}, "password": {testPassword}}, "192.0.2.3")
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("admin password step: %d", rec.Code)
		}
		pending := responseCookie(t, rec, "lotse_staff")
		if got := serve(f.h, staffRequest(http.MethodGet, "/staff/", nil, pending)); got.Code != http.StatusSeeOther || got.Header().Get("Location") != "/staff/login" {
			t.Errorf("admin without code reaches the dashboard: %d", got.Code)
		}
		if got := serve(f.h, staffRequest(http.MethodGet, "/staff/login", nil, pending)); !strings.Contains(got.Body.String(), `name="code"`) {
			t.Error("login page does not ask the admin for the code")
		}
		if got := login(url.Values{"code": {"000000"}}, "192.0.2.3", pending); got.Code != http.StatusUnauthorized {
			t.Errorf("wrong code: %d", got.Code)
		}
		// Guessing from one address ends in 429.
		limited := 0
		for i := range 40 {
			rec := login(url.Values{"email": {"nobody@example.org"}, "password": {"wrong" + strconv.Itoa(i)}}, "198.51.100.9")
			if rec.Code == http.StatusTooManyRequests {
				limited = i + 1
				break
			}
		}
		if limited == 0 {
			t.Error("40 wrong logins were never limited")
		}
		req := staffRequest(http.MethodPost, "/staff/login", url.Values{"email": {"a@b.c"}, "password": {"x"}}, nil)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://evil.example")
		if got := serve(f.h, req); got.Code != http.StatusForbidden {
			t.Errorf("cross-site login post: %d", got.Code)
		}
		// An admin without a second factor must set one up first.
		ctx := context.Background()
		a2, _, _ := f.svc.Create(ctx, staff.CLI, staff.NewUser{Email: "a2@example.org", Role: staff.Admin, Password: testPassword})
		if got := serve(f.h, staffRequest(http.MethodGet, "/staff/users/", nil, f.session(t, a2))); got.Header().Get("Location") != "/staff/account" {
			t.Errorf("admin without 2FA: %d %q, want redirect to /staff/account", got.Code, got.Header().Get("Location"))
		}
	})
}

// TestStaffEditing goes through the editor screens: a draft leaves the public
// page alone, publishing outdates the translations, and a second editor saving
// from the same revision gets the conflict page with both texts.
func TestStaffEditing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		c := f.session(t, f.users[staff.Editor])
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/guides/work-permit/edit", nil, c))
		if page.Code != http.StatusOK {
			t.Fatalf("edit page: %d", page.Code)
		}
		base := between(page.Body.String(), `name="base" value="`, `"`)
		save := func(body, action, base string) *httptest.ResponseRecorder {
			return serve(f.h, staffRequest(http.MethodPost, "/staff/guides/work-permit/edit",
				url.Values{"title": {"Arbeitserlaubnis"}, "body": {body}, "base": {base}, "action": {action}}, c))
		}
		if rec := save("Nur eine Vorschau.\n", "preview", base); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Nur eine Vorschau.</p>") {
			t.Fatalf("preview without JavaScript: %d", rec.Code)
		}
		if rec := save("Nur ein Entwurf.\n", "draft", base); rec.Code != http.StatusSeeOther {
			t.Fatalf("draft: %d %s", rec.Code, rec.Body.String())
		}
		if pub := get(f.h, "/de/guides/work-permit"); strings.Contains(pub.Body.String(), "Nur ein Entwurf") {
			t.Error("a draft reached the public page")
		}
		n, err := strconv.Atoi(base)
		if err != nil {
			t.Fatalf("base %q", base)
		}
		next := strconv.Itoa(n + 1)
		if rec := save("Neuer Text für alle.\n", "publish", next); rec.Code != http.StatusSeeOther {
			t.Fatalf("publish: %d", rec.Code)
		}
		rec := save("Mein Text, gleichzeitig.\n", "publish", next)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Neuer Text für alle.") || !strings.Contains(rec.Body.String(), "Mein Text, gleichzeitig.") {
			t.Errorf("conflict page: %d", rec.Code)
		}
		if pub := get(f.h, "/de/guides/work-permit"); !strings.Contains(pub.Body.String(), "Neuer Text für alle.") {
			t.Error("the published text is not public")
		}
		st, _ := f.srv.content.Status(context.Background(), "work-permit")
		if st["uk"] != content.StatusOutdated {
			t.Errorf("uk after German publish: %s", st["uk"])
		}
		tr := f.session(t, f.users[staff.Translator])
		dash := serve(f.h, staffRequest(http.MethodGet, "/staff/translations/", nil, tr))
		if !strings.Contains(dash.Body.String(), "/staff/translations/uk/work-permit") {
			t.Error("translator dashboard does not list the outdated guide")
		}
		preview := serve(f.h, staffRequest(http.MethodPost, "/staff/preview", url.Values{"body": {"## Hallo\n<script>alert(1)</script>"}}, tr))
		if !strings.Contains(preview.Body.String(), "Hallo</h2>") || strings.Contains(preview.Body.String(), "<script") {
			t.Errorf("preview: %s", preview.Body.String())
		}
		log, _ := f.svc.AuditLog(context.Background(), 50)
		var saves int
		for _, e := range log {
			if e.Action == "guide.save" && e.Actor == "editor@example.org" {
				saves++
			}
		}
		if saves != 2 {
			t.Errorf("audit log has %d guide saves, want 2", saves)
		}
	})
}

func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	v, _, _ := strings.Cut(rest, to)
	return v
}

// TestStaffTemplatesTypeCheck checks every staff page against its data type.
func TestStaffTemplatesTypeCheck(t *testing.T) {
	a, err := newStaffArea(staff.New(nil, staff.Options{}), false)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]any{
		"staff_login": staffPage[loginPage]{}, "staff_home": staffPage[staffHomePage]{}, "staff_account": staffPage[accountPage]{},
		"staff_guides": staffPage[[]guideRow]{}, "staff_edit": staffPage[editPage]{}, "staff_history": staffPage[historyPage]{},
		"staff_diff": staffPage[diffPage]{}, "staff_conflict": staffPage[conflictPage]{}, "staff_translations": staffPage[translationsPage]{},
		"staff_translate": staffPage[translatePage]{}, "staff_translate_place": staffPage[placeTranslatePage]{}, "staff_import": staffPage[importPage]{}, "staff_users": staffPage[usersPage]{},
		"staff_audit": staffPage[[]staff.Entry]{}, "staff_display": staffPage[loginPage]{}, "staff_misses": staffPage[[]content.Miss]{},
		"staff_floor_dates": staffPage[floorDatesPage]{}, "staff_floor": staffPage[receptionPage]{}, "staff_floor_slip": staffPage[slipPage]{}, "staff_floor_desk": staffPage[deskPage]{},
		"staff_places": staffPage[[]content.Place]{}, "staff_place": staffPage[placeEditPage]{},
		"staff_municipalities": staffPage[[]content.Municipality]{}, "staff_municipality": staffPage[municipalityEditPage]{},
		"staff_tokens":  staffPage[tokensPage]{},
		"staff_onestop": staffPage[datesPage]{}, "staff_onestop_roster": staffPage[rosterPage]{}, "staff_onestop_cancel": staffPage[cancelPage]{},
		"staff_outbox": staffPage[outboxPage]{}, "staff_outbox_message": staffPage[outboxPage]{},
		"staff_book": staffPage[staffBookPage]{}, "staff_book_contact": staffPage[staffContactPage]{}, "staff_booked": staffPage[staffBookedPage]{},
	}
	for _, name := range staffPageNames {
		typ, ok := types[name]
		if !ok {
			t.Errorf("staff page %s has no type to check against", name)
			continue
		}
		if err := templatecheck.CheckHTML(a.pages[name], typ); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
