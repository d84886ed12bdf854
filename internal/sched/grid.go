package sched

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// gridForecast is what Propose learns from one model crowd: for every start
// tried, the forecast total time on site of the day and, when asked for,
// the visitor's itinerary and end.
type gridForecast struct {
	costs []Minute
	stops [][]Appointment
	ends  []Minute
}

// grid forecasts the day of floor f once for every start of starts
// (ascending), with visitor me, who is on f, expected at that start; it
// gives what Dispatcher.Forecast of each of those floors gives, without
// forecasting each from the beginning. Up to a start the forecast does not
// depend on it: a visitor expected at s is never called before s, counts
// as idle for no agency before s, and adds the same work to every agency's
// pressure whenever it comes, so every service that starts before s is
// planned alike for every start from s on. grid plans those services once,
// in a state it carries from start to start, and forecasts only the rest
// of the day from each start, in a copy.
func (d *Dispatcher) grid(f Floor, me VisitorID, starts []Minute, stops bool) (gridForecast, error) {
	if err := f.Validate(); err != nil {
		return gridForecast{}, err
	}
	g := gridForecast{costs: make([]Minute, len(starts))}
	var mine []Appointment
	var record func(Planned)
	if stops {
		g.stops, g.ends = make([][]Appointment, len(starts)), make([]Minute, len(starts))
		record = func(p Planned) {
			if p.Visitor == me {
				mine = append(mine, Appointment{Agency: p.Desk.Agency, Start: p.Start})
			}
		}
	}
	prefix := newState(f)
	mi := prefix.memberIndex(me)
	var rest state
	for i, start := range starts {
		m := &prefix.members[mi]
		m.arrived, m.ready = start, max(prefix.now, start)
		prefix.changed()
		d.run(prefix, start, nil)
		rest.copyFrom(prefix)
		mine = nil
		d.run(&rest, never, record)
		g.costs[i] = rest.onSite()
		if stops {
			// The visitor's services come one after another, so in order
			// of start; the last ends last.
			g.stops[i], g.ends[i] = mine, rest.members[mi].last
		}
	}
	return g, nil
}

// onSite is a forecast's total time on site: from arrival to the end of
// the last service (0 for a member never served, as a visitor without a
// planned service counts).
func (s *state) onSite() Minute {
	var total Minute
	for _, m := range s.members {
		total += m.last - m.arrived
	}
	return total
}

// forEach calls f(0), …, f(n-1) on up to GOMAXPROCS goroutines and returns
// when all have returned.
func forEach(n int, f func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
