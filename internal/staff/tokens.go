package staff

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Staff API tokens let programs call the staff JSON API (Authorization:
// Bearer TOKEN) with a role, and for role agency an agency, as an account
// would. A token is "lotse_" and 256 random bits in base64url; the database
// keeps only its SHA-256, so a copy of the database lets nobody call the API.
// Tokens are made on the command line (lotse token add), shown once, and
// revoked on the command line or on the admin's tokens page; both write the
// audit log.

// Token is a staff API token as it is listed: never its secret.
type Token struct {
	ID       int64
	Name     string
	Role     Role
	Agency   string // the agency of a token with role agency
	Created  time.Time
	LastUsed time.Time // zero when never used
}

// NewToken is a token to make.
type NewToken struct {
	Name   string
	Role   Role
	Agency string // required for role agency, and only there
}

// tokenPrefix starts every API token, so that secret scanners and people
// recognize one.
const tokenPrefix = "lotse_"

// MaxTokenName is the longest name a token can have.
const MaxTokenName = 100

// lastUsedEvery is how often at most a token's last use is written, so that
// busy clients do not write the database on every call.
const lastUsedEvery = time.Minute

// agencySlug is the shape of an agency id ("abh", "jobcom", "aa-dueren").
var agencySlug = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

const tokenColumns = "id, name, role, agency, created_at, last_used_at"

// scanToken reads a row of tokenColumns, then into extra the columns after them.
func scanToken(row interface{ Scan(...any) error }, extra ...any) (Token, error) {
	var t Token
	var role string
	var used sql.NullTime
	if err := row.Scan(append([]any{&t.ID, &t.Name, &role, &t.Agency, &t.Created, &used}, extra...)...); err != nil {
		return Token{}, err
	}
	t.Role, t.LastUsed = Role(role), used.Time
	return t, nil
}

// checkNewToken validates n and returns it cleaned up.
func checkNewToken(n NewToken) (NewToken, error) {
	n.Name, n.Agency = strings.TrimSpace(n.Name), strings.TrimSpace(n.Agency)
	if !n.Role.Valid() {
		return n, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.role", Field: "role"}
	}
	if len(n.Name) > MaxTokenName || strings.IndexFunc(n.Name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return n, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.token_name", Field: "name"}
	}
	if (n.Role == Agency) != (n.Agency != "") || n.Agency != "" && !agencySlug.MatchString(n.Agency) {
		return n, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.token_agency", Field: "agency", Detail: n.Agency}
	}
	return n, nil
}

// CreateToken makes a token and returns it with its secret, which is shown
// once and never stored. Role agency needs an agency (a slug; the caller
// checks it against the county's agencies); other roles take none.
func (s *Service) CreateToken(ctx context.Context, by Actor, n NewToken) (Token, string, error) {
	n, err := checkNewToken(n)
	if err != nil {
		return Token{}, "", err
	}
	b := make([]byte, 32)
	rand.Read(b)
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	var t Token
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		id, err := tx.InsertID(ctx, "INSERT INTO api_tokens (name, role, agency, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
			n.Name, string(n.Role), n.Agency, tokenHash(secret), s.now().UTC())
		if err != nil {
			return err
		}
		if t, err = scanToken(tx.QueryRow(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE id = ?", id)); err != nil {
			return err
		}
		return s.audit(ctx, tx, by, "token.create", t.target())
	})
	if err != nil {
		return Token{}, "", wrapInternal(err, "create token")
	}
	return t, secret, nil
}

// target names t in the audit log: id, role and name, never the secret.
func (t Token) target() string {
	s := "token/" + strconv.FormatInt(t.ID, 10) + " " + string(t.Role)
	if t.Agency != "" {
		s += ":" + t.Agency
	}
	if t.Name != "" {
		s += " " + t.Name
	}
	return s
}

// Tokens lists the tokens, newest first.
func (s *Service) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := s.db.Query(ctx, "SELECT "+tokenColumns+" FROM api_tokens ORDER BY id DESC")
	if err != nil {
		return nil, errs.Wrap(err, "list tokens")
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, errs.Wrap(err, "scan token")
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken deletes a token: from now on it is refused. A token that is
// not there is NotFound.
func (s *Service) RevokeToken(ctx context.Context, by Actor, id int64) error {
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		t, err := scanToken(tx.QueryRow(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE id = ?"+tx.ForUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "staff.error.no_token")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM api_tokens WHERE id = ?", id); err != nil {
			return err
		}
		return s.audit(ctx, tx, by, "token.revoke", t.target())
	})
	return wrapInternal(err, "revoke token")
}

// TokenUser returns the caller a bearer token stands for, or nil when the
// token is unknown (never made, or revoked). The caller is a User without an
// account (ID 0) with the token's role and agency, whose Email names the
// token, so that audit entries written for it say which token acted.
//
// The token is looked up by its SHA-256, which tells nothing about the
// token, and the stored hash is compared in constant time.
func (s *Service) TokenUser(ctx context.Context, secret string) (*User, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, nil
	}
	hash := tokenHash(secret)
	var stored string
	t, err := scanToken(s.db.QueryRow(ctx, "SELECT "+tokenColumns+", token_hash FROM api_tokens WHERE token_hash = ?", hash), &stored)
	if errors.Is(err, sql.ErrNoRows) || err == nil && subtle.ConstantTimeCompare([]byte(stored), []byte(hash)) != 1 {
		return nil, nil
	}
	if err != nil {
		return nil, errs.Wrap(err, "look up token")
	}
	now := s.now().UTC()
	if now.Sub(t.LastUsed) >= lastUsedEvery {
		if _, err := s.db.Exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now, t.ID); err != nil {
			return nil, errs.Wrap(err, "note token use")
		}
	}
	return &User{Email: t.target(), Role: t.Role, Agency: t.Agency, Created: t.Created}, nil
}
