package staff

import (
	"context"
	"strings"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

const edPassword = "correct horse battery"

// lockAccount fails accountLimit.Burst sign-ins of email from strangers.
func lockAccount(s *Service, email string) {
	for i := range accountLimit.Burst + 1 {
		s.Login(context.Background(), email, "wrong", Client{Addr: "203.0.113." + string(rune('1'+i))})
	}
}

// TestDeviceCookie: a stranger guessing an account's password locks out
// untrusted browsers, but the owner's browser, which signed in before and
// carries a device cookie, is judged by its own failures only; a device
// cookie that fails too often is locked out itself. Another account's, a
// forged or another key's device cookie is no device cookie. Two instances on
// one database share the generated key.
func TestDeviceCookie(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		for _, e := range []string{"ed@example.org", "ann@example.org"} {
			if _, _, err := s.Create(ctx, CLI, NewUser{Email: e, Role: Editor, Password: edPassword}); err != nil {
				t.Fatal(err)
			}
		}
		office := Client{Addr: "192.0.2.10"}
		if _, err := s.Login(ctx, "ed@example.org", edPassword, office); err != nil {
			t.Fatal(err)
		}
		cookie, err := s.IssueDevice(ctx, "Ed@example.org", "")
		if err != nil || cookie == "" {
			t.Fatalf("device cookie %q, %v", cookie, err)
		}
		annCookie, _ := s.IssueDevice(ctx, "ann@example.org", cookie)
		if !strings.Contains(annCookie, cookie) || len(annCookie) <= len(cookie) {
			t.Errorf("ann's sign-in in the same browser dropped ed's device token: %q", annCookie)
		}
		if again, _ := s.IssueDevice(ctx, "ed@example.org", annCookie); strings.Count(again, ".")+1 != 2 || again == annCookie {
			t.Errorf("ed's second sign-in keeps two tokens (a new one for ed, ann's), got %q", again)
		}

		lockAccount(s, "ed@example.org")
		if _, err := s.Login(ctx, "ed@example.org", edPassword, Client{Addr: "192.0.2.11"}); errs.KindOf(err) != errs.TooManyRequests {
			t.Fatalf("untrusted browser during the attack: %v, want too many requests", err)
		}
		office.Device = annCookie
		if _, err := s.Login(ctx, "ed@example.org", edPassword, office); err != nil {
			t.Fatalf("the owner's browser is locked out by a stranger: %v", err)
		}
		forged := Client{Addr: "192.0.2.10", Device: cookie[:len(cookie)-2] + "AA"}
		for name, c := range map[string]Client{"ann's cookie": {Addr: "192.0.2.10", Device: strings.Replace(annCookie, cookie, "", 1)}, "forged": forged} {
			if _, err := s.Login(ctx, "ed@example.org", edPassword, c); errs.KindOf(err) != errs.TooManyRequests {
				t.Errorf("%s counts as ed's device: %v", name, err)
			}
		}

		// The second instance on the same database trusts the same cookie.
		s2 := newService(d, &now)
		lockAccount(s2, "ed@example.org")
		if _, err := s2.Login(ctx, "ed@example.org", edPassword, office); err != nil {
			t.Errorf("second instance: %v", err)
		}
		// An instance with a configured key of its own does not.
		s3 := New(d, Options{Params: cheap, Now: func() time.Time { return now }, DeviceKey: []byte(strings.Repeat("k", 32))})
		lockAccount(s3, "ed@example.org")
		if _, err := s3.Login(ctx, "ed@example.org", edPassword, office); errs.KindOf(err) != errs.TooManyRequests {
			t.Errorf("a device cookie signed with another key: %v", err)
		}

		// Guessing from the owner's browser locks that device out.
		for range accountLimit.Burst {
			if _, err := s.Login(ctx, "ed@example.org", "wrong", office); errs.KindOf(err) != errs.Unauthenticated {
				t.Fatalf("wrong password from the device: %v", err)
			}
		}
		if _, err := s.Login(ctx, "ed@example.org", edPassword, office); errs.KindOf(err) != errs.TooManyRequests {
			t.Errorf("device after %d failures: %v, want too many requests", accountLimit.Burst, err)
		}
		now = now.Add(accountLimit.Every)
		if _, err := s.Login(ctx, "ed@example.org", edPassword, office); err != nil {
			t.Errorf("device after waiting: %v", err)
		}
	})
}

// TestKey: a derived key is the same on every instance of a database, differs
// by purpose, and is not the device key itself.
func TestKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now()
		a, err := newService(d, &now).Key(ctx, "pow")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := newService(d, &now).Key(ctx, "pow")
		other, _ := newService(d, &now).Key(ctx, "other")
		dev, _ := newService(d, &now).deviceKey(ctx)
		if len(a) != 32 || string(a) != string(b) || string(a) == string(other) || string(a) == string(dev) {
			t.Errorf("keys: pow %x, again %x, other %x, device %x", a, b, other, dev)
		}
	})
}

// TestDisplayLimits: wrong tokens slow down their address, and no display
// shares a limit with another: a guesser does not keep screens out.
func TestDisplayLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		_, token, err := s.Create(ctx, CLI, NewUser{Email: "tv1@screens", Role: Display})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 * addressLimit.Burst {
			_, err := s.LoginDisplay(ctx, "guess"+string(rune('a'+i%26)), "203.0.113."+string(rune('1'+i%9)))
			if k := errs.KindOf(err); k != errs.Unauthenticated && k != errs.TooManyRequests {
				t.Fatalf("wrong token: %v", err)
			}
		}
		for range addressLimit.Burst + 1 {
			_, err = s.LoginDisplay(ctx, "guess", "198.51.100.1")
		}
		if errs.KindOf(err) != errs.TooManyRequests {
			t.Errorf("one address guessing tokens was never limited: %v", err)
		}
		if u, err := s.LoginDisplay(ctx, token, "192.0.2.20"); err != nil || u.Role != Display {
			t.Errorf("the screen after strangers guessed: %v", err)
		}
	})
}
