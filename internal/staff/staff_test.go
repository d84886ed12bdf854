package staff

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// cheap are test parameters: the tests check behaviour, not cost.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func newService(d *db.DB, now *time.Time) *Service {
	return New(d, Options{Params: cheap, Now: func() time.Time { return *now }})
}

// adminStartingTOTP creates an admin and begins setting up their second factor.
func adminStartingTOTP(t *testing.T, s *Service) (*User, *otp.Key) {
	t.Helper()
	ctx := context.Background()
	u, _, err := s.Create(ctx, CLI, NewUser{Email: "admin@example.org", Role: Admin, Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	key, err := s.BeginTOTP(ctx, u, "lotse", "")
	if err != nil {
		t.Fatal(err)
	}
	return u, key
}

func TestPHC(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(cheap, 1)
	enc, err := h.Hash(ctx, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("PHC string %q", enc)
	}
	for pw, want := range map[string]bool{"correct horse": true, "correct horse ": false, "": false} {
		if ok, err := h.Verify(ctx, pw, enc); err != nil || ok != want {
			t.Errorf("Verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	if h.NeedsRehash(enc) {
		t.Error("fresh hash needs rehash")
	}
	if !NewHasher(RFC9106, 1).NeedsRehash(enc) {
		t.Error("cheap hash does not need rehash under RFC 9106 parameters")
	}
	if got := encodePHC(RFC9106, make([]byte, 16), make([]byte, 32)); !strings.HasPrefix(got, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Errorf("RFC 9106 PHC = %q", got)
	}
	bad := []string{"", "$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=64,t=1,p=0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"$argon2id$v=19$m=64,t=1,p=1$!!$AAAA", "$argon2id$v=19$m=64,t=1,x=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}
	for _, b := range bad {
		if _, err := h.Verify(ctx, "x", b); err == nil {
			t.Errorf("Verify accepted malformed hash %q", b)
		}
	}
}

// TestHasherBoundsParallelism checks that the semaphore admits at most its
// capacity of hash computations at once.
func TestHasherBoundsParallelism(t *testing.T) {
	h := NewHasher(cheap, 2)
	ctx := context.Background()
	h.acquire(ctx)
	h.acquire(ctx)
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := h.Hash(short, "x"); err == nil {
		t.Error("a third hash ran while two held the semaphore")
	}
	h.release()
	if _, err := h.Hash(ctx, "x"); err != nil {
		t.Errorf("hash after release: %v", err)
	}
}

func TestLoginAndLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		u, _, err := s.Create(ctx, CLI, NewUser{Email: " Ed@Example.org", Role: Editor, Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "ed@example.org" {
			t.Errorf("email stored as %q", u.Email)
		}
		if _, _, err := s.Create(ctx, CLI, NewUser{Email: "ed@example.org", Role: Editor, Password: "correct horse battery"}); errs.KindOf(err) != errs.Conflict {
			t.Errorf("duplicate e-mail: %v", err)
		}
		if _, _, err := s.Create(ctx, CLI, NewUser{Email: "x@example.org", Role: "boss", Password: "correct horse battery"}); errs.KindOf(err) != errs.Invalid {
			t.Errorf("bad role: %v", err)
		}
		if _, _, err := s.Create(ctx, CLI, NewUser{Email: "x@example.org", Role: Editor, Password: "short"}); errs.KindOf(err) != errs.Invalid {
			t.Errorf("short password: %v", err)
		}
		if got, err := s.Login(ctx, "ED@example.org", "correct horse battery", Client{Addr: "192.0.2.1"}); err != nil || got.ID != u.ID {
			t.Fatalf("login: %v, %v", got, err)
		}
		_, unknown := s.Login(ctx, "nobody@example.org", "x", Client{Addr: "192.0.2.1"})
		_, wrong := s.Login(ctx, "ed@example.org", "wrong", Client{Addr: "192.0.2.1"})
		if errs.MsgKeyOf(unknown) != errs.MsgKeyOf(wrong) || errs.KindOf(wrong) != errs.Unauthenticated {
			t.Errorf("unknown user %v and wrong password %v must look the same", unknown, wrong)
		}
		// Per account: four more failures exhaust the five; then even the
		// right password waits.
		for range 4 {
			s.Login(ctx, "ed@example.org", "wrong", Client{Addr: "192.0.2.2"})
		}
		if _, err := s.Login(ctx, "ed@example.org", "correct horse battery", Client{Addr: "192.0.2.3"}); errs.KindOf(err) != errs.TooManyRequests {
			t.Errorf("after 5 failures: %v, want too many requests", err)
		}
		now = now.Add(accountLimit.Every)
		if _, err := s.Login(ctx, "ed@example.org", "correct horse battery", Client{Addr: "192.0.2.3"}); err != nil {
			t.Errorf("after waiting: %v", err)
		}
		// Per address: many accounts from one address.
		limited := false
		for i := range addressLimit.Burst + 1 {
			_, err := s.Login(ctx, "guess"+string(rune('a'+i))+"@example.org", "x", Client{Addr: "198.51.100.7"})
			limited = limited || errs.KindOf(err) == errs.TooManyRequests
		}
		if !limited {
			t.Error("one address guessing many accounts was never limited")
		}
		s.Update(ctx, CLI, u.ID, Editor, nil, "", true)
		now = now.Add(time.Hour)
		if _, err := s.Login(ctx, "ed@example.org", "correct horse battery", Client{Addr: "192.0.2.9"}); errs.KindOf(err) != errs.Unauthenticated {
			t.Errorf("disabled account logs in: %v", err)
		}
		log, err := s.AuditLog(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
			if strings.Contains(e.Target, "nobody") || strings.Contains(e.Actor, "nobody") {
				t.Errorf("audit log records an unknown login name: %+v", e)
			}
		}
		for _, want := range []string{"user.create", "login.failed", "user.disable"} {
			if !strings.Contains(strings.Join(actions, " "), want) {
				t.Errorf("audit log %v lacks %s", actions, want)
			}
		}
	})
}

func TestTOTPAndRecovery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		u, key := adminStartingTOTP(t, s)
		if again, _ := s.BeginTOTP(ctx, u, "lotse", key.Secret()); again.Secret() != key.Secret() {
			t.Errorf("offered secret not kept: %s", again.Secret())
		}
		if _, err := s.ConfirmTOTP(ctx, u, key.Secret(), "000000x"); errs.KindOf(err) != errs.Invalid {
			t.Errorf("confirm with a bad code: %v", err)
		}
		code, _ := totp.GenerateCode(key.Secret(), now)
		codes, err := s.ConfirmTOTP(ctx, u, key.Secret(), code)
		if err != nil || len(codes) != 10 {
			t.Fatalf("confirm: %v, %d codes", err, len(codes))
		}
		// The code used to confirm cannot be replayed.
		if err := s.CheckCode(ctx, u.ID, code, Client{Addr: "192.0.2.1"}); errs.KindOf(err) != errs.Unauthenticated || errs.MsgKeyOf(err) != "staff.error.code_used" {
			t.Errorf("replayed code: %v", err)
		}
		now = now.Add(30 * time.Second)
		code, _ = totp.GenerateCode(key.Secret(), now)
		if err := s.CheckCode(ctx, u.ID, code, Client{Addr: "192.0.2.1"}); err != nil {
			t.Errorf("fresh code: %v", err)
		}
		if err := s.CheckCode(ctx, u.ID, strings.ToUpper(codes[0]), Client{Addr: "192.0.2.1"}); err != nil {
			t.Errorf("recovery code: %v", err)
		}
		if err := s.CheckCode(ctx, u.ID, codes[0], Client{Addr: "192.0.2.1"}); errs.KindOf(err) != errs.Unauthenticated {
			t.Errorf("recovery code used twice: %v", err)
		}
		if n, _ := s.RecoveryCodesLeft(ctx, u.ID); n != 9 {
			t.Errorf("%d recovery codes left, want 9", n)
		}
	})
}

