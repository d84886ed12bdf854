package sim

import (
	"math"

	"lotse/internal/sched"
)

const (
	// modelSamples is the number of model walk-in crowds a booking is
	// judged against; the real walk-ins come in clumps that one evenly
	// spread crowd does not show.
	modelSamples = 8
	// bookingMaxWait is the starvation guard of the booking's forecasts:
	// looser than the floor's, since a forecast's waits are estimates
	// (measured on normal: 1.197 against 1.202 with the floor's 30).
	bookingMaxWait = 40
	// startStep is the grid of first starts tried.
	startStep   = 5
	streamModel = 32
	// modelID numbers the model walk-ins after every real visitor.
	modelID = 1 << 20
)

// bookForecast is S2's booking of a day. Bookings arrive in the day's
// booking order. For each booker the calendar tries every first start of
// the afternoon on a grid (the desired time is not a constraint: the offer
// is "come at 15:40 and your agencies take an hour, without waiting"; a
// window of an hour around the desired time measured 1.233 instead of
// 1.194 on normal) and forecasts the whole day
// with the dispatcher (sched.Dispatcher.Forecast): the bookers booked so far
// at their appointments, a model crowd of walk-ins, and this booker. It
// keeps the start with the least total time on site, averaged over
// modelSamples crowds, and the booker's services in the first crowd's
// forecast become the itinerary: never two at once, in the forecast's order.
func bookForecast(sc *Scenario, d *day) [][]int {
	appt := unbooked(d, len(sc.Agencies))
	disp := sched.Dispatcher{MaxWait: bookingMaxWait}
	var desks []sched.Desk
	for _, ag := range sc.Agencies {
		for k := range ag.Desks {
			desks = append(desks, sched.Desk{ID: sched.DeskID{Agency: ag.ID, Index: k}})
		}
	}
	var crowds [][]sched.Visitor
	for i := range modelSamples {
		crowds = append(crowds, modelWalkinsN(sc, i))
	}
	index := map[string]int{}
	for a, ag := range sc.Agencies {
		index[ag.ID] = a
	}
	for _, v := range d.bookingOrder {
		vis := &d.visitors[v]
		me := sched.Visitor{ID: sched.VisitorID(v), Booked: true}
		for _, a := range vis.needs {
			me.Needs = append(me.Needs, sched.Need{Agency: sc.Agencies[a].ID, Estimate: sched.Minute(estimate(sc.Agencies[a]))})
		}
		bestCost := math.Inf(1)
		var best []sched.Planned
		for s0 := 0; s0 <= sc.LastEntryMin; s0 += startStep {
			me.Arrived = sched.Minute(s0)
			var cost float64
			var first []sched.Planned
			for i, crowd := range crowds {
				plan, _ := disp.Forecast(sched.Floor{Visitors: append(crowd, me), Desks: desks})
				cost += onSite(plan, append(crowd, me)) / float64(len(crowds))
				if i == 0 {
					first = plan
				}
			}
			if cost < bestCost {
				bestCost, best = cost, first
			}
		}
		first := -1
		for _, p := range best {
			if p.Visitor == me.ID {
				appt[v][index[p.Desk.Agency]] = int(p.Start)
				if first < 0 || int(p.Start) < first {
					first = int(p.Start)
				}
			}
		}
		if first >= 0 {
			me.Arrived = sched.Minute(first)
			for i := range crowds {
				crowds[i] = append(crowds[i], me)
			}
		}
	}
	return appt
}

// onSite is the forecast's total time on site.
func onSite(plan []sched.Planned, visitors []sched.Visitor) float64 {
	end := map[sched.VisitorID]sched.Minute{}
	for _, p := range plan {
		end[p.Visitor] = max(end[p.Visitor], p.End)
	}
	total := 0.0
	for _, v := range visitors {
		total += float64(end[v.ID] - v.Arrived)
	}
	return total
}

// modelWalkinsN are the walk-ins the calendar expects on any day: the mean
// number, with needs drawn from the scenario (not from the day, which the
// calendar cannot know); crowd 0 spreads them evenly, crowd k > 0 jitters the
// times, so several crowds average out where walk-ins happen to come.
func modelWalkinsN(sc *Scenario, k int) []sched.Visitor {
	r := stream(sc.Seed, k, streamModel)
	n := int(math.Round(sc.ArrivalsMean * (1 - sc.BookedShare)))
	var times []int
	for i := range n {
		off := 0.5
		if k > 0 {
			off = r.Float64()
		}
		times = append(times, int((float64(i)+off)*float64(sc.LastEntryMin+1)/float64(n)))
	}
	if b := sc.Burst; b != nil {
		for range b.Count {
			times = append(times, b.AtMin)
		}
	}
	var out []sched.Visitor
	for i, t := range times {
		needs, _ := drawNeeds(r, sc)
		v := sched.Visitor{ID: sched.VisitorID(modelID + i), Arrived: sched.Minute(t)}
		for _, a := range needs {
			v.Needs = append(v.Needs, sched.Need{Agency: sc.Agencies[a].ID, Estimate: sched.Minute(estimate(sc.Agencies[a]))})
		}
		out = append(out, v)
	}
	return out
}
