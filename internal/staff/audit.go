package staff

import (
	"context"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Actor is who made a change: a staff account, or the command line or the
// server itself.
type Actor struct {
	ID    int64 // 0 for the command line and the system
	Email string
}

// The actors that are not accounts.
var (
	CLI    = Actor{Email: "command line"}
	System = Actor{Email: "system"}
)

// Actor returns u as the author of a change.
func (u *User) Actor() Actor { return Actor{ID: u.ID, Email: u.Email} }

// Entry is one line of the audit log: who did what to which target, when. The
// target names a staff-side object (a guide and language, an account id, a
// route), never a visitor's data.
type Entry struct {
	At     time.Time
	Actor  string
	Action string
	Target string
}

// Audit records that actor did action on target, outside any other write.
func (s *Service) Audit(ctx context.Context, actor Actor, action, target string) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error { return s.audit(ctx, tx, actor, action, target) })
}

func (s *Service) audit(ctx context.Context, tx *db.Tx, actor Actor, action, target string) error {
	var id any
	if actor.ID != 0 {
		id = actor.ID
	}
	_, err := tx.Exec(ctx, "INSERT INTO audit_log (at, actor_id, actor, action, target) VALUES (?, ?, ?, ?, ?)",
		s.now().UTC(), id, actor.Email, action, target)
	if err != nil {
		return errs.Wrap(err, "audit %s", action)
	}
	return nil
}

// AuditLog returns the newest entries first, at most limit.
func (s *Service) AuditLog(ctx context.Context, limit int) ([]Entry, error) {
	rows, err := s.db.Query(ctx, "SELECT at, actor, action, target FROM audit_log ORDER BY id DESC LIMIT ?", limit)
	if err != nil {
		return nil, errs.Wrap(err, "read audit log")
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.At, &e.Actor, &e.Action, &e.Target); err != nil {
			return nil, errs.Wrap(err, "scan audit log")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
