package booking

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// testSite has a bank with one desk, an agency with two (one kept for
// walk-ins: one bookable) and Ukrainian interpreters.
func testSite() onestop.Site {
	return onestop.Site{
		Agencies: []onestop.Agency{{ID: "abh", Place: "auslaenderamt"}, {ID: "bank", Place: "bank"}},
		Roster: onestop.Roster{
			Agencies: []onestop.Station{
				{Agency: "abh", Desks: 2, WalkIn: 1, WalkinShare: 0.5, Services: []onestop.Service{{ID: "work-permit", Minutes: 20}}},
				{Agency: "bank", Desks: 1, Services: []onestop.Service{{ID: "account", Minutes: 15}}},
			},
			Interpreters: []onestop.Interpreter{{Lang: "uk", Count: 1}},
		},
	}
}

// testDay is the test's date: a Wednesday without a holiday, after the
// clocks of the tests (synctest's starts in 2000).
const testDay = "2030-03-13"

// newTestStore makes the date testDay on d and a store with the clock now.
func newTestStore(t testing.TB, d *db.DB, now func() time.Time) (*Store, onestop.Date) {
	t.Helper()
	ctx := context.Background()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	dates := onestop.NewStore(d, loc)
	site := testSite()
	id, err := dates.Create(ctx, site, onestop.Input{Date: testDay, Start: "09:00", End: "12:00", Roster: site.Roster}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s := NewStore(d, dates, 10*time.Minute, now)
	date, err := s.Date(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return s, date
}

// bankAt is the itinerary of the bank alone at minute start.
func bankAt(d onestop.Date, start int) Itinerary {
	return Itinerary{DateID: d.ID, Stops: []Stop{{Agency: "bank", Start: start, End: start + 15}}}
}

func TestRaceForLastItinerary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s, date := newTestStore(t, d, nil)
		raceOnce(t, []*Store{s}, date)
	})
}

// raceOnce lets 200 goroutines, spread over the stores, hold and confirm the
// bank at 9:30: exactly one books, every other gets a Conflict.
func raceOnce(t *testing.T, stores []*Store, date onestop.Date) {
	t.Helper()
	ctx := context.Background()
	var (
		wg               sync.WaitGroup
		mu               sync.Mutex
		booked, conflict int
	)
	for i := range 200 {
		wg.Go(func() {
			s := stores[i%len(stores)]
			h, err := s.Hold(ctx, bankAt(date, 30), date)
			if err == nil {
				_, _, _, err = s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: Contact{Name: "R. Acer"}, Consent: true})
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				booked++
			case errs.KindOf(err) == errs.Conflict:
				conflict++
			default:
				t.Errorf("racer %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if booked != 1 || conflict != 199 {
		t.Fatalf("booked %d, conflicts %d; want 1 and 199", booked, conflict)
	}
	for _, start := range []int{20, 40} { // overlapping the booked 30–45
		if _, err := stores[0].Hold(ctx, bankAt(date, start), date); errs.KindOf(err) != errs.Conflict {
			t.Errorf("hold at %d over the booking: %v, want a Conflict", start, err)
		}
	}
	if _, err := stores[0].Hold(ctx, bankAt(date, 45), date); err != nil {
		t.Errorf("hold right after the booking: %v", err)
	}
}

func TestHoldExpires(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		synctest.Test(t, func(t *testing.T) {
			ctx := context.Background()
			s, date := newTestStore(t, d, time.Now)
			first, err := s.Hold(ctx, bankAt(date, 0), date)
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(9 * time.Minute)
			if _, err := s.Hold(ctx, bankAt(date, 0), date); errs.KindOf(err) != errs.Conflict {
				t.Fatalf("second hold within 10 minutes: %v, want a Conflict", err)
			}
			time.Sleep(time.Minute)
			if _, err := s.Hold(ctx, bankAt(date, 0), date); err != nil {
				t.Fatalf("hold after the first lapsed: %v", err)
			}
			_, _, _, err = s.Confirm(ctx, Confirmation{Hold: first.ID, Contact: Contact{Name: "A"}, Consent: true})
			if errs.KindOf(err) != errs.Conflict {
				t.Fatalf("confirm of the lapsed hold: %v, want a Conflict", err)
			}
			time.Sleep(10 * time.Minute)
			if n, err := s.Sweep(ctx); err != nil || n != 1 {
				t.Fatalf("sweep: %d, %v; want 1", n, err)
			}
		})
	})
}

func TestConfirmIdempotentCancelTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now()
		s, date := newTestStore(t, d, func() time.Time { return now })
		h, err := s.Hold(ctx, Itinerary{DateID: date.ID, Language: "uk", Stops: []Stop{{Agency: "abh", Start: 0, End: 20}, {Agency: "bank", Start: 20, End: 35}}}, date)
		if err != nil {
			t.Fatal(err)
		}
		in := Confirmation{Hold: h.ID, Contact: Contact{Name: "T. Test", Email: "t@example.org"}, Consent: true, IdempotencyKey: "k1"}
		b1, tok1, created1, err := s.Confirm(ctx, in)
		if err != nil || !created1 {
			t.Fatalf("confirm: %v, created %v", err, created1)
		}
		b2, tok2, created2, err := s.Confirm(ctx, in)
		if err != nil || created2 || b2.Code != b1.Code || tok2 != tok1 {
			t.Fatalf("repeat: %v, created %v, %s/%s", err, created2, b2.Code, b1.Code)
		}
		in.IdempotencyKey = "k2"
		if _, _, _, err := s.Confirm(ctx, in); errs.KindOf(err) != errs.Conflict {
			t.Fatalf("confirm with another key: %v, want a Conflict", err)
		}
		for _, tok := range []string{"", "wrong", tok1 + "x"} {
			if _, err := s.Booking(ctx, string(b1.Code), tok); errs.KindOf(err) != errs.NotFound {
				t.Errorf("token %q: %v, want NotFound", tok, err)
			}
			if _, _, err := s.Cancel(ctx, string(b1.Code), tok); errs.KindOf(err) != errs.NotFound {
				t.Errorf("cancel with token %q: %v, want NotFound", tok, err)
			}
		}
		for i := range 2 {
			b, changed, err := s.Cancel(ctx, string(b1.Code), tok1)
			if err != nil || b.Status != StatusCancelled || b.Revision != 1 || changed != (i == 0) {
				t.Fatalf("cancel %d: %v, status %s, revision %d, changed %v", i, err, b.Status, b.Revision, changed)
			}
		}
		if _, err := s.Hold(ctx, bankAt(date, 20), date); errs.KindOf(err) != errs.Conflict {
			t.Fatalf("the cancelled booking's bank is free before its release delay: %v", err)
		}
		now = now.Add(ReleaseDelay)
		if _, err := s.Hold(ctx, bankAt(date, 20), date); err != nil {
			t.Fatalf("the cancelled booking's bank is not free after its release delay: %v", err)
		}
	})
}

func TestSweepEvery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			s, date := newTestStore(t, d, time.Now)
			if _, err := s.Hold(ctx, bankAt(date, 0), date); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() {
				defer close(done)
				s.SweepEvery(ctx, time.Minute, func(err error) { t.Errorf("sweep: %v", err) })
			}()
			time.Sleep(11 * time.Minute)
			synctest.Wait()
			var n int
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM bookings").Scan(&n); err != nil || n != 0 {
				t.Errorf("%d holds left after their time (%v), want 0", n, err)
			}
			cancel()
			<-done
		})
	})
}

func TestContactLimit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		phones := []string{"0241 123456", "0241/123456", "0241-12 34 56", "(0241) 123456", "0241 123456"}
		for i, phone := range phones {
			h, err := s.Hold(ctx, bankAt(date, 15*i), date)
			if err != nil {
				t.Fatal(err)
			}
			_, _, _, err = s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: Contact{Name: "A", Phone: phone}, Consent: true})
			if i < MaxPerContact && err != nil {
				t.Fatalf("booking %d: %v", i+1, err)
			}
			if i == MaxPerContact && (errs.KindOf(err) != errs.Conflict || errOf(err).Field != "phone") {
				t.Fatalf("booking %d with the same phone: %v, want a Conflict naming phone", i+1, err)
			}
		}
	})
}

func TestIdempotencyKeyOfAnotherHold(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		confirm := func(start int) error {
			h, err := s.Hold(ctx, bankAt(date, start), date)
			if err != nil {
				t.Fatal(err)
			}
			_, _, _, err = s.Confirm(ctx, Confirmation{Hold: h.ID, Contact: Contact{Name: "A"}, Consent: true, IdempotencyKey: "same"})
			return err
		}
		if err := confirm(0); err != nil {
			t.Fatal(err)
		}
		if err := confirm(15); errs.KindOf(err) != errs.Conflict || errOf(err).Field != "idempotency_key" {
			t.Fatalf("another hold with the same key: %v, want a Conflict naming idempotency_key", err)
		}
	})
}
