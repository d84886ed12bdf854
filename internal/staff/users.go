package staff

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/mail"
	"strconv"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// NewUser is an account to create.
type NewUser struct {
	Email     string
	Role      Role
	Password  string // ignored for Display accounts, which get a token
	Languages []string
	Agency    string
	// MustChange makes the user choose a new password at the first login (an
	// admin invited them with a generated one); displays have none.
	MustChange bool
}

// MaxEmail is the longest e-mail address an account can have (RFC 5321:
// a path of 256 octets, less the angle brackets).
const MaxEmail = 254

const userColumns = "id, email, role, languages, agency, disabled, totp_enabled, must_change_password, session_epoch, created_at"

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	u := &User{}
	var role, langs string
	if err := row.Scan(&u.ID, &u.Email, &role, &langs, &u.Agency, &u.Disabled, &u.TOTP, &u.MustChange, &u.Epoch, &u.Created); err != nil {
		return nil, err
	}
	u.Role, u.Languages = Role(role), splitList(langs)
	return u, nil
}

// Create adds an account. For a Display account it returns the token the screen
// signs in with; otherwise "".
func (s *Service) Create(ctx context.Context, by Actor, n NewUser) (*User, string, error) {
	n.Email = normalEmail(n.Email)
	if len(n.Email) > MaxEmail {
		return nil, "", &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.email_long", Field: "email"}
	}
	if a, err := mail.ParseAddress(n.Email); err != nil || a.Address != n.Email {
		return nil, "", &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.email", Field: "email"}
	}
	if !n.Role.Valid() {
		return nil, "", &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.role", Field: "role"}
	}
	langs, err := checkLanguages(n.Role, n.Languages)
	if err != nil {
		return nil, "", err
	}
	n.Languages = langs
	var hash, token string
	if n.Role == Display {
		token = randomToken(24)
		hash = tokenHash(token)
		n.MustChange = false // a screen has no password to change
	} else {
		if err := CheckPassword(n.Password, n.Email); err != nil {
			return nil, "", err
		}
		if hash, err = s.hasher.Hash(ctx, n.Password); err != nil {
			return nil, "", errs.Wrap(err, "hash password")
		}
	}
	var u *User
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var n0 int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM users WHERE email = ?", n.Email).Scan(&n0); err != nil {
			return err
		}
		if n0 > 0 {
			return &errs.Error{Kind: errs.Conflict, MsgKey: "staff.error.email_taken", Field: "email"}
		}
		id, err := tx.InsertID(ctx, `INSERT INTO users (email, role, password_hash, must_change_password, languages, agency, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, n.Email, string(n.Role), hash, n.MustChange, strings.Join(n.Languages, ","), n.Agency, s.now().UTC())
		if err != nil {
			return err
		}
		if u, err = scanUser(tx.QueryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id)); err != nil {
			return err
		}
		return s.audit(ctx, tx, by, "user.create", userTarget(id, n.Role))
	})
	if err != nil {
		return nil, "", wrapInternal(err, "create user")
	}
	return u, token, nil
}

// ByID returns an account; disabled accounts too.
func (s *Service) ByID(ctx context.Context, id int64) (*User, error) {
	u, err := scanUser(s.db.QueryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(errs.NotFound, "staff.error.no_user")
	}
	if err != nil {
		return nil, errs.Wrap(err, "load user")
	}
	return u, nil
}

// Users lists every account by e-mail address.
func (s *Service) Users(ctx context.Context) ([]*User, error) {
	rows, err := s.db.Query(ctx, "SELECT "+userColumns+" FROM users ORDER BY email")
	if err != nil {
		return nil, errs.Wrap(err, "list users")
	}
	defer rows.Close()
	var out []*User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, errs.Wrap(err, "scan user")
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Count returns how many accounts exist.
func (s *Service) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
		return 0, errs.Wrap(err, "count users")
	}
	return n, nil
}

// Update changes an account's role, languages and agency, or disables it.
// Changing the role or disabling ends the account's sessions. An admin cannot
// demote or disable the last active admin.
func (s *Service) Update(ctx context.Context, by Actor, id int64, role Role, languages []string, agency string, disabled bool) error {
	if !role.Valid() {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.role", Field: "role"}
	}
	languages, err := checkLanguages(role, languages)
	if err != nil {
		return err
	}
	return wrapInternal(s.db.InTx(ctx, func(tx *db.Tx) error {
		u, err := scanUser(tx.QueryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?"+tx.ForUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "staff.error.no_user")
		}
		if err != nil {
			return err
		}
		if u.Role == Admin && !u.Disabled && (role != Admin || disabled) {
			// Lock every active admin, so two admins disabling each other
			// at once cannot both succeed.
			rows, err := tx.Query(ctx, "SELECT id FROM users WHERE role = 'admin' AND NOT disabled"+tx.ForUpdate())
			if err != nil {
				return err
			}
			admins := 0
			for rows.Next() {
				admins++
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			if admins <= 1 {
				return errs.E(errs.Conflict, "staff.error.last_admin")
			}
		}
		epoch := u.Epoch
		if role != u.Role || disabled != u.Disabled {
			epoch++
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET role = ?, languages = ?, agency = ?, disabled = ?, session_epoch = ? WHERE id = ?",
			string(role), strings.Join(languages, ","), agency, disabled, epoch, id); err != nil {
			return err
		}
		action := "user.update"
		if disabled && !u.Disabled {
			action = "user.disable"
		}
		return s.audit(ctx, tx, by, action, userTarget(id, role))
	}), "update user")
}

// SetPassword replaces an account's password, which must pass CheckPassword,
// and ends its other sessions.
func (s *Service) SetPassword(ctx context.Context, by Actor, id int64, password string) error {
	u, err := s.ByID(ctx, id)
	if err != nil {
		return err
	}
	if err := CheckPassword(password, u.Email); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return errs.Wrap(err, "hash password")
	}
	return wrapInternal(s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, "UPDATE users SET password_hash = ?, must_change_password = FALSE, session_epoch = session_epoch + 1 WHERE id = ?", hash, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.NotFound, "staff.error.no_user")
		}
		return s.audit(ctx, tx, by, "user.password", userTarget(id, ""))
	}), "set password")
}

// LogoutEverywhere ends every session of the account: sessions carry the epoch
// they began in, and a session of an older epoch is no longer accepted.
func (s *Service) LogoutEverywhere(ctx context.Context, by Actor, id int64) error {
	return wrapInternal(s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?", id); err != nil {
			return err
		}
		return s.audit(ctx, tx, by, "user.logout_everywhere", userTarget(id, ""))
	}), "log out everywhere")
}

func userTarget(id int64, role Role) string {
	t := "user/" + strconv.FormatInt(id, 10)
	if role != "" {
		t += " role=" + string(role)
	}
	return t
}

// wrapInternal keeps errors that already have a kind and wraps the rest.
func wrapInternal(err error, what string) error {
	if err == nil {
		return nil
	}
	var e *errs.Error
	if errors.As(err, &e) {
		return err
	}
	return errs.Wrap(err, "%s", what)
}

// randomToken returns n random bytes as lowercase hex.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
