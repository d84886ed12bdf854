package app

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/loadgen"
	"lotse/internal/onestop"
)

// uncontended measures n holds with confirmations by one client and then n
// by clients clients, each time on fresh dates and for itineraries that no
// other client wants.
func (b *bookingBench) uncontended(ctx context.Context, n, clients int) error {
	day := time.Now().AddDate(0, onestop.Horizon+1, 0) // after the rule's dates
	for _, k := range []int{1, clients} {
		var its []booking.Itinerary
		var dates []onestop.Date
		for len(its) < n {
			d, next, err := b.newDate(ctx, day)
			if err != nil {
				return err
			}
			day = next
			for _, it := range tiles(d) {
				its = append(its, it)
				dates = append(dates, d)
			}
		}
		lat := make([][]time.Duration, k)
		errors := make([]error, k)
		var wg sync.WaitGroup
		start := time.Now()
		for c := range k {
			wg.Go(func() {
				for i := c; i < n && errors[c] == nil; i += k {
					t0 := time.Now()
					errors[c] = b.confirm(ctx, its[i], dates[i])
					lat[c] = append(lat[c], time.Since(t0))
				}
			})
		}
		wg.Wait()
		if err := cmp.Or(errors...); err != nil {
			return err
		}
		b.row("hold + confirm, uncontended", k, loadgen.Summarise(lat, nil, time.Since(start)), 0)
	}
	return nil
}

// newDate makes a public date with the site's roster on the first day from
// day on that can have one, and returns it and the day after.
func (b *bookingBench) newDate(ctx context.Context, day time.Time) (onestop.Date, time.Time, error) {
	for range 30 {
		in := onestop.Input{Date: day.Format(time.DateOnly), Start: b.site.Start, End: b.site.End, Roster: b.site.Roster}
		day = day.AddDate(0, 0, 1)
		id, err := b.dates.Create(ctx, b.site, in, time.Now())
		if k := errs.KindOf(err); k == errs.Invalid || k == errs.Conflict {
			continue // a holiday, or a rule date
		}
		if err != nil {
			return onestop.Date{}, day, err
		}
		d, err := b.bookings.Date(ctx, id)
		return d, day, err
	}
	return onestop.Date{}, day, fmt.Errorf("no free day for a date after %s", day.Format(time.DateOnly))
}

// tiles lists one-stop itineraries that fill d: for each desk open to
// booking, its agency's service back to back from the opening on.
func tiles(d onestop.Date) []booking.Itinerary {
	est := d.Estimates()
	var out []booking.Itinerary
	for _, st := range d.Roster.Agencies {
		n := int(est[st.Agency])
		for start := 0; n > 0 && start+n <= d.Minutes(); start += n {
			for range st.Desks - st.WalkIn {
				out = append(out, booking.Itinerary{DateID: d.ID, Stops: []booking.Stop{{Agency: st.Agency, Start: start, End: start + n}}})
			}
		}
	}
	return out
}

// violations are what the double-booking check found.
type violations struct {
	shared, over    int // slot minutes held by two bookings; agency or interpreter minutes over capacity
	bookings, slots int // confirmed bookings and their slot rows checked
}

// doubleBookings checks every confirmed booking in the database directly in
// SQL, without the booking store: no desk or interpreter minute
// (booking_slots) belongs to two of them, and by their stops no agency has
// more visitors at a minute than desks open to booking, no language more
// than interpreters.
func doubleBookings(ctx context.Context, d *db.DB, dates *onestop.Store) (violations, error) {
	var v violations
	const confirmed = "FROM booking_slots s JOIN bookings b ON b.id = s.booking_id WHERE b.status = 'confirmed'"
	err := d.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT s.date_id, s.resource, s.minute "+confirmed+
		" GROUP BY s.date_id, s.resource, s.minute HAVING COUNT(*) > 1) x").Scan(&v.shared)
	if err == nil {
		err = d.QueryRow(ctx, "SELECT COUNT(*) "+confirmed).Scan(&v.slots)
	}
	if err != nil {
		return v, err
	}
	rows, err := d.Query(ctx, "SELECT date_id, language, stops FROM bookings WHERE status = 'confirmed'")
	if err != nil {
		return v, err
	}
	defer rows.Close()
	type minute struct {
		date     int64
		resource string
		m        int
	}
	used := map[minute]int{}
	roster := map[int64]onestop.Roster{}
	for rows.Next() {
		var (
			dateID    int64
			lang, raw string
			stops     []booking.Stop
		)
		if err := rows.Scan(&dateID, &lang, &raw); err != nil {
			return v, err
		}
		if err := json.Unmarshal([]byte(raw), &stops); err != nil {
			return v, err
		}
		v.bookings++
		if _, ok := roster[dateID]; !ok {
			date, err := dates.Date(ctx, dateID)
			if err != nil {
				return v, err
			}
			roster[dateID] = date.Roster
		}
		for _, st := range stops {
			for m := st.Start; m < st.End; m++ {
				used[minute{dateID, "d:" + st.Agency, m}]++
				if lang != "" {
					used[minute{dateID, "i:" + lang, m}]++
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return v, err
	}
	for k, n := range used {
		if n > capacity(roster[k.date], k.resource) {
			v.over++
		}
	}
	return v, nil
}

// capacity is how many visitors resource ("d:abh" or "i:uk") of a roster
// serves at once: desks open to booking, or interpreters of the language.
func capacity(r onestop.Roster, resource string) int {
	kind, name := resource[:1], resource[2:]
	n := 0
	if kind == "d" {
		if st, ok := r.Station(name); ok {
			n = st.Desks - st.WalkIn
		}
		return n
	}
	for _, in := range r.Interpreters {
		if in.Lang == name {
			n += in.Count
		}
	}
	return n
}
