package booking

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/onestop"
)

// book holds and confirms the bank at minute start of date with the contact.
func book(t *testing.T, s *Store, date onestop.Date, start int, c Contact) (Booking, string) {
	t.Helper()
	ctx := context.Background()
	h, err := s.Hold(ctx, bankAt(date, start), date)
	if err != nil {
		t.Fatal(err)
	}
	b, token, _, err := s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: c, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	return b, token
}

func TestDueReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		loc := date.Start.Location()
		site := testSite()
		week, err := s.dates.Create(ctx, site, onestop.Input{Date: "2030-03-20", Start: "09:00", End: "12:00", Roster: site.Roster}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		later, err := s.Date(ctx, week)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := book(t, s, date, 0, Contact{Name: "A", Email: "a@example.org"})
		book(t, s, date, 15, Contact{Name: "B", Phone: "+49 2421 220"})
		c, token := book(t, s, date, 30, Contact{Name: "C", Email: "c@example.org"})
		if _, _, err := s.Cancel(ctx, string(c.Code), token); err != nil {
			t.Fatal(err)
		}
		book(t, s, later, 0, Contact{Name: "D", Email: "d@example.org"})

		if due, err := s.DueReminders(ctx, time.Date(2030, 3, 12, 9, 59, 0, 0, loc)); err != nil || len(due) != 0 {
			t.Fatalf("before 10:00: %d due, %v", len(due), err)
		}
		now := time.Date(2030, 3, 12, 10, 0, 0, 0, loc)
		due, err := s.DueReminders(ctx, now)
		if err != nil || len(due) != 1 || due[0].ID != want.ID {
			t.Fatalf("due = %+v, %v; want booking %d alone", due, err, want.ID)
		}
		var won atomic.Int32
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				ok, err := s.ClaimReminder(ctx, want.ID)
				if err != nil {
					t.Error(err)
				}
				if ok {
					won.Add(1)
				}
			})
		}
		wg.Wait()
		if won.Load() != 1 {
			t.Fatalf("%d claims won, want 1", won.Load())
		}
		if due, err := s.DueReminders(ctx, now); err != nil || len(due) != 0 {
			t.Fatalf("after the claim: %d due, %v", len(due), err)
		}
	})
}
