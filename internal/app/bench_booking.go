package app

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/loadgen"
	"lotse/internal/onestop"
)

// benchRequests are the visitors' requests the booking bench cycles through:
// mostly one agency, some two or three, some with an interpreter.
var benchRequests = []booking.Request{
	{Agencies: []string{"abh"}},
	{Agencies: []string{"aa"}},
	{Agencies: []string{"abh", "aa"}},
	{Agencies: []string{"jobcom"}},
	{Agencies: []string{"famb"}, Language: "uk"},
	{Agencies: []string{"aa", "jobcom", "bank"}},
	{Agencies: []string{"kk"}},
	{Agencies: []string{"famb", "kultur"}},
	{Agencies: []string{"wohn"}, Language: "ar"},
}

// bookingBench is one run of "lotse bench booking": the stores on the
// bench's database and the table it prints.
type bookingBench struct {
	dates    *onestop.Store
	bookings *booking.Store
	site     onestop.Site
	out      io.Writer
}

// benchBooking runs "lotse bench booking": on a fresh demo database it
// measures proposals on the county's next date with none and with --booked
// visitors booked, holds and confirmations of itineraries no one else wants,
// and --racers clients racing for one date until it is full, and then checks
// that no desk or interpreter minute is booked twice (exit code 1 if one is).
func benchBooking(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench booking", flag.ContinueOnError)
	fs.SetOutput(stderr)
	proposals := fs.Int("proposals", 200, "proposals per measurement")
	booked := fs.Int("booked", 40, "visitors booked before the second proposal measurement")
	confirmations := fs.Int("confirmations", 2000, "confirmations per uncontended measurement")
	clients := fs.Int("clients", 8, "clients of the concurrent uncontended measurement")
	racers := fs.Int("racers", 200, "clients racing for one date")
	dbURL := fs.String("database", "", "database URL without bookings (default: a new SQLite file)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *proposals <= 0 || *booked <= 0 || *confirmations <= 0 || *clients <= 0 || *racers <= 0 {
		fmt.Fprintln(stderr, "bench booking: --proposals, --booked, --confirmations, --clients and --racers must be positive")
		return 2
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, done, err := benchApp(ctx, *dbURL)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer done()
	b, err := newBookingBench(ctx, a, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "bench booking:", err)
		return 1
	}
	upcoming, err := b.dates.Upcoming(ctx, time.Now())
	if err != nil || len(upcoming) < 2 {
		fmt.Fprintln(stderr, "bench booking: the demo county has fewer than two coming dates", err)
		return 1
	}
	fmt.Fprintf(stdout, "lotse bench booking: database %s, proposals on %s with 0 and %d booked, %d confirmations per run, %d racers on %s\n\n",
		a.db.Dialect, upcoming[0].Day, *booked, *confirmations, *racers, upcoming[1].Day)
	fmt.Fprintln(stdout, "| measurement | clients | done | per s | p50 ms | p99 ms | conflicts |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|")
	err = b.proposals(ctx, upcoming[0], *proposals, *booked)
	if err == nil {
		err = b.uncontended(ctx, *confirmations, *clients)
	}
	if err == nil {
		err = b.race(ctx, upcoming[1], *racers)
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench booking:", err)
		return 1
	}
	v, err := doubleBookings(ctx, a.db, b.dates)
	if err != nil {
		fmt.Fprintln(stderr, "bench booking:", err)
		return 1
	}
	fmt.Fprintf(stdout, "\ndouble bookings: %d (%d slot minutes held twice, %d minutes over capacity; %d confirmed bookings, %d slot rows)\n",
		v.shared+v.over, v.shared, v.over, v.bookings, v.slots)
	if v.shared+v.over > 0 {
		return 1
	}
	return 0
}

// newBookingBench makes the stores on a's database, which must hold no
// bookings yet, and the demo county's rule dates.
func newBookingBench(ctx context.Context, a *App, out io.Writer) (*bookingBench, error) {
	var n int
	if err := a.db.QueryRow(ctx, "SELECT COUNT(*) FROM bookings").Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, fmt.Errorf("the database holds %d bookings; give it a fresh one", n)
	}
	county, err := a.content.County(ctx)
	if err != nil {
		return nil, err
	}
	b := &bookingBench{dates: onestop.NewStore(a.db, a.cfg.Location), site: county.OneStop, out: out}
	b.bookings = booking.NewStore(a.db, b.dates, 0, nil)
	return b, b.dates.Ensure(ctx, b.site, time.Now())
}

// row prints one line of the table.
func (b *bookingBench) row(name string, clients int, r loadgen.Result, conflicts int) {
	fmt.Fprintf(b.out, "| %s | %d | %d | %.0f | %.2f | %.2f | %d |\n", name, clients, r.Requests, r.RPS(), ms(r.P50), ms(r.P99), conflicts)
}

