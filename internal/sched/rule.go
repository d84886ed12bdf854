package sched

import "cmp"

// The priority rule, shared by live decisions and forecasts. Lower ranks are
// called first.
const (
	// classOverdue: the visitor has waited MaxWait minutes or more; the
	// starvation guard calls them before anyone else, by wait minus
	// remaining work (the longest wait first among equal work).
	classOverdue = iota
	// classDue: the visitor's booked appointment at this agency began at
	// most Grace minutes ago.
	classDue
	// classOther: everyone else, shortest remaining work first.
	classOther
	// classHeld: a visitor another, busier agency is about to need: its
	// desks would otherwise stand idle while the visitor is here.
	classHeld
)

// rank is a visitor's place in the queue of one agency at one moment.
type rank struct {
	class int
	key   Minute // remaining work minus wait, appointment start, or remaining work
	since Minute // arrival, the first tie-break
	id    VisitorID
}

func compareRanks(a, b rank) int {
	return cmp.Or(
		cmp.Compare(a.class, b.class),
		cmp.Compare(a.key, b.key),
		cmp.Compare(a.since, b.since),
		cmp.Compare(a.id, b.id),
	)
}

// outlook is what a decision at time t looks at besides the visitor: each
// agency's remaining work per desk and how many idle visitors could be
// called to it (-1: not counted yet). The state computes it when a
// decision first needs it and keeps it until the time changes or a service
// starts; callable counts each agency only when asked (see callableAt).
type outlook struct {
	valid    bool
	t        Minute
	pressure []float64
	callable []int
}

func (s *state) outlook(t Minute) *outlook {
	o := &s.look
	if o.valid && o.t == t {
		return o
	}
	o.valid, o.t = true, t
	s.fillPressure(o.pressure)
	for b := range o.callable {
		o.callable[b] = -1
	}
	return o
}

// callableAt is how many idle visitors could be called to agency b at the
// outlook's time.
func (s *state) callableAt(o *outlook, b int) int {
	if o.callable[b] < 0 {
		o.callable[b] = 0
		for _, mi := range s.waiting(b) {
			if s.members[mi].ready <= o.t {
				o.callable[b]++
			}
		}
	}
	return o.callable[b]
}

// held tells whether calling m to agency a at t would starve another agency
// b, busier than a: b has no more idle visitors to call than desks free by
// the time m would be back.
func (s *state) held(m *member, a int, t Minute) bool {
	for b, est := range m.need {
		if b == a || est == 0 {
			continue
		}
		o := s.outlook(t)
		if o.pressure[b] <= o.pressure[a] {
			continue
		}
		back, free := t+m.need[a], 0
		for _, st := range s.stations[s.soff[b]:s.soff[b+1]] {
			if st.free <= back {
				free++
			}
		}
		if s.callableAt(o, b) <= free {
			return true
		}
	}
	return false
}

// rankOf places member m in the queue of agency number a at time t. When
// m would not come before beat (if not nil) even unheld, it skips step 4,
// which can only move m further back: the rank is then not exact, but
// still not before beat.
func (d *Dispatcher) rankOf(s *state, m *member, a int, t Minute, beat *rank) rank {
	waited := t - m.arrived - m.served
	switch {
	case waited >= d.maxWait():
		return rank{class: classOverdue, key: m.work - waited, since: m.arrived, id: m.id}
	case m.appt != nil && m.appt[a] >= 0 && m.appt[a] <= t && t <= m.appt[a]+d.grace():
		return rank{class: classDue, key: m.appt[a], since: m.arrived, id: m.id}
	}
	r := rank{class: classOther, key: m.work, since: m.arrived, id: m.id}
	if (beat == nil || compareRanks(r, *beat) < 0) && s.held(m, a, t) {
		r.class = classHeld
	}
	return r
}