// TestSessions runs scs on the database store: sign in, a second instance
// sees the session, and "log out everywhere" ends it.
func TestSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now()
		s := newService(d, &now)
		u, _, err := s.Create(ctx, CLI, NewUser{Email: "ed@example.org", Role: Editor, Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		m1, m2 := s.Sessions(false), s.Sessions(false)
		who := func(m *scs.SessionManager) http.Handler {
			return m.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodPost {
					if err := s.SignIn(r.Context(), m, u); err != nil {
						t.Error(err)
					}
					return
				}
				cur, err := s.Current(r.Context(), m)
				if err != nil {
					t.Error(err)
				}
				if cur != nil {
					w.Write([]byte(cur.Email))
				}
			}))
		}
		rec := httptest.NewRecorder()
		who(m1).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/staff/login", nil))
		cookies := rec.Result().Cookies()
		if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteLaxMode || cookies[0].Name != "lotse_staff" {
			t.Fatalf("session cookie: %+v", cookies)
		}
		ask := func(m *scs.SessionManager) string {
			req := httptest.NewRequest(http.MethodGet, "/staff/", nil)
			req.AddCookie(cookies[0])
			rec := httptest.NewRecorder()
			who(m).ServeHTTP(rec, req)
			return rec.Body.String()
		}
		if got := ask(m2); got != "ed@example.org" {
			t.Errorf("other instance sees %q", got)
		}
		var raw int
		d.QueryRow(ctx, "SELECT COUNT(*) FROM sessions WHERE token_hash = ?", cookies[0].Value).Scan(&raw)
		if raw != 0 {
			t.Error("session token stored in clear")
		}
		if err := s.LogoutEverywhere(ctx, u.Actor(), u.ID); err != nil {
			t.Fatal(err)
		}
		if got := ask(m1); got != "" {
			t.Errorf("after logout everywhere the session still belongs to %q", got)
		}
	})
}

