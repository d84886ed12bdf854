package itinerary

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchDay is a One-Stop-Shop day of the given length with the given
// number of agencies of 1–3 desks and services of 10–30 minutes, sized so
// that each of the first 8 can serve about 40 visitors in 8 hours, and
// interpreters for three languages (Turkish only for the first three
// quarters of the day).
func benchDay(minutes, agencies int) Day {
	shape := []struct{ desks, duration int }{{1, 10}, {2, 15}, {2, 20}, {3, 25}, {3, 30}, {1, 10}, {2, 20}, {2, 15}}
	d := Day{Minutes: minutes, Slot: 5}
	for i := range agencies {
		s := shape[i%len(shape)]
		d.Agencies = append(d.Agencies, Agency{ID: fmt.Sprintf("agency%d", i), Desks: s.desks, Duration: s.duration})
	}
	d.Interpreters = []Interpreter{
		{Lang: "ar", Count: 2},
		{Lang: "uk", Count: 2},
		{Lang: "tr", Count: 1, Windows: []Window{{0, minutes * 3 / 4}}},
	}
	return d
}

// benchBookings books visitors into d one by one through Plan, as the
// booking package would: each needs needs(r) random agencies, a fifth an
// interpreter, and may arrive during a window of the given minutes from a
// random time in the first two thirds of the day. Half of them take Plan's
// best proposal, the others one of the three at random. A visitor who does
// not fit is replaced by a new draw (at most 10 times as many draws).
func benchBookings(b *testing.B, d Day, visitors, window int, needs func(*rand.Rand) int) []Booking {
	r := rand.New(rand.NewPCG(1, 2))
	langs := []string{"ar", "uk", "tr"}
	var existing []Booking
	for draw := 0; len(existing) < visitors && draw < 10*visitors; draw++ {
		perm := r.Perm(len(d.Agencies))
		req := Request{K: 3}
		for _, a := range perm[:needs(r)] {
			req.Agencies = append(req.Agencies, d.Agencies[a].ID)
		}
		if r.IntN(5) == 0 {
			req.Interpreter = langs[r.IntN(len(langs))]
		}
		req.Earliest = r.IntN(d.Minutes * 2 / 3)
		req.Latest = min(req.Earliest+window, d.Minutes-1)
		its, err := Plan(d, existing, req)
		if err != nil {
			b.Fatal(err)
		}
		if len(its) > 0 {
			existing = append(existing, its[r.IntN(len(its))*r.IntN(2)].Booking())
		}
	}
	if len(existing) < visitors {
		b.Fatalf("only %d of %d visitors fit the day", len(existing), visitors)
	}
	return existing
}

// BenchmarkPlan times one Plan call for a new visitor on a booked day. The
// new visitor needs the first agencies of the day, maybe an interpreter,
// may arrive at any time, and asks for 5 proposals. See BENCH.md.
func BenchmarkPlan(b *testing.B) {
	all := func(*rand.Rand) int { return 8 }
	twoToThree := func(r *rand.Rand) int { return 2 + r.IntN(2) }
	cases := []struct {
		name     string
		minutes  int
		agencies int
		visitors int
		window   int // arrival window of the booked visitors
		needs    func(*rand.Rand) int
		request  int    // agencies the new visitor needs
		lang     string // the new visitor's interpreter
		gap      int    // the new visitor's gap between visits
	}{
		{"day9h/40x8/need8+ar", 540, 8, 40, 540, all, 8, "ar", 0},
		{"day9h/40x8/need4+ar", 540, 8, 40, 540, all, 4, "ar", 0},
		{"morning3h/40x2-3/need4+ar", 180, 8, 40, 60, twoToThree, 4, "ar", 0},
		{"morning3h/40x2-3/need2", 180, 8, 40, 60, twoToThree, 2, "", 0},
		// The most a request may ask, with a gap off the slot grid so that
		// no arrival reaches the floor and every arrival is searched.
		{"limit/day10h-empty/need12+ar+gap3", 600, 12, 0, 0, all, MaxAgencies, "ar", 3},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			d := benchDay(c.minutes, c.agencies)
			existing := benchBookings(b, d, c.visitors, c.window, c.needs)
			req := Request{Interpreter: c.lang, Latest: c.minutes - 1, Gap: c.gap, K: 5}
			for _, a := range d.Agencies[:c.request] {
				req.Agencies = append(req.Agencies, a.ID)
			}
			visits := 0
			for _, bk := range existing {
				visits += len(bk.Visits)
			}
			var its []Itinerary
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if its, err = Plan(d, existing, req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(its)), "proposals")
			b.ReportMetric(float64(visits), "booked-visits")
		})
	}
}
