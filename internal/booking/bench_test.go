package booking

import (
	"context"
	"testing"
	"time"

	"lotse/internal/db/dbtest"
)

// BenchmarkHoldConfirmCancel measures one visitor's way on SQLite,
// uncontended: a hold, its confirmation, its cancellation (the clock moves
// past the release delay, so the next hold frees the desk again).
func BenchmarkHoldConfirmCancel(b *testing.B) {
	ctx := context.Background()
	now := time.Now()
	s, date := newTestStore(b, dbtest.SQLite(b), func() time.Time { return now })
	for b.Loop() {
		h, err := s.Hold(ctx, bankAt(date, 30), date)
		if err != nil {
			b.Fatal(err)
		}
		bk, token, _, err := s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: Contact{Name: "B"}, Consent: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.Cancel(ctx, string(bk.Code), token); err != nil {
			b.Fatal(err)
		}
		now = now.Add(ReleaseDelay)
	}
}