func TestUserCommandAndBootstrap(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lotse.db")
	open := func(ctx context.Context) (*db.DB, error) { return db.Open(ctx, path) }
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("correct horse battery staple 42"), 0o600)
	var out, errOut bytes.Buffer
	if code := UserCommand([]string{"add", "--role", "editor", "--email", "ed@example.org", "--password-file", pw}, &out, &errOut, open); code != 0 {
		t.Fatalf("user add: %d %s", code, errOut.String())
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"add", "--role", "editor", "--email", "ed@example.org", "--password-file", pw}, "exists"},
		{[]string{"add", "--role", "boss", "--email", "b@example.org", "--password-file", pw}, "--role"},
		{[]string{"add", "--role", "editor", "--email", "b@example.org"}, "--password-file"},
		{[]string{"add", "--role", "editor", "--email", "b@example.org", "--password-file", dir + "/none"}, "--password-file"},
		{[]string{"frob"}, "unknown command"},
	}
	for _, tt := range tests {
		errOut.Reset()
		if code := UserCommand(tt.args, &out, &errOut, open); code == 0 || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, %q; want a message with %q", tt.args, code, errOut.String(), tt.want)
		}
	}
	out.Reset()
	if code := UserCommand([]string{"add", "--role", "display", "--email", "hall@screens.example"}, &out, &errOut, open); code != 0 || !strings.Contains(out.String(), "token") {
		t.Fatalf("display add: %d %q", code, out.String())
	}
	token := strings.TrimSpace(out.String()[strings.LastIndex(out.String(), ":")+1:])

	ctx := context.Background()
	d, err := open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	s := New(d, Options{})
	if u, err := s.Login(ctx, "ed@example.org", "correct horse battery staple 42", Client{Addr: "192.0.2.1"}); err != nil || u.Role != Editor {
		t.Errorf("CLI-created editor: %v %v", u, err)
	}
	if u, err := s.LoginDisplay(ctx, token, "192.0.2.1"); err != nil || u.Role != Display {
		t.Errorf("display token: %v %v", u, err)
	}
	// Accounts exist, so no admin is made.
	if first, err := s.Bootstrap(ctx, func(string) string { return "" }); err != nil || first != nil {
		t.Errorf("bootstrap with accounts: %+v %v", first, err)
	}
	fresh := dbtest.SQLite(t)
	fs := New(fresh, Options{Params: cheap})
	first, err := fs.Bootstrap(ctx, func(string) string { return "" })
	if err != nil || first == nil || first.Password == "" {
		t.Fatalf("bootstrap: %+v %v", first, err)
	}
	u, err := fs.Login(ctx, "admin@localhost", first.Password, Client{Addr: "192.0.2.1"})
	if err != nil || u.Role != Admin || !u.MustChange {
		t.Errorf("first admin with the one-time password: %+v %v", u, err)
	}
	other := New(dbtest.SQLite(t), Options{Params: cheap})
	env := map[string]string{"LOTSE_ADMIN_PASSWORD_FILE": pw, "LOTSE_ADMIN_EMAIL": "chef@example.org"}
	if first, err := other.Bootstrap(ctx, func(k string) string { return env[k] }); err != nil || first.Password != "" || first.Email != "chef@example.org" {
		t.Errorf("bootstrap from a password file: %+v %v", first, err)
	}
	env["LOTSE_ADMIN_PASSWORD_FILE"] = dir + "/missing"
	if _, err := New(dbtest.SQLite(t), Options{Params: cheap}).Bootstrap(ctx, func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "LOTSE_ADMIN_PASSWORD_FILE") {
		t.Errorf("unreadable password file: %v", err)
	}
}

// TestLastAdmin keeps the county from locking itself out.
func TestLastAdmin(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now()
		s := newService(d, &now)
		a, _, err := s.Create(ctx, CLI, NewUser{Email: "a@example.org", Role: Admin, Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Update(ctx, CLI, a.ID, Editor, nil, "", false); errs.KindOf(err) != errs.Conflict {
			t.Errorf("demoting the last admin: %v", err)
		}
		var wg sync.WaitGroup
		b, _, _ := s.Create(ctx, CLI, NewUser{Email: "b@example.org", Role: Admin, Password: "correct horse battery"})
		results := make([]error, 2)
		for i, id := range []int64{a.ID, b.ID} {
			wg.Go(func() { results[i] = s.Update(ctx, CLI, id, Admin, nil, "", true) })
		}
		wg.Wait()
		if (results[0] == nil) == (results[1] == nil) {
			t.Errorf("disabling both admins at once: %v, %v; want exactly one refused", results[0], results[1])
		}
	})
}
