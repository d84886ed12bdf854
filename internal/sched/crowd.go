package sched

import "math/rand/v2"

const (
	// firstModelID numbers the model walk-ins, after every real visitor.
	firstModelID VisitorID = 1 << 20
	// crowdStream is the purpose number of the crowds' random streams; it
	// is the simulator's former stream number for them, so that its
	// figures stayed the same when booking moved here.
	crowdStream = 32
)

// modelCrowd is model crowd number k of the day: the walk-ins the booking
// expects on any day, the expected number with needs drawn from the
// agencies' walk-in shares (not the day's real walk-ins, which nobody
// knows in advance). Crowd 0 spreads them evenly over the entry window,
// crowd k > 0 jitters each time within its share of the window, so that
// several crowds average out where walk-ins happen to come; bursts come on
// top at their minute. Crowd k draws from the stream PCG(Seed, k<<8 | 32).
func (day BookingDay) modelCrowd(k int) []Visitor {
	r := rand.New(rand.NewPCG(day.Seed, uint64(k)<<8|crowdStream))
	n := day.Walkins
	var times []Minute
	for i := range n {
		off := 0.5
		if k > 0 {
			off = r.Float64()
		}
		times = append(times, Minute((float64(i)+off)*float64(day.LastEntry+1)/float64(n)))
	}
	for _, b := range day.Bursts {
		for range b.Count {
			times = append(times, b.At)
		}
	}
	out := make([]Visitor, 0, len(times))
	for i, t := range times {
		out = append(out, Visitor{ID: firstModelID + VisitorID(i), Arrived: t, Needs: day.drawNeeds(r)})
	}
	return out
}

// drawNeeds draws each agency with its walk-in share, again until at least
// one. Each need then draws one normal variate that the model does not use:
// the simulator's need draw also draws a service time per need, and
// keeping the stream aligned kept its figures when booking moved here.
func (day BookingDay) drawNeeds(r *rand.Rand) []Need {
	var needs []Need
	for len(needs) == 0 {
		for _, a := range day.Agencies {
			if r.Float64() < a.WalkinShare {
				needs = append(needs, Need{Agency: a.ID, Estimate: a.Estimate})
			}
		}
	}
	for range needs {
		r.NormFloat64()
	}
	return needs
}
