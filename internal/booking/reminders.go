package booking

import (
	"context"
	"time"

	"lotse/internal/errs"
)

// ReminderHour is the local hour of the day before a date from which its
// bookings are reminded.
const ReminderHour = 10

// DueReminders returns the confirmed bookings with an e-mail address and no
// reminder yet whose public date is the day after now, once it is
// ReminderHour or later. now is in the dates' local time zone.
func (s *Store) DueReminders(ctx context.Context, now time.Time) ([]Booking, error) {
	if now.Hour() < ReminderHour {
		return nil, nil
	}
	y, m, d := now.Date()
	tomorrow := time.Date(y, m, d+1, 12, 0, 0, 0, now.Location()).Format(time.DateOnly)
	rows, err := s.db.Query(ctx, "SELECT "+bookingColumns+` FROM bookings
		WHERE status = ? AND email <> '' AND reminded_at IS NULL
		AND date_id IN (SELECT id FROM onestop_dates WHERE day = ? AND NOT practice AND NOT cancelled)
		ORDER BY id`, StatusConfirmed, tomorrow)
	if err != nil {
		return nil, errs.Wrap(err, "booking reminders")
	}
	defer rows.Close()
	var due []Booking
	for rows.Next() {
		b, err := scanBooking(rows)
		if err != nil {
			return nil, err
		}
		due = append(due, b)
	}
	return due, errs.Wrap(rows.Err(), "booking reminders")
}

// ClaimReminder marks the reminder of booking id as sent and reports
// whether this call did: of several processes claiming one booking, exactly
// one gets true and sends it.
func (s *Store) ClaimReminder(ctx context.Context, id int64) (bool, error) {
	r, err := s.db.Exec(ctx, "UPDATE bookings SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL", s.now().UTC(), id)
	if err != nil {
		return false, errs.Wrap(err, "booking claim reminder")
	}
	n, err := r.RowsAffected()
	return n == 1, errs.Wrap(err, "booking claim reminder")
}