// proposals measures n proposals on d, first with no one booked, then with
// booked visitors booked, and prints both and their ratio.
func (b *bookingBench) proposals(ctx context.Context, d onestop.Date, n, booked int) error {
	measure := func() (loadgen.Result, error) {
		lat := make([]time.Duration, 0, n)
		start := time.Now()
		for i := range n {
			t0 := time.Now()
			if _, err := b.bookings.Proposals(ctx, d, benchRequests[i%len(benchRequests)]); err != nil {
				return loadgen.Result{}, err
			}
			lat = append(lat, time.Since(t0))
		}
		return loadgen.Summarise([][]time.Duration{lat}, nil, time.Since(start)), nil
	}
	if _, err := measure(); err != nil { // warm-up
		return err
	}
	empty, err := measure()
	if err != nil {
		return err
	}
	// Book the requests in turn, leaving out those with no proposal left.
	for i, r, misses := 0, 0, 0; i < booked; r++ {
		ok, err := b.book(ctx, d, benchRequests[r%len(benchRequests)], nil)
		switch {
		case err != nil:
			return err
		case ok:
			i, misses = i+1, 0
		case misses == len(benchRequests):
			return fmt.Errorf("%s full after %d bookings", d.Day, i)
		default:
			misses++
		}
	}
	full, err := measure()
	if err != nil {
		return err
	}
	b.row("proposal, 0 booked", 1, empty, 0)
	b.row(fmt.Sprintf("proposal, %d booked", booked), 1, full, 0)
	fmt.Fprintf(b.out, "| ratio %d/0 booked | | | %.2f× | %.2f× | %.2f× | |\n", booked,
		full.RPS()/empty.RPS(), float64(full.P50)/float64(empty.P50), float64(full.P99)/float64(empty.P99))
	return nil
}

// book books the first proposal for req on d and reports whether there was
// one. A hold that someone else's took first is counted in conflicts (which
// may be nil only when no one races) and tried again with fresh proposals.
// Latencies of proposals and of hold plus confirm go to lat, when not nil.
func (b *bookingBench) book(ctx context.Context, d onestop.Date, req booking.Request, lat *raceLatencies) (bool, error) {
	for {
		t0 := time.Now()
		ps, err := b.bookings.Proposals(ctx, d, req)
		if err != nil || len(ps) == 0 {
			return false, err
		}
		t1 := time.Now()
		err = b.confirm(ctx, ps[0], d)
		if lat != nil {
			lat.add(t1.Sub(t0), time.Since(t1), err == nil)
		}
		if errs.KindOf(err) != errs.Conflict || lat == nil {
			return err == nil, err
		}
	}
}

// confirm holds and confirms it on d, as a visitor does.
func (b *bookingBench) confirm(ctx context.Context, it booking.Itinerary, d onestop.Date) error {
	h, err := b.bookings.Hold(ctx, it, d)
	if err != nil {
		return err
	}
	_, _, _, err = b.bookings.Confirm(ctx, booking.Confirmation{Hold: h.ID, Contact: booking.Contact{Name: "B. Ench"},
		Consent: true, IdempotencyKey: booking.NewToken()})
	return err
}

// raceLatencies collects the latencies of racing clients.
type raceLatencies struct {
	mu                  sync.Mutex
	proposals, confirms []time.Duration
	conflicts           int
}

// add records one proposal and one hold (plus its confirmation when won).
func (l *raceLatencies) add(proposal, confirm time.Duration, won bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.proposals = append(l.proposals, proposal)
	if won {
		l.confirms = append(l.confirms, confirm)
	} else {
		l.conflicts++
	}
}

// race lets racers clients book on d, each with its request, until no
// proposal is left for any of them.
func (b *bookingBench) race(ctx context.Context, d onestop.Date, racers int) error {
	var (
		lat   raceLatencies
		wg    sync.WaitGroup
		errMu sync.Mutex
		first error
	)
	start := time.Now()
	for i := range racers {
		wg.Go(func() {
			for {
				ok, err := b.book(ctx, d, benchRequests[i%len(benchRequests)], &lat)
				if err != nil {
					errMu.Lock()
					first = cmp.Or(first, err)
					errMu.Unlock()
				}
				if !ok {
					return
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		return first
	}
	dur := time.Since(start)
	b.row("race: proposal", racers, loadgen.Summarise([][]time.Duration{lat.proposals}, nil, dur), 0)
	b.row("race: hold + confirm", racers, loadgen.Summarise([][]time.Duration{lat.confirms}, nil, dur), lat.conflicts)
	return nil
}
