package booking

import (
	"context"

	"lotse/internal/errs"
)

// CancelDate calls off every hold and booking of a date the county has
// cancelled (onestop.Store.Cancel): their status becomes cancelled, their
// revision is raised (the calendar file's SEQUENCE) and date_cancelled_at
// marks them as called off by the county, so that DateCancelNotices finds
// the visitors to tell. It returns how many bookings this call cancelled;
// a second call, or one racing it in another process, changes nothing.
// Their desks are not given back: a cancelled date is booked no more.
func (s *Store) CancelDate(ctx context.Context, dateID int64) (int64, error) {
	now := s.now().UTC()
	res, err := s.db.Exec(ctx, `UPDATE bookings SET status = ?, revision = revision + 1, updated_at = ?, date_cancelled_at = ?
		WHERE date_id = ? AND status IN (?, ?)`, StatusCancelled, now, now, dateID, StatusHeld, StatusConfirmed)
	if err != nil {
		return 0, errs.Wrap(err, "booking cancel date %d", dateID)
	}
	n, err := res.RowsAffected()
	return n, errs.Wrap(err, "booking cancel date %d", dateID)
}

// Affected counts the confirmed bookings of a date and those of them that
// gave an e-mail address: what cancelling the date would call off, and how
// many e-mails it would send.
func (s *Store) Affected(ctx context.Context, dateID int64) (bookings, emails int, err error) {
	err = s.db.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN email <> '' THEN 1 ELSE 0 END), 0)
		FROM bookings WHERE date_id = ? AND status = ?`, dateID, StatusConfirmed).Scan(&bookings, &emails)
	return bookings, emails, errs.Wrap(err, "booking affected %d", dateID)
}

// DateCancelNotices returns the bookings of a date that the county's
// cancellation called off, that gave an e-mail address and whose e-mail is
// not claimed yet: who still is to be told.
func (s *Store) DateCancelNotices(ctx context.Context, dateID int64) ([]Booking, error) {
	rows, err := s.db.Query(ctx, "SELECT "+bookingColumns+` FROM bookings
		WHERE date_id = ? AND date_cancelled_at IS NOT NULL AND code IS NOT NULL AND email <> '' AND date_notified_at IS NULL
		ORDER BY id`, dateID)
	if err != nil {
		return nil, errs.Wrap(err, "booking date notices")
	}
	defer rows.Close()
	var out []Booking
	for rows.Next() {
		b, err := scanBooking(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, errs.Wrap(rows.Err(), "booking date notices")
}

// ClaimDateCancelNotice marks the DateCancelled e-mail of booking id as sent
// and reports whether this call did: of several requests or processes
// claiming one booking, exactly one gets true and sends it.
func (s *Store) ClaimDateCancelNotice(ctx context.Context, id int64) (bool, error) {
	r, err := s.db.Exec(ctx, "UPDATE bookings SET date_notified_at = ? WHERE id = ? AND date_notified_at IS NULL", s.now().UTC(), id)
	if err != nil {
		return false, errs.Wrap(err, "booking claim date notice")
	}
	n, err := r.RowsAffected()
	return n == 1, errs.Wrap(err, "booking claim date notice")
}

// ReleaseDateCancelNotice takes back the claim of booking id's
// DateCancelled e-mail after it failed to send, so that a later attempt
// (the admin confirming the cancellation again) sends it.
func (s *Store) ReleaseDateCancelNotice(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, "UPDATE bookings SET date_notified_at = NULL WHERE id = ?", id)
	return errs.Wrap(err, "booking release date notice")
}
