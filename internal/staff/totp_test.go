package staff

import (
	"bytes"
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
		for i := range 3 * accountLimit.Burst {
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
		for range accountLimit.Burst {
			s.CheckCode(ctx, u.ID, wrong, Client{Addr: "192.0.2.1"})
		}
		next, _ = totp.GenerateCode(key.Secret(), now.Add(totpPeriod*time.Second)) // a clock one step ahead
		if err := s.CheckCode(ctx, u.ID, next, Client{Addr: "192.0.2.1"}); errs.KindOf(err) != errs.TooManyRequests {
			t.Errorf("after %d wrong codes: %v, want too many requests", accountLimit.Burst, err)
		}
	})
}

// TestOfferSealed: the secret offered for set-up waits in the session sealed,
// a reload offers the same one, an offer sealed with a key that is gone gives
// way to a new secret, and without an offer no code confirms anything.
func TestOfferSealed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		with := func(k byte) *Service {
			return New(d, Options{Params: cheap, SecretKeys: [][]byte{bytes.Repeat([]byte{k}, 32)}})
		}
		s := with(1)
		m := s.Sessions(false)
		u, _, err := s.Create(ctx, CLI, NewUser{Email: "admin@example.org", Role: Admin, Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		sctx, _ := m.Load(ctx, "")
		if _, err := s.ConfirmOffer(sctx, m, u, "123456"); errs.KindOf(err) != errs.Invalid {
			t.Errorf("code without an offer: %v", err)
		}
		key, err := s.OfferTOTP(sctx, m, u, "lotse")
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := m.Commit(sctx)
		if err != nil {
			t.Fatal(err)
		}
		var data []byte
		if err := d.QueryRow(ctx, "SELECT data FROM sessions").Scan(&data); err != nil || bytes.Contains(data, []byte(key.Secret())) {
			t.Errorf("session data holds the secret in plain text (%v)", err)
		}
		sctx, _ = m.Load(ctx, token)
		if again, err := s.OfferTOTP(sctx, m, u, "lotse"); err != nil || again.Secret() != key.Secret() {
			t.Errorf("a reload offers another secret (%v)", err)
		}
		if other, err := with(2).OfferTOTP(sctx, m, u, "lotse"); err != nil || other.Secret() == key.Secret() {
			t.Errorf("offer under a key that is gone: %v", err)
		}
	})
}
