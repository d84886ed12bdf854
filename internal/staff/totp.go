package staff

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// totpPeriod is the RFC 6238 time step; codes of the previous and next step are
// accepted too, for clocks that drift.
const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// BeginTOTP returns the key for u to set up a second factor, to be confirmed
// with ConfirmTOTP: a new secret, or the base32 secret already offered (so a
// mistyped code does not invalidate the QR code just scanned). Until then the
// old factor (if any) stays in force.
func (s *Service) BeginTOTP(ctx context.Context, u *User, issuer, offered string) (*otp.Key, error) {
	opts := totp.GenerateOpts{Issuer: issuer, AccountName: u.Email, Period: totpPeriod}
	if offered != "" {
		b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(offered)
		if err == nil {
			opts.Secret = b
		}
	}
	key, err := totp.Generate(opts)
	if err != nil {
		return nil, errs.Wrap(err, "generate second factor")
	}
	return key, nil
}

// OfferTOTP returns the key for u to set up a second factor in session m, to
// be confirmed with ConfirmOffer: the secret offered before in m (so a
// mistyped code does not invalidate the QR code just scanned), else a new
// one. The session keeps the secret sealed like the users table does
// (secretbox.go), never in plain text.
func (s *Service) OfferTOTP(ctx context.Context, m *scs.SessionManager, u *User, issuer string) (*otp.Key, error) {
	offered, _, err := s.open(u.ID, m.GetString(ctx, keyOffer))
	if err != nil {
		offered = "" // sealed with a key that is gone: offer a new secret
	}
	key, err := s.BeginTOTP(ctx, u, issuer, offered)
	if err != nil {
		return nil, err
	}
	m.Put(ctx, keyOffer, s.seal(u.ID, key.Secret()))
	return key, nil
}

// ConfirmOffer turns on the second factor offered in session m (OfferTOTP)
// as ConfirmTOTP does, and forgets the offer.
func (s *Service) ConfirmOffer(ctx context.Context, m *scs.SessionManager, u *User, code string) ([]string, error) {
	secret, _, err := s.open(u.ID, m.GetString(ctx, keyOffer))
	if err != nil || secret == "" {
		return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.code", Field: "code"}
	}
	codes, err := s.ConfirmTOTP(ctx, u, secret, code)
	if err == nil {
		m.Remove(ctx, keyOffer)
	}
	return codes, err
}

// ConfirmTOTP turns on the second factor with secret once the user proved
// their app shows the right code, and returns ten new recovery codes, shown
// once.
func (s *Service) ConfirmTOTP(ctx context.Context, u *User, secret, code string) ([]string, error) {
	step, ok := matchTOTP(secret, strings.TrimSpace(code), s.now(), 0)
	if !ok {
		return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.code", Field: "code"}
	}
	codes := make([]string, 10)
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE users SET totp_secret = ?, totp_enabled = TRUE, totp_last_step = ? WHERE id = ?", s.seal(u.ID, secret), step, u.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM recovery_codes WHERE user_id = ?", u.ID); err != nil {
			return err
		}
		for i := range codes {
			codes[i] = newRecoveryCode()
			if _, err := tx.Exec(ctx, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", u.ID, recoveryHash(codes[i])); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, u.Actor(), "user.totp_on", userTarget(u.ID, ""))
	})
	if err != nil {
		return nil, wrapInternal(err, "confirm second factor")
	}
	return codes, nil
}

// RecoveryCodesLeft counts the unused recovery codes of an account.
func (s *Service) RecoveryCodesLeft(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", id).Scan(&n)
	if err != nil {
		return 0, errs.Wrap(err, "count recovery codes")
	}
	return n, nil
}

// matchTOTP finds the time step within one step of now whose code is code and
// which is later than after (a step already used).
func matchTOTP(secret, code string, now time.Time, after int64) (int64, bool) {
	if len(code) != 6 {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for step := cur - 1; step <= cur+1; step++ {
		if step <= after {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totpOpts)
		if err != nil {
			return 0, false
		}
		if constantEqual(want, code) {
			return step, true
		}
	}
	return 0, false
}

// newRecoveryCode returns 10 random base32 characters (50 bits) as xxxxx-xxxxx.
func newRecoveryCode() string {
	b := make([]byte, 7)
	rand.Read(b)
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:10]
	return s[:5] + "-" + s[5:]
}

// recoveryHash normalises a typed recovery code and hashes it. The codes carry
// 50 random bits and tries are rate limited, so a fast hash suffices.
func recoveryHash(code string) string {
	code = strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(code)))
	h := sha256.Sum256([]byte(code))
	return hex.EncodeToString(h[:])
}
