package itinerary

import (
	"cmp"
	"fmt"
	"slices"
)

// Request is what a visitor asks for when booking: a set of agencies to see
// in any order, one at a time.
type Request struct {
	// Agencies are the IDs of the agencies the visitor needs, each once.
	Agencies []string
	// Interpreter is the language code of the interpreter to hold for every
	// visit, or "" for none.
	Interpreter string
	// Earliest and Latest bound the arrival, the start of the first visit,
	// in minutes from opening (both inclusive).
	Earliest, Latest int
	// Gap is the minutes the visitor needs between the end of one visit and
	// the start of the next, e.g. to walk between rooms. 0 by default.
	Gap int
	// K is the most itineraries to propose, at least 1.
	K int
}

// Plan proposes up to req.K itineraries for a new visitor on day d, given
// the bookings and holds already made. The planner chooses the order of the
// agencies and a desk for each visit; every visit starts on the day's slot
// grid and lasts its agency's Duration, all visits lie inside the day, and
// consecutive visits are at least req.Gap apart. Each itinerary, added to
// existing, passes Check.
//
// The itineraries have pairwise different arrival times (this is the
// diversity rule): for every arrival slot in [req.Earliest, req.Latest] the
// planner finds the order and times that leave the visitor the shortest
// time on site, then it returns the K best arrivals ranked by time on site
// and then by earlier arrival. For a given arrival the result is optimal:
// no other order, desks or start times end earlier. (Existing visits with
// AnyDesk count as held on the desk Check gives them.)
//
// Plan returns a *ValidationError for a bad day or request, a wrapped
// *Violation if existing already does not fit the day, and an empty slice
// with a nil error if no itinerary fits.
func Plan(d Day, existing []Booking, req Request) ([]Itinerary, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	need, pool, err := req.validate(d)
	if err != nil {
		return nil, err
	}
	l := newLedger(d)
	if err := l.load(existing); err != nil {
		return nil, fmt.Errorf("existing bookings do not fit the day: %w", err)
	}
	p := newPlanner(l, need, pool, req)
	type arrival struct{ slot, stay int }
	var found []arrival
	// No stay is shorter than the services and gaps themselves; once K
	// arrivals reach that, no later arrival can rank among the first K.
	floor, atFloor := p.floor(), 0
	first := (req.Earliest + p.slot - 1) / p.slot
	last := req.Latest / p.slot
	for s := first; s <= last && s < p.slots && atFloor < req.K; s++ {
		if end := p.solve(s); end < never {
			found = append(found, arrival{s, end - s*p.slot})
			if end-s*p.slot == floor {
				atFloor++
			}
		}
	}
	slices.SortFunc(found, func(x, y arrival) int {
		return cmp.Or(cmp.Compare(x.stay, y.stay), cmp.Compare(x.slot, y.slot))
	})
	found = found[:min(len(found), req.K)]
	out := make([]Itinerary, len(found))
	for i, a := range found {
		p.solve(a.slot)
		out[i] = p.itinerary()
	}
	return out, nil
}
