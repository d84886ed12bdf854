package sim

import "math"

// Coordinated booking (S2). Bookings arrive in the day's booking order; each
// booker gets one itinerary: an order of their agencies and a start at each,
// back to back where possible, never two at once, at the agencies' mean
// durations. The calendar keeps part of every agency's capacity free for
// the walk-ins it expects, so that bookers are spread over the hours when
// the floor has room, and a booker is asked to come later rather than to
// wait on site.
const (
	// bucketMin is the width of the calendar's capacity buckets.
	bucketMin = 15
	// bookFill is the share of a bucket's desk-minutes the calendar fills
	// with bookings and expected walk-ins together.
	bookFill = 0.95
	// delayWeight is what a minute of later start costs against a minute
	// of waiting on site when the calendar compares itineraries.
	delayWeight = 0.25
	// startStep is the step between the starts tried for an itinerary.
	startStep = 5
	// fullSearch is the largest number of needs whose orders are all tried;
	// beyond it the order is built greedily.
	fullSearch = 5
)

// calendar is the coordinated booking book of a day.
type calendar struct {
	sc      *Scenario
	est     []int
	horizon int
	conc    [][]int     // per agency and minute: bookings in progress
	budget  [][]float64 // per agency and bucket: desk-minutes left
	next    [][]int     // per agency and minute: earliest feasible start at or after it, -1
}

func newCalendar(sc *Scenario) *calendar {
	c := &calendar{sc: sc, horizon: sc.CloseMin}
	buckets := (c.horizon + bucketMin - 1) / bucketMin
	walkins := sc.ArrivalsMean * (1 - sc.BookedShare)
	for a, ag := range sc.Agencies {
		c.est = append(c.est, estimate(ag))
		c.conc = append(c.conc, make([]int, c.horizon))
		b := make([]float64, buckets)
		work := walkins * ag.Share * float64(c.est[a])
		for j := range b {
			lo, hi := j*bucketMin, min((j+1)*bucketMin, c.horizon)
			b[j] = bookFill*float64(ag.Desks*(hi-lo)) - work*overlap(lo, hi, 0, sc.LastEntryMin+1)/float64(sc.LastEntryMin+1)
			if bu := sc.Burst; bu != nil {
				burst := float64(bu.Count) * ag.Share * float64(c.est[a])
				b[j] -= burst * overlap(lo, hi, bu.AtMin, bu.AtMin+60) / 60
			}
		}
		c.budget = append(c.budget, b)
		c.next = append(c.next, nil)
		c.refresh(a)
	}
	return c
}

func overlap(lo, hi, from, to int) float64 {
	return float64(max(0, min(hi, to)-max(lo, from)))
}

// fits tells whether a booking at agency a from t for its estimate fits.
func (c *calendar) fits(a, t int) bool {
	end := t + c.est[a]
	if end > c.horizon {
		return false
	}
	for m := t; m < end; m++ {
		if c.conc[a][m] >= c.sc.Agencies[a].Desks {
			return false
		}
	}
	for j := t / bucketMin; j*bucketMin < end; j++ {
		if c.budget[a][j] < overlap(j*bucketMin, (j+1)*bucketMin, t, end) {
			return false
		}
	}
	return true
}

// refresh recomputes agency a's earliest feasible starts.
func (c *calendar) refresh(a int) {
	n := make([]int, c.horizon+1)
	n[c.horizon] = -1
	for t := c.horizon - 1; t >= 0; t-- {
		if c.fits(a, t) {
			n[t] = t
		} else {
			n[t] = n[t+1]
		}
	}
	c.next[a] = n
}

// reserve books agency a from t.
func (c *calendar) reserve(a, t int) {
	end := t + c.est[a]
	for m := t; m < end; m++ {
		c.conc[a][m]++
	}
	for j := t / bucketMin; j*bucketMin < end; j++ {
		c.budget[a][j] -= overlap(j*bucketMin, (j+1)*bucketMin, t, end)
	}
	c.refresh(a)
}

// itinerary is a candidate booking: start per need, in visiting order.
type itinerary struct {
	order  []int
	starts []int
	cost   float64
}

// place lays out the agencies of order back to back from s0; false when one
// does not fit today or the first start is after the last entry.
func (c *calendar) place(order []int, s0 int, it *itinerary) bool {
	t := s0
	it.order = append(it.order[:0], order...)
	it.starts = it.starts[:0]
	for _, a := range order {
		if t >= c.horizon || c.next[a][t] < 0 {
			return false
		}
		s := c.next[a][t]
		it.starts = append(it.starts, s)
		t = s + c.est[a]
	}
	return it.starts[0] <= c.sc.LastEntryMin
}

// book finds and reserves the best itinerary for needs desired at b, and
// returns the start per agency (-1 for none; all -1 when nothing fits).
func (c *calendar) book(needs []int, b int) []int {
	own := 0
	for _, a := range needs {
		own += c.est[a]
	}
	best := itinerary{cost: math.Inf(1)}
	var cur itinerary
	consider := func(order []int, s0 int) {
		if !c.place(order, s0, &cur) {
			return
		}
		last := len(order) - 1
		onSite := cur.starts[last] + c.est[order[last]] - cur.starts[0]
		cur.cost = float64(onSite-own) + delayWeight*float64(cur.starts[0]-b)
		if cur.cost < best.cost {
			best = itinerary{order: append([]int(nil), cur.order...), starts: append([]int(nil), cur.starts...), cost: cur.cost}
		}
	}
	for s0 := b; s0 <= c.sc.LastEntryMin; s0 += startStep {
		if len(needs) <= fullSearch {
			permute(append([]int(nil), needs...), 0, func(o []int) { consider(o, s0) })
		} else {
			consider(c.greedyOrder(needs, s0), s0)
		}
	}
	out := filled(len(c.sc.Agencies), -1)
	for i, a := range best.order {
		c.reserve(a, best.starts[i])
		out[a] = best.starts[i]
	}
	return out
}

// greedyOrder orders needs by always taking next the agency that can start
// earliest after the previous one.
func (c *calendar) greedyOrder(needs []int, s0 int) []int {
	left := append([]int(nil), needs...)
	var order []int
	t := s0
	for len(left) > 0 {
		bi, bt := 0, math.MaxInt
		for i, a := range left {
			if t < c.horizon && c.next[a][t] >= 0 && c.next[a][t] < bt {
				bi, bt = i, c.next[a][t]
			}
		}
		order = append(order, left[bi])
		if bt < math.MaxInt {
			t = bt + c.est[left[bi]]
		}
		left = append(left[:bi], left[bi+1:]...)
	}
	return order
}

// permute calls f with every order of s[k:] after the fixed prefix s[:k].
func permute(s []int, k int, f func([]int)) {
	if k == len(s) {
		f(s)
		return
	}
	for i := k; i < len(s); i++ {
		s[k], s[i] = s[i], s[k]
		permute(s, k+1, f)
		s[k], s[i] = s[i], s[k]
	}
}

// bookCoordinated is S2's booking of a day.
func bookCoordinated(sc *Scenario, d *day) [][]int {
	appt := unbooked(d, len(sc.Agencies))
	c := newCalendar(sc)
	for _, v := range d.bookingOrder {
		appt[v] = c.book(d.visitors[v].needs, d.visitors[v].desired)
	}
	return appt
}
