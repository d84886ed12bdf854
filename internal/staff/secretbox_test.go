package staff

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// TestTOTPSecretsEncrypted: with secret keys configured, second-factor
// secrets are stored encrypted (AES-GCM), existing plain ones are encrypted
// at start (RekeyTOTP), and after a rotation (new key first, old key after
// it) everything is re-encrypted with the new key; without the key that
// encrypted them, the secrets cannot be used and the start fails.
func TestTOTPSecretsEncrypted(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		k1, k2 := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
		with := func(keys ...[]byte) *Service {
			return New(d, Options{Params: cheap, Now: func() time.Time { return now }, SecretKeys: keys})
		}
		stored := func(id int64) string {
			var v string
			if err := d.QueryRow(ctx, "SELECT totp_secret FROM users WHERE id = ?", id).Scan(&v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		signIn := func(s *Service, id int64, secret string) error {
			now = now.Add(totpPeriod * time.Second)
			code, _ := totp.GenerateCode(secret, now)
			return s.CheckCode(ctx, id, code, Client{Addr: "192.0.2.1"})
		}
		// An admin set up before encryption: the secret lies in plain text.
		plain := with()
		old, key := adminStartingTOTP(t, plain)
		code, _ := totp.GenerateCode(key.Secret(), now)
		if _, err := plain.ConfirmTOTP(ctx, old, key.Secret(), code); err != nil {
			t.Fatal(err)
		}
		if stored(old.ID) != key.Secret() {
			t.Fatal("without keys the secret is expected in plain text")
		}

		s1 := with(k1)
		if n, err := s1.RekeyTOTP(ctx); err != nil || n != 1 {
			t.Fatalf("encrypting existing secrets: %d, %v", n, err)
		}
		if v := stored(old.ID); strings.Contains(v, key.Secret()) || !strings.HasPrefix(v, sealPrefix) {
			t.Errorf("stored secret %q is not encrypted", v)
		}
		if err := signIn(s1, old.ID, key.Secret()); err != nil {
			t.Errorf("code after encryption: %v", err)
		}
		// A new factor is stored encrypted right away.
		u2, _, _ := s1.Create(ctx, CLI, NewUser{Email: "a2@example.org", Role: Admin, Password: "correct horse battery"})
		key2, _ := s1.BeginTOTP(ctx, u2, "lotse", "")
		code, _ = totp.GenerateCode(key2.Secret(), now)
		if _, err := s1.ConfirmTOTP(ctx, u2, key2.Secret(), code); err != nil {
			t.Fatal(err)
		}
		if v := stored(u2.ID); strings.Contains(v, key2.Secret()) {
			t.Errorf("new secret stored in plain text: %q", v)
		}
		if n, _ := s1.RekeyTOTP(ctx); n != 0 {
			t.Errorf("second start re-encrypted %d secrets, want 0", n)
		}

		// Rotation: the new key first, the old one still there.
		s2 := with(k2, k1)
		before := stored(u2.ID)
		if n, err := s2.RekeyTOTP(ctx); err != nil || n != 2 {
			t.Fatalf("rotation: %d, %v", n, err)
		}
		if stored(u2.ID) == before {
			t.Error("rotation left the secret under the old key")
		}
		if err := signIn(with(k2), u2.ID, key2.Secret()); err != nil {
			t.Errorf("code with only the new key: %v", err)
		}
		// Without the key that encrypted them the secrets are useless.
		for name, s := range map[string]*Service{"old key only": with(k1), "no key": with()} {
			if _, err := s.RekeyTOTP(ctx); err == nil {
				t.Errorf("%s: start succeeds", name)
			}
			if err := signIn(s, u2.ID, key2.Secret()); errs.KindOf(err) != errs.Internal {
				t.Errorf("%s: code checked: %v", name, err)
			}
		}
		// A secret moved to another account does not decrypt there.
		if _, err := d.Exec(ctx, "UPDATE users SET totp_secret = ? WHERE id = ?", stored(u2.ID), old.ID); err != nil {
			t.Fatal(err)
		}
		if err := signIn(with(k2), old.ID, key2.Secret()); err == nil {
			t.Error("a secret copied to another account works there")
		}
	})
}
