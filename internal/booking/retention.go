package booking

import (
	"context"
	"time"

	"lotse/internal/errs"
)

// Forget erases the contacts (name, phone, e-mail) of the bookings of the
// dates that ended before cutoff: the retention period of a booking's
// personal data. The bookings themselves, their stops and status stay, so
// the day's counts survive. It returns how many bookings it cleared.
func (s *Store) Forget(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.Exec(ctx, `UPDATE bookings SET name = '', phone = '', email = ''
		WHERE (name <> '' OR phone <> '' OR email <> '')
		AND date_id IN (SELECT id FROM onestop_dates WHERE ends_at < ?)`, cutoff.UTC())
	if err != nil {
		return 0, errs.Wrap(err, "booking forget")
	}
	n, err := res.RowsAffected()
	return n, errs.Wrap(err, "booking forget")
}
