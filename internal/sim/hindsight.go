package sim

import (
	"math"
	"math/rand/v2"
	"time"
)

// HINDSIGHT plays the day offline: every arrival and every true duration is
// known in advance (bookers arrive as under a policy without appointments).
// A schedule is decoded from one priority key per service by list
// scheduling (whenever a desk is open and a service can start, the smallest
// key among those that can start goes first), and a local search over the
// keys minimises the sum of times on site. It starts from the better of two
// schedules, S1's day replayed with hindsight and shortest-total-work-first,
// and stops after hindsightMoves moves or hindsightBudget, whichever comes
// first; the result is the best found, not a proof of optimality.
const (
	hindsightMoves  = 4000
	hindsightBudget = time.Second
	streamHindsight = 16
)

// offline is one day as the hindsight solver sees it.
type offline struct {
	sc      *Scenario
	d       *day
	arrival []int
	ops     []op
}

// op is one service to place: visitor, agency, true minutes.
type op struct{ v, a, dur int }

func newOffline(sc *Scenario, d *day) *offline {
	o := &offline{sc: sc, d: d, arrival: noAppointments(sc, d)}
	for v, vis := range d.visitors {
		if o.arrival[v] < 0 {
			continue
		}
		for _, a := range vis.needs {
			o.ops = append(o.ops, op{v: v, a: a, dur: vis.service[a]})
		}
	}
	return o
}

// decode list-schedules the ops by key and returns the sum of departures
// and, when record is set, the services.
func (o *offline) decode(key []float64, record bool) (int, []service) {
	sc := o.sc
	n := len(o.d.visitors)
	ready := make([]int, n)
	left := make([]int, n)
	for v := range ready {
		ready[v] = o.arrival[v]
	}
	for _, p := range o.ops {
		left[p.v]++
	}
	free := make([][]int, len(sc.Agencies))
	for a, ag := range sc.Agencies {
		free[a] = make([]int, ag.Desks)
	}
	var interp []interpreterSlot
	for _, p := range sc.Interpreters {
		for range p.Count {
			interp = append(interp, interpreterSlot{lang: p.Language})
		}
	}
	done := make([]bool, len(o.ops))
	var out []service
	total, remaining := 0, len(o.ops)
	for t := 0; remaining > 0; {
		for {
			best, bestK, bestIn := -1, -1, -1
			for i, p := range o.ops {
				if done[i] || ready[p.v] > t || (best >= 0 && key[i] >= key[best]) {
					continue
				}
				k := openDesk(sc, free[p.a], p.a, t)
				if k < 0 {
					continue
				}
				in := freeInterpreter(interp, o.d.visitors[p.v].lang, t)
				if in == -2 {
					continue
				}
				best, bestK, bestIn = i, k, in
			}
			if best < 0 {
				break
			}
			p := o.ops[best]
			done[best] = true
			remaining--
			end := t + p.dur
			free[p.a][bestK] = end
			ready[p.v] = end
			if bestIn >= 0 {
				interp[bestIn].end = end
			}
			if left[p.v]--; left[p.v] == 0 {
				total += end
			}
			if record {
				out = append(out, service{visitor: p.v, agency: p.a, desk: bestK, start: t, end: end, interpreter: bestIn})
			}
		}
		if t = o.nextTime(t, ready, free, interp); t == math.MaxInt {
			break
		}
	}
	return total, out
}

// openDesk returns a free desk of agency a that may start at t (-1 for
// none): fewer desks busy than present.
func openDesk(sc *Scenario, free []int, a, t int) int {
	present := len(free) - min(sc.absent(sc.Agencies[a].ID, t), len(free))
	busy, desk := 0, -1
	for k, f := range free {
		if f > t {
			busy++
		} else if desk < 0 {
			desk = k
		}
	}
	if busy >= present {
		return -1
	}
	return desk
}

// freeInterpreter returns an interpreter of lang free at t, -1 when lang is
// "" and -2 when none is free.
func freeInterpreter(interp []interpreterSlot, lang string, t int) int {
	if lang == "" {
		return -1
	}
	for i, in := range interp {
		if in.lang == lang && in.end <= t {
			return i
		}
	}
	return -2
}

// nextTime is the next moment after t when a visitor, desk or interpreter
// frees up or a desk comes back.
func (o *offline) nextTime(t int, ready []int, free [][]int, interp []interpreterSlot) int {
	next := math.MaxInt
	later := func(x int) {
		if x > t && x < next {
			next = x
		}
	}
	for _, r := range ready {
		later(r)
	}
	for _, fs := range free {
		for _, f := range fs {
			later(f)
		}
	}
	for _, in := range interp {
		later(in.end)
	}
	for _, dis := range o.sc.Disruptions {
		later(dis.ToMin)
	}
	return next
}

// hindsight plays the HINDSIGHT policy on d.
func hindsight(sc *Scenario, d *day) outcome {
	o := newOffline(sc, d)
	rng := stream(sc.Seed, d.number, streamHindsight)
	key := o.seedKeys(sc, d)
	cost, _ := o.decode(key, false)
	byAgency := make([][]int, len(sc.Agencies))
	for i, p := range o.ops {
		byAgency[p.a] = append(byAgency[p.a], i)
	}
	deadline := time.Now().Add(hindsightBudget)
	trial := make([]float64, len(key))
	for move := 0; move < hindsightMoves && len(o.ops) > 1; move++ {
		if move%64 == 0 && time.Now().After(deadline) {
			break
		}
		copy(trial, key)
		o.perturb(rng, trial, byAgency)
		if c, _ := o.decode(trial, false); c <= cost {
			cost = c
			copy(key, trial)
		}
	}
	_, services := o.decode(key, true)
	return outcome{policy: "HINDSIGHT", arrival: o.arrival, first: filled(len(d.visitors), -1), services: services}
}

// seedKeys returns the better of two starting keys: the start times of S1's
// day, and each visitor's total true work (shortest first).
func (o *offline) seedKeys(sc *Scenario, d *day) []float64 {
	s1 := onFloor(sc, d, "S1", nil, newLive(sc, nil))
	startOf := map[[2]int]int{}
	for _, s := range s1.services {
		startOf[[2]int{s.visitor, s.agency}] = s.start
	}
	a := make([]float64, len(o.ops))
	b := make([]float64, len(o.ops))
	for i, p := range o.ops {
		a[i] = float64(startOf[[2]int{p.v, p.a}]) + float64(p.a)*1e-3
		b[i] = float64(d.visitors[p.v].own()) + float64(i)*1e-6
	}
	ca, _ := o.decode(a, false)
	cb, _ := o.decode(b, false)
	if cb < ca {
		return b
	}
	return a
}

// perturb applies one random move to key: move a service just before or
// after another one of the same agency, swap two, or shift a whole visitor.
func (o *offline) perturb(rng *rand.Rand, key []float64, byAgency [][]int) {
	i := rng.IntN(len(o.ops))
	same := byAgency[o.ops[i].a]
	j := same[rng.IntN(len(same))]
	switch rng.IntN(3) {
	case 0:
		key[i] = key[j] - 1e-4*(1+rng.Float64())
	case 1:
		key[i], key[j] = key[j], key[i]
	default:
		shift := (rng.Float64() - 0.5) * 40
		for k, p := range o.ops {
			if p.v == o.ops[i].v {
				key[k] += shift
			}
		}
	}
}
