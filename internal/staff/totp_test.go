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

// TestUsedCode checks that a code typed a second time is told apart from a
// wrong one, and that reusing codes never locks the owner out, while wrong
// codes still do.
func TestUsedCode(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 10, 0, time.UTC)
		s := newService(d, &now)
		u, key := adminStartingTOTP(t, s)
		first, _ := totp.GenerateCode(key.Secret(), now)
		if _, err := s.ConfirmTOTP(ctx, u, key.Secret(), first); err != nil {
			t.Fatal(err)
		}
		now = now.Add(totpPeriod * time.Second)
		code, _ := totp.GenerateCode(key.Secret(), now)
		if err := s.CheckCode(ctx, u.ID, code, Client{Addr: "192.0.2.1"}); err != nil {
			t.Fatalf("fresh code: %v", err)
		}
		// Far more reuses than the account's limit allows failures.
		for i := range 3 * accountLimit.burst {
			err := s.CheckCode(ctx, u.ID, code, Client{Addr: "192.0.2.1"})
			if errs.KindOf(err) != errs.Unauthenticated || errs.MsgKeyOf(err) != "staff.error.code_used" {
				t.Fatalf("reuse %d: %v, want staff.error.code_used", i+1, err)
			}
		}
		wrong := "000000"
		if wrong == code {
			wrong = "111111"
		}
		if err := s.CheckCode(ctx, u.ID, wrong, Client{Addr: "192.0.2.1"}); errs.MsgKeyOf(err) != "staff.error.code" {
			t.Errorf("wrong code: %v, want staff.error.code", err)
		}
		now = now.Add(totpPeriod * time.Second)
		next, _ := totp.GenerateCode(key.Secret(), now)
		if err := s.CheckCode(ctx, u.ID, next, Client{Addr: "192.0.2.1"}); err != nil {
			t.Errorf("the next code after many reuses: %v", err)
		}
		// Wrong codes still count: the sixth in a row is refused even if right.
		for range accountLimit.burst {
			s.CheckCode(ctx, u.ID, wrong, Client{Addr: "192.0.2.1"})
		}
		next, _ = totp.GenerateCode(key.Secret(), now.Add(totpPeriod*time.Second)) // a clock one step ahead
		if err := s.CheckCode(ctx, u.ID, next, Client{Addr: "192.0.2.1"}); errs.KindOf(err) != errs.TooManyRequests {
			t.Errorf("after %d wrong codes: %v, want too many requests", accountLimit.burst, err)
		}
	})
}
