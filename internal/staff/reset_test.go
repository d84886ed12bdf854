package staff

import (
	"context"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// TestResetPassword: the one-time password works once handed over and must be
// changed; a display gets a new token; the old secrets stop working; nobody
// resets their own account this way.
func TestResetPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		admin, _, _ := s.Create(ctx, CLI, NewUser{Email: "admin@example.org", Role: Admin, Password: "correct horse battery"})
		ed, _, _ := s.Create(ctx, CLI, NewUser{Email: "ed@example.org", Role: Editor, Password: "correct horse battery"})
		tv, token, _ := s.Create(ctx, CLI, NewUser{Email: "tv@screens", Role: Display, MustChange: true})
		if tv.MustChange {
			t.Error("a display must change a password it does not have")
		}

		pw, err := s.ResetPassword(ctx, admin.Actor(), ed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) < MinPassword {
			t.Errorf("one-time password %q is short", pw)
		}
		if _, err := s.Login(ctx, "ed@example.org", "correct horse battery", Client{Addr: "192.0.2.1"}); errs.KindOf(err) != errs.Unauthenticated {
			t.Errorf("old password after reset: %v", err)
		}
		u, err := s.Login(ctx, "ed@example.org", pw, Client{Addr: "192.0.2.1"})
		if err != nil || !u.MustChange || u.Epoch != ed.Epoch+1 {
			t.Fatalf("login with the one-time password: %+v, %v", u, err)
		}

		newToken, err := s.ResetPassword(ctx, admin.Actor(), tv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoginDisplay(ctx, token, "192.0.2.2"); errs.KindOf(err) != errs.Unauthenticated {
			t.Errorf("old display token after reset: %v", err)
		}
		if u, err := s.LoginDisplay(ctx, newToken, "192.0.2.2"); err != nil || u.MustChange {
			t.Errorf("new display token: %+v, %v", u, err)
		}

		if _, err := s.ResetPassword(ctx, admin.Actor(), admin.ID); errs.KindOf(err) != errs.Invalid {
			t.Errorf("own reset: %v", err)
		}
		if _, err := s.ResetPassword(ctx, admin.Actor(), 9999); errs.KindOf(err) != errs.NotFound {
			t.Errorf("reset of no account: %v", err)
		}
		if n := countAudit(t, s, "user.password_reset"); n != 2 {
			t.Errorf("%d reset entries in the audit log, want 2", n)
		}
	})
}

// TestRemoveTOTP: after removal the password alone signs in, the recovery
// codes are gone, and the account's sessions ended.
func TestRemoveTOTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		s := newService(d, &now)
		admin, _, _ := s.Create(ctx, CLI, NewUser{Email: "admin@example.org", Role: Admin, Password: "correct horse battery"})
		ed, _, _ := s.Create(ctx, CLI, NewUser{Email: "ed@example.org", Role: Editor, Password: "correct horse battery"})
		key, err := s.BeginTOTP(ctx, ed, "lotse", "")
		if err != nil {
			t.Fatal(err)
		}
		code, _ := totp.GenerateCode(key.Secret(), now)
		if _, err := s.ConfirmTOTP(ctx, ed, key.Secret(), code); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveTOTP(ctx, admin.Actor(), ed.ID); err != nil {
			t.Fatal(err)
		}
		u, err := s.Login(ctx, "ed@example.org", "correct horse battery", Client{Addr: "192.0.2.1"})
		if err != nil || u.TOTP || u.Epoch != ed.Epoch+1 {
			t.Fatalf("after removal: %+v, %v", u, err)
		}
		if n, _ := s.RecoveryCodesLeft(ctx, ed.ID); n != 0 {
			t.Errorf("%d recovery codes left", n)
		}
		if err := s.RemoveTOTP(ctx, admin.Actor(), admin.ID); errs.KindOf(err) != errs.Invalid {
			t.Errorf("own removal: %v", err)
		}
		if err := s.RemoveTOTP(ctx, admin.Actor(), 9999); errs.KindOf(err) != errs.NotFound {
			t.Errorf("removal on no account: %v", err)
		}
		if n := countAudit(t, s, "user.totp_removed"); n != 1 {
			t.Errorf("%d removal entries in the audit log, want 1", n)
		}
	})
}

func countAudit(t *testing.T, s *Service, action string) int {
	t.Helper()
	log, err := s.AuditLog(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == action {
			n++
		}
	}
	return n
}
