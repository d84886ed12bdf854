package itinerary

import (
	"cmp"
	"fmt"
	"slices"
)

// ledger records, minute by minute, which desks are free and how many
// interpreters of each language are held. Check and Plan both fill it from
// the bookings, so they agree on what "over capacity" means.
type ledger struct {
	day     Day
	minutes int
	// deskBase[a] is the index in free of agency a's desk 0.
	deskBase []int
	// free[deskBase[a]+k][m] tells whether desk k of agency a is staffed
	// and not booked at minute m.
	free [][]bool
	// held[p][m] and capacity[p][m] are the interpreters of pool p held
	// and present at minute m.
	held, capacity [][]int
}

func newLedger(d Day) *ledger {
	l := &ledger{day: d, minutes: d.Minutes, deskBase: make([]int, len(d.Agencies))}
	n := 0
	for i, a := range d.Agencies {
		l.deskBase[i] = n
		n += a.Desks
	}
	l.free = make([][]bool, n)
	cells := make([]bool, n*d.Minutes)
	for i, a := range d.Agencies {
		for k := range a.Desks {
			row := cells[:d.Minutes:d.Minutes]
			cells = cells[d.Minutes:]
			if a.DeskWindows == nil {
				fill(row, 0, d.Minutes, true)
			} else {
				for _, w := range a.DeskWindows[k] {
					fill(row, w.Start, w.End, true)
				}
			}
			l.free[l.deskBase[i]+k] = row
		}
	}
	l.held = make([][]int, len(d.Interpreters))
	l.capacity = make([][]int, len(d.Interpreters))
	counts := make([]int, 2*len(d.Interpreters)*d.Minutes)
	for p, pool := range d.Interpreters {
		l.held[p] = counts[:d.Minutes:d.Minutes]
		l.capacity[p] = counts[d.Minutes : 2*d.Minutes : 2*d.Minutes]
		counts = counts[2*d.Minutes:]
		if len(pool.Windows) == 0 {
			fill(l.capacity[p], 0, d.Minutes, pool.Count)
		} else {
			for _, w := range pool.Windows {
				fill(l.capacity[p], w.Start, w.End, pool.Count)
			}
		}
	}
	return l
}

func fill[T any](s []T, from, to int, v T) {
	for i := from; i < to; i++ {
		s[i] = v
	}
}

// deskBusyAt returns the first minute in [start, end) at which the desk is
// not free, or -1 if it is free throughout.
func (l *ledger) deskBusyAt(desk, start, end int) int {
	row := l.free[desk]
	for m := start; m < end; m++ {
		if !row[m] {
			return m
		}
	}
	return -1
}

// load books every visit of bookings into the ledger, or returns a
// *Violation for the first visit that does not fit. Visits with a named desk
// are booked first; then visits with AnyDesk, in order of start, each on the
// lowest-numbered desk free for all of it.
func (l *ledger) load(bookings []Booking) error {
	type ref struct{ b, v int }
	var anyDesk []ref
	for b, bk := range bookings {
		if err := l.checkVisitor(b, bk); err != nil {
			return err
		}
		for v, vis := range bk.Visits {
			if err := l.holdInterpreter(b, v, vis); err != nil {
				return err
			}
			if vis.Desk == AnyDesk {
				anyDesk = append(anyDesk, ref{b, v})
				continue
			}
			a := l.day.agencyIndex(vis.Agency)
			if m := l.deskBusyAt(l.deskBase[a]+vis.Desk, vis.Start, vis.End); m >= 0 {
				return &Violation{b, v, m, fmt.Sprintf("desk %d of %q is taken or not staffed", vis.Desk, vis.Agency)}
			}
			fill(l.free[l.deskBase[a]+vis.Desk], vis.Start, vis.End, false)
		}
	}
	slices.SortFunc(anyDesk, func(x, y ref) int {
		vx, vy := bookings[x.b].Visits[x.v], bookings[y.b].Visits[y.v]
		return cmp.Or(cmp.Compare(vx.Start, vy.Start), cmp.Compare(vx.End, vy.End), cmp.Compare(x.b, y.b), cmp.Compare(x.v, y.v))
	})
	for _, r := range anyDesk {
		vis := bookings[r.b].Visits[r.v]
		a := l.day.agencyIndex(vis.Agency)
		k := l.freeDesk(a, vis.Start, vis.End)
		if k < 0 {
			return &Violation{r.b, r.v, vis.Start, fmt.Sprintf("no desk of %q is free for [%d, %d)", vis.Agency, vis.Start, vis.End)}
		}
		fill(l.free[l.deskBase[a]+k], vis.Start, vis.End, false)
	}
	return nil
}

// freeDesk returns the lowest-numbered desk of agency a free for all of
// [start, end), or -1.
func (l *ledger) freeDesk(a, start, end int) int {
	for k := range l.day.Agencies[a].Desks {
		if l.deskBusyAt(l.deskBase[a]+k, start, end) < 0 {
			return k
		}
	}
	return -1
}

// checkVisitor reports a visit that names something the day lacks, lies
// outside the day, or overlaps another visit of the same booking.
func (l *ledger) checkVisitor(b int, bk Booking) error {
	for v, vis := range bk.Visits {
		a := l.day.agencyIndex(vis.Agency)
		switch {
		case a < 0:
			return &Violation{b, v, -1, fmt.Sprintf("agency %q is not present on the day", vis.Agency)}
		case vis.Desk < AnyDesk || vis.Desk >= l.day.Agencies[a].Desks:
			return &Violation{b, v, -1, fmt.Sprintf("agency %q has no desk %d", vis.Agency, vis.Desk)}
		case vis.Start < 0 || vis.End > l.minutes || vis.Start >= vis.End:
			return &Violation{b, v, -1, fmt.Sprintf("visit [%d, %d) not inside the day [0, %d)", vis.Start, vis.End, l.minutes)}
		case vis.Interpreter != "" && l.day.interpreterIndex(vis.Interpreter) < 0:
			return &Violation{b, v, -1, fmt.Sprintf("no interpreter pool for language %q", vis.Interpreter)}
		}
		for w, other := range bk.Visits[:v] {
			if vis.Start < other.End && other.Start < vis.End {
				return &Violation{b, v, max(vis.Start, other.Start), fmt.Sprintf("visitor is at %q (visit %d) at the same time", other.Agency, w)}
			}
		}
	}
	return nil
}

// holdInterpreter books the visit's interpreter, if any.
func (l *ledger) holdInterpreter(b, v int, vis Visit) error {
	if vis.Interpreter == "" {
		return nil
	}
	p := l.day.interpreterIndex(vis.Interpreter)
	held, capacity := l.held[p], l.capacity[p]
	for m := vis.Start; m < vis.End; m++ {
		if held[m] >= capacity[m] {
			return &Violation{b, v, m, fmt.Sprintf("all %d interpreters for %q are held or absent", capacity[m], vis.Interpreter)}
		}
	}
	for m := vis.Start; m < vis.End; m++ {
		held[m]++
	}
	return nil
}
