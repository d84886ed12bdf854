package itinerary

import (
	"fmt"
	"math/rand/v2"
)

// randomDay draws a day with 2..maxAgencies agencies of 1–3 desks, some
// with desk windows, and up to three interpreter pools, some with windows.
func randomDay(r *rand.Rand, minutes, maxAgencies int) Day {
	d := Day{Minutes: minutes, Slot: []int{5, 5, 10, 1}[r.IntN(4)]}
	for i := range 2 + r.IntN(maxAgencies-1) {
		a := Agency{ID: fmt.Sprintf("a%d", i), Desks: 1 + r.IntN(3), Duration: 5 + r.IntN(21)}
		if r.IntN(4) == 0 {
			a.DeskWindows = make([][]Window, a.Desks)
			for k := range a.Desks {
				for range r.IntN(3) {
					a.DeskWindows[k] = append(a.DeskWindows[k], randomWindow(r, minutes))
				}
			}
		}
		d.Agencies = append(d.Agencies, a)
	}
	for i := range r.IntN(4) {
		p := Interpreter{Lang: fmt.Sprintf("l%d", i), Count: r.IntN(3)}
		if r.IntN(3) == 0 {
			p.Windows = []Window{randomWindow(r, minutes), randomWindow(r, minutes)}
		}
		d.Interpreters = append(d.Interpreters, p)
	}
	return d
}

func randomWindow(r *rand.Rand, minutes int) Window {
	a, b := r.IntN(minutes), r.IntN(minutes)
	return Window{min(a, b), max(a, b) + 1}
}

// randomRequest draws a valid request for d of 1..maxNeeds agencies.
func randomRequest(r *rand.Rand, d Day, maxNeeds int) Request {
	ids := make([]string, len(d.Agencies))
	for i, a := range d.Agencies {
		ids[i] = a.ID
	}
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	req := Request{Agencies: ids[:1+r.IntN(min(maxNeeds, len(ids)))], K: 1 + r.IntN(6)}
	var langs []string
	for _, p := range d.Interpreters {
		if p.Count > 0 {
			langs = append(langs, p.Lang)
		}
	}
	if len(langs) > 0 && r.IntN(2) == 0 {
		req.Interpreter = langs[r.IntN(len(langs))]
	}
	a, b := r.IntN(d.Minutes), r.IntN(d.Minutes)
	req.Earliest, req.Latest = min(a, b), max(a, b)
	if r.IntN(3) == 0 {
		req.Gap = r.IntN(11)
	}
	return req
}

// bookDay books up to visitors random requests into d as a booking system
// would: each takes one of Plan's proposals. With anyDesk, some of the
// bookings then forget their desks (AnyDesk) where Check still accepts it.
func bookDay(r *rand.Rand, d Day, visitors, maxNeeds int, anyDesk bool) ([]Booking, error) {
	var existing []Booking
	for range visitors {
		its, err := Plan(d, existing, randomRequest(r, d, maxNeeds))
		if err != nil {
			return nil, err
		}
		if len(its) == 0 {
			continue
		}
		b := its[r.IntN(len(its))].Booking()
		existing = append(existing, b)
		if anyDesk && r.IntN(3) == 0 {
			pinned := b.Visits[0].Desk
			b.Visits[0].Desk = AnyDesk
			if Check(d, existing) != nil {
				b.Visits[0].Desk = pinned
			}
		}
	}
	return existing, nil
}
