package booking

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestCancelDate cancels a date with a booking that gave an e-mail, one that
// gave none and one its visitor cancelled before: the two live ones are
// called off once, and only the first is to be told, by exactly one of many
// claims.
func TestCancelDate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		mailed, token := book(t, s, date, 0, Contact{Name: "A", Email: "a@example.org"})
		book(t, s, date, 15, Contact{Name: "B", Phone: "+49 2421 1234"})
		gone, goneToken := book(t, s, date, 30, Contact{Name: "C", Email: "c@example.org"})
		if _, _, err := s.Cancel(ctx, string(gone.Code), goneToken); err != nil {
			t.Fatal(err)
		}
		if n, e, err := s.Affected(ctx, date.ID); err != nil || n != 2 || e != 1 {
			t.Fatalf("Affected = %d bookings, %d e-mails, %v; want 2, 1", n, e, err)
		}
		for i, want := range []int64{2, 0} {
			if n, err := s.CancelDate(ctx, date.ID); err != nil || n != want {
				t.Fatalf("CancelDate #%d = %d, %v; want %d", i+1, n, err, want)
			}
		}
		b, err := s.Booking(ctx, string(mailed.Code), token)
		if err != nil || b.Status != StatusCancelled || b.Revision != mailed.Revision+1 {
			t.Fatalf("booking after CancelDate: %+v, %v", b, err)
		}
		notices, err := s.DateCancelNotices(ctx, date.ID)
		if err != nil || len(notices) != 1 || notices[0].Code != mailed.Code {
			t.Fatalf("DateCancelNotices = %+v, %v; want only %s", notices, err, mailed.Code)
		}
		var (
			wg     sync.WaitGroup
			claims atomic.Int32
		)
		for range 10 {
			wg.Go(func() {
				ok, err := s.ClaimDateCancelNotice(ctx, notices[0].ID)
				if err != nil {
					t.Error(err)
				}
				if ok {
					claims.Add(1)
				}
			})
		}
		wg.Wait()
		if claims.Load() != 1 {
			t.Fatalf("%d claims won, want 1", claims.Load())
		}
		if notices, err := s.DateCancelNotices(ctx, date.ID); err != nil || len(notices) != 0 {
			t.Fatalf("after the claim: %d notices, %v", len(notices), err)
		}
		// A notice that failed to send is released and due again.
		if err := s.ReleaseDateCancelNotice(ctx, notices[0].ID); err != nil {
			t.Fatal(err)
		}
		if again, err := s.DateCancelNotices(ctx, date.ID); err != nil || len(again) != 1 {
			t.Fatalf("after the release: %d notices, %v", len(again), err)
		}
		if n, _, err := s.Affected(ctx, date.ID); err != nil || n != 0 {
			t.Fatalf("Affected after CancelDate = %d, %v", n, err)
		}
	})
}
