package floor

import (
	"context"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestForget: after the retention period a date's handover notes are
// erased; before it they stay; the event log survives.
func TestForget(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		a, _ := f.walkIn(t, "abh")
		id, err := f.s.Handover(ctx, f.date.ID, a, "abh", "bank", "Needs an account for the salary.")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.Consent(ctx, f.date.ID, id, "abh", true); err != nil {
			t.Fatal(err)
		}
		if n, err := f.s.Forget(ctx, f.date.End); err != nil || n != 0 {
			t.Errorf("forget at the date's end: %d, %v; want nothing erased", n, err)
		}
		if got := notes(t, f, "bank"); got[a] == "" {
			t.Errorf("the note is gone before its time")
		}
		if n, err := f.s.Forget(ctx, f.date.End.Add(time.Minute)); err != nil || n != 1 {
			t.Errorf("forget after the date: %d, %v; want 1", n, err)
		}
		if got := notes(t, f, "bank"); len(got) != 0 {
			t.Errorf("bank reads %v after the retention period", got)
		}
		var events int
		if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM floor_events WHERE date_id = ?", f.date.ID).Scan(&events); err != nil || events < 3 {
			t.Errorf("%d events left, %v", events, err)
		}
	})
}
