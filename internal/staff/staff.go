// Package staff holds the accounts of the county's staff and how they sign in:
// roles, Argon2id password hashes, a TOTP second factor with recovery codes,
// sessions stored in the database (so that several instances share them), login
// rate limits and the audit log of every staff write. Visitors never have an
// account, and nothing here records a visitor's data.
package staff

import (
	"slices"
	"strings"
	"sync"
	"time"

	"lotse/internal/db"
)

// Role is what a staff account may do.
type Role string

// The roles. Reception, agency and display are used by the One-Stop-Shop floor.
const (
	Admin      Role = "admin"      // county: accounts, settings, everything editors do
	Editor     Role = "editor"     // guides, places, municipalities
	Translator Role = "translator" // translations into the account's languages
	Reception  Role = "reception"  // checks visitors in at the entrance
	Agency     Role = "agency"     // an agency's desk, tied to one agency
	Display    Role = "display"    // a call-display screen; signs in with a token
)

// Roles lists every role, in the order admin screens show them.
var Roles = []Role{Admin, Editor, Translator, Reception, Agency, Display}

// LeastPrivilege is the role an admin's invite form suggests: of the roles a
// person signs in with, the one that reaches the fewest staff pages.
const LeastPrivilege = Reception

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// NeedsTOTP reports whether the role must use a second factor.
func (r Role) NeedsTOTP() bool { return r == Admin }

// User is a staff account.
type User struct {
	ID         int64
	Email      string
	Role       Role
	Languages  []string // a translator's languages
	Agency     string   // an agency account's agency slug
	Disabled   bool
	TOTP       bool // the second factor is set up
	MustChange bool // the password was set by someone else and must be changed
	Epoch      int  // bumped by "log out everywhere"; older sessions end
	Created    time.Time
}

// Translates reports whether u may edit translations into lang.
func (u *User) Translates(lang string) bool {
	switch u.Role {
	case Admin, Editor:
		return true
	case Translator:
		return slices.Contains(u.Languages, lang)
	}
	return false
}

// Service is the staff accounts store and login logic on one database.
type Service struct {
	db     *db.DB
	hasher *Hasher
	limits *loginLimits
	now    func() time.Time

	keyMu  sync.Mutex
	devKey []byte // signs device cookies; see deviceKey

	secretKeys []secretKey // encrypt second-factor secrets (secretbox.go)
	keyErr     error       // a secret key that is no AES-256 key
}

// Options tune a Service; the zero value is production.
type Options struct {
	// Params are the Argon2id costs of new hashes (default RFC9106).
	Params Params
	// ParallelHashes bounds concurrent hash computations (default 2).
	ParallelHashes int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// DeviceKey signs device cookies (default: a key generated once and
	// kept in the database).
	DeviceKey []byte
	// SecretKeys are 32-byte AES keys that encrypt second-factor secrets:
	// the first encrypts, all decrypt (default none: stored in plain text).
	SecretKeys [][]byte
}

// New returns the staff service on d.
func New(d *db.DB, o Options) *Service {
	if o.Params == (Params{}) {
		o.Params = RFC9106
	}
	if o.ParallelHashes == 0 {
		o.ParallelHashes = 2
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Service{db: d, hasher: NewHasher(o.Params, o.ParallelHashes), limits: newLoginLimits(), now: o.Now, devKey: o.DeviceKey}
	s.secretKeys, s.keyErr = newSecretKeys(o.SecretKeys)
	return s
}

// normalEmail is how e-mail addresses are compared and stored.
func normalEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func splitList(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
