package sched

import "cmp"

// The priority rule, shared by live decisions and forecasts. Lower ranks are
// called first.
const (
	// classOverdue: the visitor has waited MaxWait minutes or more; the
	// starvation guard calls them before anyone else, longest wait first.
	classOverdue = iota
	// classDue: the visitor's booked appointment at this agency began at
	// most Grace minutes ago.
	classDue
	// classOther: everyone else, shortest remaining work first.
	classOther
)

// rank is a visitor's place in the queue of one agency at one moment.
type rank struct {
	class int
	key   Minute // wait (negated), appointment start, or remaining work
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

// rankOf places member m in the queue of agency number a at time t.
func (d *Dispatcher) rankOf(m *member, a int, t Minute) rank {
	waited := t - m.arrived - m.served
	switch {
	case waited >= d.maxWait():
		return rank{class: classOverdue, key: -waited, since: m.arrived, id: m.id}
	case m.appt != nil && m.appt[a] >= 0 && m.appt[a] <= t && t <= m.appt[a]+d.grace():
		return rank{class: classDue, key: m.appt[a], since: m.arrived, id: m.id}
	}
	return rank{class: classOther, key: m.work, since: m.arrived, id: m.id}
}
