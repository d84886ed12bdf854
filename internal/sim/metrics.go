package sim

import (
	"math"
	"slices"
)

// DayResult is one row of days.csv: the metrics of one policy on one day.
type DayResult struct {
	Day           int
	Policy        string
	Arrivals      int
	ServedByClose int
	Stretch       float64
	MeanWait      float64
	P95Wait       int
	MaxWait       int
	Utilisation   float64
	Overtime      int
	StretchWalkin float64 // 1 when no walk-in arrived
	StretchBooked float64 // 1 when no booker arrived
	BookingDelay  float64 // 0 under a policy without appointments
}

// measure computes the day metrics of an outcome (oss-day.md, "Metrics").
func measure(sc *Scenario, d *day, o outcome) DayResult {
	r := DayResult{Day: d.number, Policy: o.policy}
	dep := make([]int, len(d.visitors))
	for _, s := range o.services {
		dep[s.visitor] = max(dep[s.visitor], s.end)
	}
	var site, own, siteW, ownW, siteB, ownB float64
	var waits []int
	lastDep := 0
	for v, vis := range d.visitors {
		if o.arrival[v] < 0 {
			continue
		}
		r.Arrivals++
		stay, work := dep[v]-o.arrival[v], vis.own()
		site += float64(stay)
		own += float64(work)
		if vis.booked {
			siteB, ownB = siteB+float64(stay), ownB+float64(work)
		} else {
			siteW, ownW = siteW+float64(stay), ownW+float64(work)
		}
		waits = append(waits, stay-work)
		if dep[v] <= sc.CloseMin {
			r.ServedByClose++
		}
		lastDep = max(lastDep, dep[v])
	}
	r.Stretch, r.StretchWalkin, r.StretchBooked = ratio(site, own), ratio(siteW, ownW), ratio(siteB, ownB)
	if len(waits) > 0 {
		slices.Sort(waits)
		sum := 0
		for _, w := range waits {
			sum += w
		}
		r.MeanWait = float64(sum) / float64(len(waits))
		r.P95Wait = waits[max(0, int(math.Ceil(0.95*float64(len(waits))))-1)]
		r.MaxWait = waits[len(waits)-1]
	}
	r.Overtime = max(0, lastDep-sc.CloseMin)
	r.Utilisation = utilisation(sc, o.services)
	n, delay := 0, 0
	for v, vis := range d.visitors {
		if vis.booked && o.first[v] >= 0 {
			n++
			delay += o.first[v] - vis.desired
		}
	}
	if n > 0 {
		r.BookingDelay = float64(delay) / float64(n)
	}
	return r
}

func ratio(site, own float64) float64 {
	if own == 0 {
		return 1
	}
	return site / own
}

// utilisation is busy desk-minutes inside [0, close] over the desk-minutes
// available then (desks absent by a disruption are not available).
func utilisation(sc *Scenario, services []service) float64 {
	busy := 0
	for _, s := range services {
		busy += max(0, min(s.end, sc.CloseMin)-s.start)
	}
	avail := 0
	for _, ag := range sc.Agencies {
		for t := range sc.CloseMin {
			avail += ag.Desks - min(sc.absent(ag.ID, t), ag.Desks)
		}
	}
	if avail == 0 {
		return 0
	}
	return float64(busy) / float64(avail)
}

// Summary is one row of summary.csv: a policy's means over days.
type Summary struct {
	Policy        string
	Days          int
	StretchMean   float64
	StretchCI95   float64 // half-width of the 95 % interval of the mean
	P95WaitMean   float64
	MeanWaitMean  float64
	ServedByClose float64
	OvertimeMean  float64
	Utilisation   float64
}

// summarise averages the day results of each policy, in policy order.
func summarise(policies []string, days []DayResult) []Summary {
	var out []Summary
	for _, p := range policies {
		s := Summary{Policy: p}
		var stretch []float64
		for _, r := range days {
			if r.Policy != p {
				continue
			}
			s.Days++
			stretch = append(stretch, r.Stretch)
			s.P95WaitMean += float64(r.P95Wait)
			s.MeanWaitMean += r.MeanWait
			s.ServedByClose += float64(r.ServedByClose)
			s.OvertimeMean += float64(r.Overtime)
			s.Utilisation += r.Utilisation
		}
		if s.Days == 0 {
			continue
		}
		n := float64(s.Days)
		s.StretchMean, s.StretchCI95 = meanCI(stretch)
		s.P95WaitMean /= n
		s.MeanWaitMean /= n
		s.ServedByClose /= n
		s.OvertimeMean /= n
		s.Utilisation /= n
		out = append(out, s)
	}
	return out
}

// meanCI returns the mean of xs and the half-width of its 95 % interval
// (normal approximation; 0 for fewer than two values).
func meanCI(xs []float64) (float64, float64) {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, 1.96 * math.Sqrt(ss/float64(len(xs)-1)/float64(len(xs)))
}
