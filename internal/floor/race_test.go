package floor

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// raceTickets is how many walk-ins the race serves: each needs both desks'
// agencies, so each desk calls that many times.
func raceTickets() int {
	if testing.Short() {
		return 100
	}
	return 1000
}

// TestRaceTwoDesks lets the Ausländeramt's desk 1 and the bank's desk call
// and serve as fast as they can, in parallel, visitors who all need both:
// never is a ticket at both desks at once, each is served once at each.
func TestRaceTwoDesks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		race(t, f, [2]*Store{f.s, f.s}, d)
	})
}

// TestRaceTwoProcesses is the race with each desk on its own store and
// database handle (two lotse processes on one PostgreSQL).
func TestRaceTwoProcesses(t *testing.T) {
	url := dbtest.PostgresURL(t)
	var handles [2]*db.DB
	for i := range handles {
		h, err := db.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { h.Close() })
		handles[i] = h
	}
	f := newFixture(t, handles[0])
	other := NewStore(handles[1], f.dates, f.bookings, f.loc, f.clock.now, nil)
	race(t, f, [2]*Store{f.s, other}, handles[0])
}

// raceFloor is how many visitors of the race reception lets wait at once,
// the busiest a One-Stop-Shop day gets.
const raceFloor = 40

// race lets reception walk in raceTickets visitors needing abh and the
// bank, keeping up to raceFloor on the floor, while desk abh/1 (on
// stores[0]) and bank/1 (on stores[1]) race through them. It checks from
// the desks' side (a ticket called while another desk holds it) and from
// the event log (a call of a ticket between its call and end elsewhere).
func race(t *testing.T, f *fixture, stores [2]*Store, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	n := raceTickets()
	var (
		mu       sync.Mutex
		held     = map[string]string{}
		served   = map[string]int{}
		finished int // tickets served at both desks
		wg       sync.WaitGroup
	)
	wg.Go(func() {
		for i := 0; i < n; {
			mu.Lock()
			room := i-finished < raceFloor
			mu.Unlock()
			if !room {
				time.Sleep(100 * time.Microsecond)
				continue
			}
			if _, _, err := f.s.WalkIn(ctx, f.date.ID, []string{"abh", "bank"}, "uk", false); err != nil {
				t.Errorf("walk-in: %v", err)
				return
			}
			i++
		}
	})
	for i, agency := range []string{"abh", "bank"} {
		wg.Go(func() {
			s := stores[i]
			for count := 0; count < n; {
				c, ok, err := s.Call(ctx, f.date.ID, agency, 1)
				if err != nil {
					t.Errorf("%s call: %v", agency, err)
					return
				}
				if !ok {
					time.Sleep(100 * time.Microsecond) // the rest are at the other desk or yet to come
					continue
				}
				mu.Lock()
				if at, busy := held[c.Ticket]; busy {
					t.Errorf("%s called at %s while held at %s", c.Ticket, agency, at)
				}
				held[c.Ticket] = agency
				mu.Unlock()
				runtime.Gosched() // let the other desk call meanwhile
				mu.Lock()
				delete(held, c.Ticket)
				served[c.Ticket+" "+agency]++
				if served[c.Ticket+" abh"]+served[c.Ticket+" bank"] == 2 {
					finished++
				}
				mu.Unlock()
				if _, err := s.Done(ctx, f.date.ID, agency, 1); err != nil {
					t.Errorf("%s done: %v", agency, err)
					return
				}
				count++
			}
		})
	}
	wg.Wait()
	if len(served) != 2*n {
		t.Errorf("%d services, want %d", len(served), 2*n)
	}
	for k, c := range served {
		if c != 1 {
			t.Errorf("%s served %d times", k, c)
		}
	}
	rows, err := d.Query(ctx, "SELECT ticket_id, kind, agency FROM floor_events WHERE date_id = ? AND kind IN ('call', 'end') ORDER BY id", f.date.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	open := map[int64]string{}
	calls := 0
	for rows.Next() {
		var (
			id           int64
			kind, agency string
		)
		if err := rows.Scan(&id, &kind, &agency); err != nil {
			t.Fatal(err)
		}
		switch at, busy := open[id]; {
		case kind == "call" && busy:
			t.Errorf("ticket %d called at %s while at %s", id, agency, at)
		case kind == "call":
			open[id] = agency
			calls++
		default:
			delete(open, id)
		}
	}
	if calls != 2*n || len(open) != 0 {
		t.Errorf("event log: %d calls, %d open at the end; want %d and 0", calls, len(open), 2*n)
	}
}
