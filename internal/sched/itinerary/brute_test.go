package itinerary

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPlanMatchesBruteForce compares Plan on small random days with an
// exhaustive search over every order, every desk and every start time of
// every visit. Whether a single visit fits is asked of Check; a whole
// itinerary fits when each of its visits does, because a visitor's own
// visits never overlap and so never compete for a desk or an interpreter.
// For every arrival in the request's window, Plan must propose exactly the
// arrivals the search finds, each with the search's shortest stay.
func TestPlanMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	compared := 0
	for n := range 300 {
		d := randomDay(r, 40+r.IntN(51), 4)
		d.Slot = []int{5, 10}[r.IntN(2)]
		existing, err := bookDay(r, d, r.IntN(8), 2, false)
		if err != nil {
			t.Fatalf("case %d: booking the day: %v", n, err)
		}
		req := randomRequest(r, d, 3)
		req.K = d.Minutes // every arrival
		its, err := Plan(d, existing, req)
		if err != nil {
			t.Fatalf("case %d: %v", n, err)
		}
		verify(t, d, existing, req, its)
		got := map[int]int{} // arrival → stay
		for _, it := range its {
			got[it.Start()] = it.Stay()
		}
		want := bruteForce(d, existing, req)
		for s, stay := range want {
			if got[s] != stay {
				t.Fatalf("case %d: arrival %d: Plan's stay %d, exhaustive search %d\nday %+v\nexisting %+v\nrequest %+v", n, s, got[s], stay, d, existing, req)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("case %d: Plan proposes %d arrivals, exhaustive search finds %d", n, len(got), len(want))
		}
		compared += len(want)
		// Asking for fewer gives the best of the full answer.
		req.K = 1 + r.IntN(4)
		few, err := Plan(d, existing, req)
		if err != nil || !slices.EqualFunc(few, its[:min(req.K, len(its))], func(a, b Itinerary) bool { return slices.Equal(a.Visits, b.Visits) }) {
			t.Fatalf("case %d: with K=%d Plan gives %v, %v; want the first of %v", n, req.K, few, err, its)
		}
	}
	if compared < 300 {
		t.Errorf("only %d arrivals compared in 300 cases", compared)
	}
}

// bruteForce returns, for every arrival in req's window where the request
// fits, the shortest stay over all orders, desks and start times.
func bruteForce(d Day, existing []Booking, req Request) map[int]int {
	slot := d.slot()
	// fits[i][k][t]: requested agency i can be served at desk k from t.
	fits := make([][][]bool, len(req.Agencies))
	for i, id := range req.Agencies {
		a := d.Agencies[d.agencyIndex(id)]
		fits[i] = make([][]bool, a.Desks)
		for k := range a.Desks {
			fits[i][k] = make([]bool, d.Minutes)
			for t := 0; t+a.Duration <= d.Minutes; t += slot {
				one := Booking{Visits: []Visit{{id, k, t, t + a.Duration, req.Interpreter}}}
				fits[i][k][t] = Check(d, append(existing[:len(existing):len(existing)], one)) == nil
			}
		}
	}
	best := map[int]int{}
	var walk func(arrival, done, free int)
	walk = func(arrival, done, free int) {
		if done == 1<<len(req.Agencies)-1 {
			if stay, ok := best[arrival]; !ok || free-arrival < stay {
				best[arrival] = free - arrival
			}
			return
		}
		for i := range req.Agencies {
			if done&(1<<i) != 0 {
				continue
			}
			dur := d.Agencies[d.agencyIndex(req.Agencies[i])].Duration
			from := free + req.Gap
			if done == 0 {
				from = arrival
			}
			for t := from; t < d.Minutes; t++ {
				if t%slot != 0 || done == 0 && t != arrival {
					continue
				}
				for k := range fits[i] {
					if fits[i][k][t] {
						walk(arrival, done|1<<i, t+dur)
					}
				}
			}
		}
	}
	for s := req.Earliest; s <= req.Latest; s++ {
		if s%slot == 0 {
			walk(s, 0, s)
		}
	}
	return best
}
