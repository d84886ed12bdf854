package booking

import (
	"context"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestForget: after the retention period a date's bookings lose name,
// phone and e-mail and keep the rest; before it nothing changes.
func TestForget(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		book(t, s, date, 0, Contact{Name: "A. Visitor", Phone: "+49 2421 1234", Email: "a@example.org"})
		if n, err := s.Forget(ctx, date.End); err != nil || n != 0 {
			t.Errorf("forget at the date's end: %d, %v; want nothing", n, err)
		}
		if n, err := s.Forget(ctx, date.End.Add(time.Minute)); err != nil || n != 1 {
			t.Errorf("forget after the date: %d, %v; want 1", n, err)
		}
		var name, phone, email, status string
		var count int
		if err := d.QueryRow(ctx, "SELECT name, phone, email, status FROM bookings WHERE date_id = ? AND code IS NOT NULL", date.ID).Scan(&name, &phone, &email, &status); err != nil {
			t.Fatal(err)
		}
		if name != "" || phone != "" || email != "" || status != StatusConfirmed {
			t.Errorf("after retention: %q %q %q %q", name, phone, email, status)
		}
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM bookings WHERE date_id = ?", date.ID).Scan(&count); err != nil || count != 1 {
			t.Errorf("%d bookings left, %v", count, err)
		}
	})
}
