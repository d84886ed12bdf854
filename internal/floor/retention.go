package floor

import (
	"context"
	"time"

	"lotse/internal/errs"
)

// Forget erases the handover notes of the dates that ended before cutoff,
// the floor's part of the retention period: tickets, needs, the event log
// and the consent times (no names, no notes) stay for statistics and the
// audit. It returns how many notes it erased.
func (s *Store) Forget(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.Exec(ctx, `UPDATE floor_handovers SET note = NULL
		WHERE note IS NOT NULL AND date_id IN (SELECT id FROM onestop_dates WHERE ends_at < ?)`, cutoff.UTC())
	if err != nil {
		return 0, errs.Wrap(err, "floor forget")
	}
	n, err := res.RowsAffected()
	return n, errs.Wrap(err, "floor forget")
}
