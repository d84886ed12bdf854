package staff

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// SessionStore keeps scs sessions in the database, so that every instance of
// lotse sees the same sessions. Tokens are stored as their SHA-256.
type SessionStore struct {
	db  *db.DB
	now func() time.Time

	mu        sync.Mutex
	lastSweep time.Time
}

// sweepEvery is how often a commit also deletes expired sessions.
const sweepEvery = 10 * time.Minute

var _ scs.CtxStore = (*SessionStore)(nil)

// NewSessionStore returns a session store on d.
func NewSessionStore(d *db.DB) *SessionStore { return &SessionStore{db: d, now: time.Now} }

// FindCtx returns the data of an unexpired session.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.QueryRow(ctx, "SELECT data FROM sessions WHERE token_hash = ? AND expiry > ?", tokenHash(token), s.now().UTC()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// CommitCtx stores a session until expiry.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	s.sweep(ctx)
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (token_hash, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token_hash) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, tokenHash(token), b, expiry.UTC())
	return err
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.Exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash(token))
	return err
}

// Find implements scs.Store.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit implements scs.Store.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete implements scs.Store.
func (s *SessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// sweep deletes expired sessions at most every sweepEvery.
func (s *SessionStore) sweep(ctx context.Context) {
	s.mu.Lock()
	due := s.now().Sub(s.lastSweep) > sweepEvery
	if due {
		s.lastSweep = s.now()
	}
	s.mu.Unlock()
	if due {
		s.db.Exec(ctx, "DELETE FROM sessions WHERE expiry <= ?", s.now().UTC())
	}
}

// Session keys.
const (
	keyUser    = "uid"
	keyEpoch   = "epoch"
	keyPending = "pending" // user id that passed the password and owes a code
	keySince   = "pending_since"
	keyOffer   = "totp_offer" // the sealed second-factor secret being set up
)

// pendingFor is how long the code may follow the password.
const pendingFor = 5 * time.Minute

// Sessions returns the session manager of the staff area: a cookie named
// lotse_staff, HttpOnly, SameSite=Lax, Secure when secure (behind TLS), ending
// after two idle hours or twelve hours in all.
func (s *Service) Sessions(secure bool) *scs.SessionManager {
	m := scs.New()
	m.Store = NewSessionStore(s.db)
	m.Cookie.Name = "lotse_staff"
	m.Cookie.Path = "/staff/"
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = secure
	m.Cookie.Persist = false
	m.IdleTimeout = 2 * time.Hour
	m.Lifetime = 12 * time.Hour
	return m
}

// SignIn starts an authenticated session for u with a new token (no session
// fixation). A user with a second factor must have passed CheckCode.
func (s *Service) SignIn(ctx context.Context, m *scs.SessionManager, u *User) error {
	if err := m.RenewToken(ctx); err != nil {
		return err
	}
	m.Remove(ctx, keyPending)
	m.Remove(ctx, keySince)
	m.Put(ctx, keyUser, u.ID)
	m.Put(ctx, keyEpoch, u.Epoch)
	return s.Audit(ctx, u.Actor(), "login", "")
}

// SetPending remembers that u passed the password and owes a code.
func (s *Service) SetPending(ctx context.Context, m *scs.SessionManager, u *User) error {
	if err := m.RenewToken(ctx); err != nil {
		return err
	}
	m.Put(ctx, keyPending, u.ID)
	m.Put(ctx, keySince, s.now().Unix())
	return nil
}

// Pending returns the id of the user who passed the password in this session
// within the last five minutes, or 0.
func (s *Service) Pending(ctx context.Context, m *scs.SessionManager) int64 {
	id := m.GetInt64(ctx, keyPending)
	if id == 0 || s.now().Sub(time.Unix(m.GetInt64(ctx, keySince), 0)) > pendingFor {
		return 0
	}
	return id
}

// Current returns the signed-in user of the session, or nil when nobody is
// signed in, the account is disabled, or its sessions were ended.
func (s *Service) Current(ctx context.Context, m *scs.SessionManager) (*User, error) {
	id := m.GetInt64(ctx, keyUser)
	if id == 0 {
		return nil, nil
	}
	u, err := s.ByID(ctx, id)
	if errs.KindOf(err) == errs.NotFound {
		m.Destroy(ctx)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled || u.Epoch != m.GetInt(ctx, keyEpoch) {
		m.Destroy(ctx)
		return nil, nil
	}
	return u, nil
}

// SignOut ends this session.
func (s *Service) SignOut(ctx context.Context, m *scs.SessionManager, u *User) error {
	if err := m.Destroy(ctx); err != nil {
		return err
	}
	return s.Audit(ctx, u.Actor(), "logout", "")
}
