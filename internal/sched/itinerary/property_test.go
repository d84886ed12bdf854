package itinerary

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPlanProperties plans random requests on random, partly booked days:
// every proposal, added to the existing bookings, passes Check, and the
// proposals are ranked and distinct (verify). Plan is deterministic and
// leaves its inputs alone.
func TestPlanProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	proposals := 0
	for n := range 400 {
		d := randomDay(r, 60+r.IntN(421), 8)
		existing, err := bookDay(r, d, r.IntN(40), 4, true)
		if err != nil {
			t.Fatalf("case %d: booking the day: %v", n, err)
		}
		if err := Check(d, existing); err != nil {
			t.Fatalf("case %d: the booked day does not pass Check: %v", n, err)
		}
		req := randomRequest(r, d, 8)
		before := cloneBookings(existing)
		its, err := Plan(d, existing, req)
		if err != nil {
			t.Fatalf("case %d: %v", n, err)
		}
		verify(t, d, existing, req, its)
		proposals += len(its)
		if !slices.EqualFunc(existing, before, func(a, b Booking) bool { return slices.Equal(a.Visits, b.Visits) }) {
			t.Fatalf("case %d: Plan changed the existing bookings", n)
		}
		again, err := Plan(d, existing, req)
		if err != nil || !slices.EqualFunc(its, again, func(a, b Itinerary) bool { return slices.Equal(a.Visits, b.Visits) }) {
			t.Fatalf("case %d: a second Plan gave %v, %v; first %v", n, again, err, its)
		}
	}
	if proposals < 400 {
		t.Errorf("only %d proposals in 400 cases: the generator books the days too full to test much", proposals)
	}
}

func cloneBookings(bs []Booking) []Booking {
	out := make([]Booking, len(bs))
	for i, b := range bs {
		out[i] = Booking{Visits: slices.Clone(b.Visits)}
	}
	return out
}
