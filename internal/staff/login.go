package staff

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/ratelimit"
)

// Login checks an e-mail address and password tried by client c. An unknown
// address, a wrong password and a disabled account give the same error after
// the same work, so a stranger cannot tell which accounts exist. Too many
// failures give errs.TooManyRequests: per account and per address, or, for a
// browser with a device cookie of the account, per device (see judge).
//
// A user with a second factor is not signed in yet: the caller asks for the code
// and calls CheckCode.
func (s *Service) Login(ctx context.Context, email, password string, c Client) (*User, error) {
	email = normalEmail(email)
	now := s.now()
	j, err := s.judge(ctx, email, c)
	if err != nil {
		return nil, err
	}
	if !j.ok(now) {
		return nil, errs.E(errs.TooManyRequests, "staff.error.too_many")
	}
	var id int64
	var hash, role string
	var disabled bool
	err = s.db.QueryRow(ctx, "SELECT id, password_hash, role, disabled FROM users WHERE email = ?", email).Scan(&id, &hash, &role, &disabled)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Wrap(err, "load user")
	}
	if err != nil || Role(role) == Display {
		hash = s.hasher.dummy()
	}
	ok, verr := s.hasher.Verify(ctx, password, hash)
	if verr != nil && ctx.Err() != nil {
		return nil, errs.Wrap(verr, "verify password")
	}
	if err != nil || !ok || disabled || Role(role) == Display {
		j.fail(now)
		if id != 0 {
			// The account exists: its owner may want to know about the attempt.
			if aerr := s.Audit(ctx, Actor{ID: id, Email: email}, "login.failed", ""); aerr != nil {
				return nil, aerr
			}
		}
		return nil, errs.E(errs.Unauthenticated, "staff.error.login")
	}
	if s.hasher.NeedsRehash(hash) {
		if h, err := s.hasher.Hash(ctx, password); err == nil {
			s.db.Exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", h, id)
		}
	}
	return s.ByID(ctx, id)
}

// LoginDisplay signs a call-display screen in with its token, tried from the
// address addr. Each display has a limit of its own, which only its token
// can use up (when the display is disabled); wrong tokens count against
// their address. So strangers guessing tokens keep no screen out.
func (s *Service) LoginDisplay(ctx context.Context, token, addr string) (*User, error) {
	now := s.now()
	var id int64
	var disabled bool
	err := s.db.QueryRow(ctx, "SELECT id, disabled FROM users WHERE role = 'display' AND password_hash = ?", tokenHash(strings.TrimSpace(token))).Scan(&id, &disabled)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Wrap(err, "load display")
	}
	key := strconv.FormatInt(id, 10)
	if id != 0 && !disabled {
		if !s.limits.display.OK(key, now) {
			return nil, errs.E(errs.TooManyRequests, "staff.error.too_many")
		}
		return s.ByID(ctx, id)
	}
	if !s.limits.address.OK(ratelimit.AddrKey(addr), now) {
		return nil, errs.E(errs.TooManyRequests, "staff.error.too_many")
	}
	s.limits.address.Charge(ratelimit.AddrKey(addr), now)
	if id != 0 {
		s.limits.display.Charge(key, now)
	}
	return nil, errs.E(errs.Unauthenticated, "staff.error.login")
}

// CheckCode checks the second factor of user id: a current TOTP code (each code
// works once) or an unused recovery code (used up by this call). A TOTP code
// that was right but is already used gets its own message
// (staff.error.code_used: wait for the next one) and does not count as a
// failed attempt: the password was right, and the owner merely typed the code
// they had just used, for example after a double submit.
//
// Failures count as in Login: per account and address, or per device.
func (s *Service) CheckCode(ctx context.Context, id int64, code string, c Client) error {
	u, err := s.ByID(ctx, id)
	if err != nil {
		return err
	}
	now := s.now()
	j, err := s.judge(ctx, u.Email, c)
	if err != nil {
		return err
	}
	if !j.ok(now) {
		return errs.E(errs.TooManyRequests, "staff.error.too_many")
	}
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	result := codeWrong
	if len(code) == 6 {
		result, err = s.useTOTP(ctx, id, code)
	} else if ok, rerr := s.useRecoveryCode(ctx, u, code); ok {
		result = codeRight
	} else {
		err = rerr
	}
	if err != nil {
		return err
	}
	switch {
	case u.Disabled || result == codeWrong:
		j.fail(now)
		if err := s.Audit(ctx, u.Actor(), "login.code_failed", ""); err != nil {
			return err
		}
		return errs.E(errs.Unauthenticated, "staff.error.code")
	case result == codeUsed:
		return errs.E(errs.Unauthenticated, "staff.error.code_used")
	}
	return nil
}

// codeResult is what a typed TOTP code turned out to be.
type codeResult int

const (
	codeWrong codeResult = iota // no code of the current time window
	codeRight                   // a fresh code, now used up
	codeUsed                    // a code of the window that was already used
)

func (s *Service) useTOTP(ctx context.Context, id int64, code string) (codeResult, error) {
	var secret string
	var enabled bool
	var last int64
	if err := s.db.QueryRow(ctx, "SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?", id).Scan(&secret, &enabled, &last); err != nil {
		return codeWrong, errs.Wrap(err, "load second factor")
	}
	if !enabled {
		return codeWrong, nil
	}
	secret, _, err := s.open(id, secret)
	if err != nil {
		return codeWrong, errs.Wrap(err, "decrypt second factor")
	}
	step, ok := matchTOTP(secret, code, s.now(), last)
	if !ok {
		if _, old := matchTOTP(secret, code, s.now(), -1); old {
			return codeUsed, nil
		}
		return codeWrong, nil
	}
	// The step is recorded only if no other request used it first: a code
	// works once.
	res, err := s.db.Exec(ctx, "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", step, id, step)
	if err != nil {
		return codeWrong, errs.Wrap(err, "record code")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return codeUsed, nil
	}
	return codeRight, nil
}

func (s *Service) useRecoveryCode(ctx context.Context, u *User, code string) (bool, error) {
	h := recoveryHash(code)
	var used bool
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL", s.now().UTC(), u.ID, h)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		if used = n == 1; used {
			return s.audit(ctx, tx, u.Actor(), "login.recovery_code", "")
		}
		return nil
	})
	if err != nil {
		return false, wrapInternal(err, "use recovery code")
	}
	return used, nil
}

// constantEqual compares two short secrets without leaking where they differ.
func constantEqual(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
