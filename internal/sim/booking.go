package sim

import "lotse/internal/sched"

// bookIndependently is B2's booking: every agency keeps its own book of
// slots of its mean length on each desk, from opening to closing, and gives
// each booker (in booking order) its first free slot at or after the
// desired time. It returns the appointment start per visitor and agency (-1
// for none: no booking, or the book is full).
func bookIndependently(sc *Scenario, d *day) [][]int {
	appt := unbooked(d, len(sc.Agencies))
	taken := make([][][]bool, len(sc.Agencies))
	for a, ag := range sc.Agencies {
		taken[a] = make([][]bool, ag.Desks)
		for k := range taken[a] {
			taken[a][k] = make([]bool, sc.CloseMin/estimate(ag))
		}
	}
	for _, v := range d.bookingOrder {
		vis := &d.visitors[v]
		for _, a := range vis.needs {
			appt[v][a] = firstFreeSlot(taken[a], estimate(sc.Agencies[a]), vis.desired)
		}
	}
	return appt
}

// firstFreeSlot books and returns the first free slot starting at or after
// from on any desk of a book, or -1 when the book is full.
func firstFreeSlot(book [][]bool, length, from int) int {
	for j := (from + length - 1) / length; j < len(book[0]); j++ {
		for k := range book {
			if !book[k][j] {
				book[k][j] = true
				return j * length
			}
		}
	}
	return -1
}

func unbooked(d *day, agencies int) [][]int {
	appt := make([][]int, len(d.visitors))
	for v := range appt {
		appt[v] = filled(agencies, -1)
	}
	return appt
}

// plans turns appointments into the itineraries the dispatcher follows.
func plans(sc *Scenario, appt [][]int) [][]sched.Appointment {
	out := make([][]sched.Appointment, len(appt))
	for v, starts := range appt {
		for a, t := range starts {
			if t >= 0 {
				out[v] = append(out[v], sched.Appointment{Agency: sc.Agencies[a].ID, Start: sched.Minute(t)})
			}
		}
	}
	return out
}
