package itinerary

import (
	"slices"
	"testing"
)

// testDay is a morning of 9:00–12:00 with four agencies and two interpreter
// pools; the table tests below compute their expectations against it by hand.
func testDay() Day {
	return Day{
		Minutes: 180,
		Slot:    5,
		Agencies: []Agency{
			{ID: "abh", Desks: 2, Duration: 20},
			{ID: "jc", Desks: 1, Duration: 30},
			{ID: "fam", Desks: 1, Duration: 15},
			{ID: "soz", Desks: 2, Duration: 30, DeskWindows: [][]Window{{{0, 60}}, {{90, 180}}}},
		},
		Interpreters: []Interpreter{
			{Lang: "ar", Count: 1},
			{Lang: "uk", Count: 1, Windows: []Window{{60, 120}}},
		},
	}
}

// verify fails t unless its is a correct answer of Plan(d, existing, req):
// each itinerary visits every requested agency once, on the slot grid, for
// its duration, one at a time with the gap, arriving inside the window,
// holding the interpreter asked for, and fits with existing (Check); the
// arrivals are distinct and ranked by stay, then by arrival.
func verify(t *testing.T, d Day, existing []Booking, req Request, its []Itinerary) {
	t.Helper()
	if len(its) > req.K {
		t.Fatalf("%d itineraries, asked for at most %d", len(its), req.K)
	}
	slot := d.slot()
	for n, it := range its {
		if len(it.Visits) != len(req.Agencies) {
			t.Fatalf("itinerary %d: %d visits for %d agencies: %+v", n, len(it.Visits), len(req.Agencies), it)
		}
		var seen []string
		for j, v := range it.Visits {
			a := d.Agencies[d.agencyIndex(v.Agency)]
			switch {
			case !slices.Contains(req.Agencies, v.Agency) || slices.Contains(seen, v.Agency):
				t.Fatalf("itinerary %d visit %d: agency %q not requested or twice: %+v", n, j, v.Agency, it)
			case v.Start%slot != 0 || v.End-v.Start != a.Duration:
				t.Fatalf("itinerary %d visit %d: [%d, %d) off the grid or not %d minutes", n, j, v.Start, v.End, a.Duration)
			case v.Interpreter != req.Interpreter:
				t.Fatalf("itinerary %d visit %d: interpreter %q, want %q", n, j, v.Interpreter, req.Interpreter)
			case v.Desk == AnyDesk:
				t.Fatalf("itinerary %d visit %d: no desk named", n, j)
			case j > 0 && v.Start < it.Visits[j-1].End+req.Gap:
				t.Fatalf("itinerary %d visit %d starts %d, before %d + gap %d", n, j, v.Start, it.Visits[j-1].End, req.Gap)
			}
			seen = append(seen, v.Agency)
		}
		if it.Start() < req.Earliest || it.Start() > req.Latest {
			t.Fatalf("itinerary %d arrives at %d, outside [%d, %d]", n, it.Start(), req.Earliest, req.Latest)
		}
		if err := Check(d, append(slices.Clone(existing), it.Booking())); err != nil {
			t.Fatalf("itinerary %d does not fit: %v\n%+v", n, err, it)
		}
		if n == 0 {
			continue
		}
		prev := its[n-1]
		if it.Stay() < prev.Stay() || it.Stay() == prev.Stay() && it.Start() <= prev.Start() {
			t.Fatalf("itinerary %d (stay %d, start %d) ranked after %d (stay %d, start %d)", n, it.Stay(), it.Start(), n-1, prev.Stay(), prev.Start())
		}
		for _, other := range its[:n] {
			if other.Start() == it.Start() {
				t.Fatalf("itineraries share the arrival %d", it.Start())
			}
		}
	}
}

// booking builds a booking from visits, for short test tables.
func booking(vs ...Visit) Booking {
	return Booking{Visits: vs}
}
