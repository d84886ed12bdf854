package sched

import (
	"cmp"
	"slices"
)

// DefaultMaxWait is the starvation guard's bound: a visitor who has waited
// this many minutes in total is called before anyone who has not (20
// measured a lower p95 wait than 30 on the simulator's normal scenario).
const DefaultMaxWait Minute = 20

// DefaultGrace is how long after its start a booked appointment still
// gives priority: within it the visitor is served as planned; later the
// plan has slipped and the visitor is ranked like everyone else.
const DefaultGrace Minute = 2

// Dispatcher decides whom a free desk calls. The zero value is ready to use
// with the defaults. A Dispatcher holds no state between calls: the same
// floor always gives the same decision.
type Dispatcher struct {
	// MaxWait is the starvation guard (0 means DefaultMaxWait).
	MaxWait Minute
	// Grace is how long an appointment keeps its priority (0 means
	// DefaultGrace, negative means appointments give no priority).
	Grace Minute
}

// Live returns the dispatcher of the live floor, the one the simulator plays
// as S1 and S2: the guard and grace that won there (DefaultMaxWait,
// DefaultGrace). internal/floor and internal/sim both take it from here, so
// the room and the simulator decide with one configuration.
func Live() Dispatcher { return Dispatcher{MaxWait: DefaultMaxWait, Grace: DefaultGrace} }

func (d *Dispatcher) maxWait() Minute {
	if d.MaxWait <= 0 {
		return DefaultMaxWait
	}
	return d.MaxWait
}

func (d *Dispatcher) grace() Minute {
	if d.Grace == 0 {
		return DefaultGrace
	}
	return d.Grace
}

// Next returns whom desk should call now, or false when the desk is busy,
// absent or unknown, nobody on the floor can be called to it, or the floor
// is inconsistent (see Floor.Validate). It never calls a visitor who is being
// served, who does not need the desk's agency, or who needs an interpreter
// and has none free.
func (d *Dispatcher) Next(f Floor, desk DeskID) (Call, bool) {
	if f.Validate() != nil {
		return Call{}, false
	}
	s := newState(f)
	si, ok := s.station(desk, f)
	if !ok {
		return Call{}, false
	}
	return d.next(s, si)
}

// Assign answers Next for every free desk at once, most loaded agency
// first, and never calls one visitor to two desks. It is what the floor
// runs whenever something changes (a service ends, a visitor checks in, a
// desk comes back).
func (d *Dispatcher) Assign(f Floor) []Call {
	if f.Validate() != nil {
		return nil
	}
	s := newState(f)
	var free []int
	for _, desk := range f.Desks {
		if si, ok := s.station(desk.ID, f); ok {
			free = append(free, si)
		}
	}
	pressure := s.pressure()
	slices.SortFunc(free, func(a, b int) int {
		pa, pb := pressure[s.stations[a].agency], pressure[s.stations[b].agency]
		return cmp.Or(-cmp.Compare(pa, pb), compareDesks(s.stations[a].id, s.stations[b].id))
	})
	var calls []Call
	for _, si := range free {
		if c, ok := d.next(s, si); ok {
			calls = append(calls, c)
			s.start(s.memberIndex(c.Visitor), si, s.now)
		}
	}
	return calls
}

// station returns the index of desk in s when the floor lists it as free.
func (s *state) station(desk DeskID, f Floor) (int, bool) {
	for _, d := range f.Desks {
		if d.ID == desk && (d.Busy || d.Absent) {
			return 0, false
		}
	}
	for si, st := range s.stations {
		if st.id == desk {
			return si, true
		}
	}
	return 0, false
}

func (s *state) memberIndex(id VisitorID) int {
	i, _ := slices.BinarySearchFunc(s.members, id, func(m member, id VisitorID) int { return cmp.Compare(m.id, id) })
	return i
}

// pressure is each agency's remaining estimated work per desk present.
func (s *state) pressure() []float64 {
	p := make([]float64, len(s.agencies))
	s.fillPressure(p)
	return p
}

// fillPressure writes pressure into p, one entry per agency.
func (s *state) fillPressure(p []float64) {
	for a, w := range s.work {
		p[a] = float64(w) / max(s.desks[a], 0.5)
	}
}

// next picks the visitor station si calls at s.now: the best rank among
// those who can start there.
func (d *Dispatcher) next(s *state, si int) (Call, bool) {
	desk, a := s.stations[si].id, s.stations[si].agency
	pick := d.pick(s, a, s.now)
	if pick < 0 {
		return Call{}, false
	}
	m := &s.members[pick]
	in, _ := s.interpreterFree(m.lang)
	return Call{Visitor: m.id, Desk: desk, Interpreter: in}, true
}

// pick returns the member with the best rank among those who can start at
// agency number a at t, or -1 when nobody can.
func (d *Dispatcher) pick(s *state, a int, t Minute) int {
	pick := -1
	var best rank
	for _, mi := range s.waiting(a) {
		m := &s.members[mi]
		if !s.canStart(m, a, t) {
			continue
		}
		var beat *rank
		if pick >= 0 {
			beat = &best
		}
		if r := d.rankOf(s, m, a, t, beat); beat == nil || compareRanks(r, best) < 0 {
			pick, best = mi, r
		}
	}
	return pick
}
