package booking

import (
	"context"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
)

// Change swaps the itinerary of the booking with the code, if token is its
// token, for the one the visitor holds with the secret hold id (another
// time, date or set of agencies), and its concerns for concerns, in one
// transaction: the booking keeps its code, token and contact, its revision
// rises (the calendar's SEQUENCE), its old desks and interpreters are free
// at once and the hold's become its own. Anything wrong leaves the booking
// as it was: a cancelled booking is a Conflict (booking.error.cancelled), a
// lapsed hold a Conflict (booking.error.expired), a new date that already
// has MaxPerContact bookings of the contact a Conflict naming the field.
func (s *Store) Change(ctx context.Context, code, token, hold string, concerns []string) (Booking, error) {
	cj, err := concernsJSON(concerns)
	if err != nil {
		return Booking{}, err
	}
	if hold == "" || len(hold) > maxItineraryID {
		return Booking{}, errExpired
	}
	now := s.now()
	var b Booking
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if b, err = authorized(ctx, tx, code, token, tx.ForUpdate()); err != nil {
			return err
		}
		if b.Status != StatusConfirmed {
			return errs.E(errs.Conflict, "booking.error.cancelled")
		}
		var (
			holdID, dateID int64
			status         string
			expires        time.Time
			language       string
			stops          string
		)
		err = tx.QueryRow(ctx, "SELECT id, date_id, status, expires_at, language, stops FROM bookings WHERE hold_hash = ?"+tx.ForUpdate(), hashHex(hold)).
			Scan(&holdID, &dateID, &status, &expires, &language, &stops)
		if err != nil {
			return noRows(err, errExpired, "booking change")
		}
		if status != StatusHeld || !expires.After(now) {
			return errExpired
		}
		if dateID != b.DateID {
			if err := underContactLimit(ctx, tx, holdID, b.Contact); err != nil {
				return err
			}
		}
		for _, step := range []struct {
			q    string
			args []any
		}{
			{"DELETE FROM booking_slots WHERE booking_id = ?", []any{b.ID}},
			{"UPDATE booking_slots SET booking_id = ? WHERE booking_id = ?", []any{b.ID, holdID}},
			{"DELETE FROM bookings WHERE id = ?", []any{holdID}},
			{`UPDATE bookings SET date_id = ?, language = ?, stops = ?, concerns = ?, revision = revision + 1, updated_at = ?, reminded_at = NULL
				WHERE id = ?`, []any{dateID, language, stops, cj, now.UTC(), b.ID}},
		} {
			if _, err := tx.Exec(ctx, step.q, step.args...); err != nil {
				return errs.Wrap(err, "booking change")
			}
		}
		b, err = readBooking(ctx, tx, "id = ?", b.ID)
		return err
	})
	if err != nil {
		return Booking{}, err
	}
	return b, nil
}
