package floor

import (
	"context"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestBoard: the call display's view lists open calls newest first (a
// service begun leaves it) and counts who waits, and names no needs.
func TestBoard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		id := f.date.ID
		a1, _ := f.walkIn(t, "bank")
		a2, _ := f.walkIn(t, "abh")
		f.walkIn(t, "bank")
		b, err := f.s.Board(ctx, id)
		if err != nil || len(b.Calls) != 0 || b.Waiting != 3 {
			t.Fatalf("board before calls: %+v %v", b, err)
		}
		if _, _, err := f.s.Call(ctx, id, "bank", 1); err != nil {
			t.Fatal(err)
		}
		f.clock.add(time.Minute)
		if _, _, err := f.s.Call(ctx, id, "abh", 1); err != nil {
			t.Fatal(err)
		}
		b, err = f.s.Board(ctx, id)
		if err != nil || len(b.Calls) != 2 || b.Calls[0].Ticket != a2 || b.Calls[0].Agency != "abh" || b.Calls[0].Desk != 1 || b.Calls[1].Ticket != a1 || b.Waiting != 1 {
			t.Fatalf("board after two calls: %+v %v", b, err)
		}
		if _, err := f.s.Start(ctx, id, "abh", 1); err != nil {
			t.Fatal(err)
		}
		if b, err = f.s.Board(ctx, id); err != nil || len(b.Calls) != 1 || b.Calls[0].Ticket != a1 {
			t.Errorf("board after abh began: %+v %v", b, err)
		}
	})
}
