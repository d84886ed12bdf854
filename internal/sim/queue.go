package sim

import (
	"cmp"
	"slices"
)

// queues are the rules of B1 and B2: every agency keeps its own queue; a
// visitor walks their agencies one after the other in a fixed route and
// joins the next agency's queue when they arrive or finish a service.
type queues struct {
	route [][]int // per visitor: agencies in walking order
	pos   []int   // per visitor: next step of the route
	appt  [][]int // per visitor and agency: appointment start, or -1 (nil in B1)
	line  [][]queued
	seq   int
}

type queued struct{ v, join, seq int }

// newB1 walks each visitor's needs in their random order; desks serve FIFO.
func newB1(d *day, agencies int) *queues {
	return &queues{route: d.order, pos: make([]int, len(d.visitors)), line: make([][]queued, agencies)}
}

// newB2 walks the booked agencies in appointment order, then the others in
// the visitor's random order; a desk serves the earliest appointment
// present, else walk-ins FIFO.
func newB2(d *day, agencies int, appt [][]int) *queues {
	q := &queues{pos: make([]int, len(d.visitors)), appt: appt, line: make([][]queued, agencies)}
	for v := range d.visitors {
		var booked, rest []int
		for _, a := range d.order[v] {
			if appt[v][a] >= 0 {
				booked = append(booked, a)
			} else {
				rest = append(rest, a)
			}
		}
		slices.SortFunc(booked, func(x, y int) int { return cmp.Or(cmp.Compare(appt[v][x], appt[v][y]), cmp.Compare(x, y)) })
		q.route = append(q.route, append(booked, rest...))
	}
	return q
}

func (q *queues) arrive(f *floor, v int) { q.join(f, v) }
func (q *queues) finish(f *floor, v int) { q.join(f, v) }

func (q *queues) join(f *floor, v int) {
	a := q.route[v][q.pos[v]]
	q.pos[v]++
	q.line[a] = append(q.line[a], queued{v: v, join: f.now, seq: q.seq})
	q.seq++
}

func (q *queues) dispatch(f *floor) {
	for a := range q.line {
		for k := range f.deskV[a] {
			if !f.deskOpen(a, k) {
				continue
			}
			at, in := q.pick(f, a)
			if at < 0 {
				break
			}
			v := q.line[a][at].v
			q.line[a] = slices.Delete(q.line[a], at, at+1)
			f.start(v, a, k, in)
		}
	}
}

// pick returns the queue position to serve at agency a (-1 for none) and
// the interpreter to send: the earliest appointment present, else the
// longest waiting. Someone whose interpreter is busy is passed over.
func (q *queues) pick(f *floor, a int) (int, int) {
	best, bestIn := -1, -1
	for i, e := range q.line[a] {
		in, ok := f.interpreterFor(e.v)
		if !ok {
			continue
		}
		if best < 0 {
			best, bestIn = i, in
			if q.appt == nil {
				return best, bestIn
			}
			continue
		}
		cur := q.line[a][best]
		ca, ea := q.apptAt(cur.v, a), q.apptAt(e.v, a)
		if ea >= 0 && (ca < 0 || ea < ca) {
			best, bestIn = i, in
		}
	}
	return best, bestIn
}

func (q *queues) apptAt(v, a int) int {
	if q.appt == nil {
		return -1
	}
	return q.appt[v][a]
}
