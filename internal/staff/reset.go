package staff

import (
	"context"
	"database/sql"
	"errors"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// ResetPassword gives another account a new one-time password, which the
// admin passes on and its owner must replace at the next sign-in; a display
// gets a new token instead. Either is returned once and stored only as a
// hash. The account's sessions end.
func (s *Service) ResetPassword(ctx context.Context, by Actor, id int64) (string, error) {
	if id == by.ID {
		return "", errs.E(errs.Invalid, "staff.error.self")
	}
	u, err := s.ByID(ctx, id)
	if err != nil {
		return "", err
	}
	secret := NewPassword()
	var hash string
	if u.Role == Display {
		secret = randomToken(24)
		hash = tokenHash(secret)
	} else if hash, err = s.hasher.Hash(ctx, secret); err != nil {
		return "", errs.Wrap(err, "hash password")
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET password_hash = ?, must_change_password = ?, session_epoch = session_epoch + 1 WHERE id = ?",
			hash, u.Role != Display, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "staff.error.no_user")
		}
		return s.audit(ctx, tx, by, "user.password_reset", userTarget(id, ""))
	})
	if err != nil {
		return "", wrapInternal(err, "reset password")
	}
	return secret, nil
}

// RemoveTOTP turns off another account's second factor and deletes its
// recovery codes, for someone who lost their phone and their codes. The
// account's sessions end; an admin must set up a new factor at the next
// sign-in. An account without a second factor is left alone
// (staff.error.no_totp), and nothing is written to the audit log.
func (s *Service) RemoveTOTP(ctx context.Context, by Actor, id int64) error {
	if id == by.ID {
		return errs.E(errs.Invalid, "staff.error.self")
	}
	return wrapInternal(s.db.InTx(ctx, func(tx *db.Tx) error {
		var on bool
		err := tx.QueryRow(ctx, "SELECT totp_enabled FROM users WHERE id = ?"+tx.ForUpdate(), id).Scan(&on)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "staff.error.no_user")
		}
		if err != nil {
			return err
		}
		if !on {
			return errs.E(errs.Invalid, "staff.error.no_totp")
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET totp_secret = '', totp_enabled = FALSE, totp_last_step = 0, session_epoch = session_epoch + 1 WHERE id = ?", id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM recovery_codes WHERE user_id = ?", id); err != nil {
			return err
		}
		return s.audit(ctx, tx, by, "user.totp_removed", userTarget(id, ""))
	}), "remove second factor")
}
