package onestop

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Guard checks a date's next roster inside the transaction that stores it,
// against what hangs off the date in other packages: booking's GuardRoster
// refuses a roster that drops a desk or an interpreter a booking occupies.
// Running in the same transaction, the check and the write see one state.
type Guard func(ctx context.Context, tx *db.Tx, d Date, next Roster) error

// SetRoster validates r against the site and the date's opening hours and
// stores it as the roster of date id once guard (nil: none) has accepted it.
// An unknown id is NotFound, a cancelled date a Conflict (nobody comes).
func (s *Store) SetRoster(ctx context.Context, site Site, id int64, r Roster, guard Guard) error {
	roster, err := json.Marshal(r)
	if err != nil {
		return errs.Wrap(err, "onestop roster")
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		d, err := s.scan(tx.QueryRow(ctx, "SELECT "+dateColumns+" FROM onestop_dates WHERE id = ?"+tx.ForUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "error.not_found")
		}
		if err != nil {
			return errs.Wrap(err, "onestop date %d", id)
		}
		if d.Cancelled {
			return errs.E(errs.Conflict, "staff.onestop.error.cancelled")
		}
		if err := r.Validate(site, localMinutes(d.Start), localMinutes(d.End)); err != nil {
			return err
		}
		if guard != nil {
			if err := guard(ctx, tx, d, r); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, "UPDATE onestop_dates SET roster = ? WHERE id = ?", string(roster), id)
		return errs.Wrap(err, "onestop set roster %d", id)
	})
}

// copyTargets is the FROM clause of the dates CopyRoster changes: the next
// ones after a start that are neither practice nor cancelled, at most a
// number of them.
const copyTargets = ` FROM onestop_dates WHERE starts_at > ? AND NOT practice AND NOT cancelled
	ORDER BY starts_at, id LIMIT ?`

// CopyTargets returns the dates CopyRoster(id, n) would change, earliest
// first: the preview staff confirm the copy with.
func (s *Store) CopyTargets(ctx context.Context, id int64, n int) ([]Date, error) {
	d, err := s.Date(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.list(ctx, "SELECT "+dateColumns+copyTargets, d.Start.UTC(), n)
}
