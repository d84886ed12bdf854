package sim

import "math"

// service is one service of a simulated day, as logged.
type service struct {
	visitor, agency, desk, start, end int
	interpreter                       int // -1 when none
}

// outcome is what one policy did on one day.
type outcome struct {
	policy   string
	arrival  []int // per visitor; -1 for a no-show
	first    []int // first appointment per visitor; -1 for none
	services []service
}

// rules is what distinguishes the policies that run on the floor event by
// event: what happens when a visitor arrives or finishes a service, and
// which services start at a moment.
type rules interface {
	arrive(f *floor, v int)
	finish(f *floor, v int)
	dispatch(f *floor)
}

// floor is the state of a simulated day: who is where, which desk serves
// whom until when. The true service times drive it; the rules only see what
// their policy may see.
type floor struct {
	sc       *Scenario
	d        *day
	now      int
	arrival  []int
	left     [][]bool // per visitor and agency: still needed
	nLeft    []int
	busy     []bool // per visitor: at a desk
	served   []int  // per visitor: finished service minutes
	deskV    [][]int
	deskEnd  [][]int
	deskFrom [][]int
	interp   []interpreterSlot
	out      []service
}

// interpreterSlot is one interpreter of the day: language, the visitor
// served with them (-1 when free), the true end and the expected end.
type interpreterSlot struct {
	lang     string
	visitor  int
	end      int
	expected int
}

func newFloor(sc *Scenario, d *day, arrival []int) *floor {
	f := &floor{sc: sc, d: d, arrival: arrival}
	for _, v := range d.visitors {
		l := make([]bool, len(sc.Agencies))
		for _, a := range v.needs {
			l[a] = true
		}
		f.left = append(f.left, l)
		f.nLeft = append(f.nLeft, len(v.needs))
	}
	f.busy = make([]bool, len(d.visitors))
	f.served = make([]int, len(d.visitors))
	for _, ag := range sc.Agencies {
		f.deskV = append(f.deskV, filled(ag.Desks, -1))
		f.deskEnd = append(f.deskEnd, filled(ag.Desks, 0))
		f.deskFrom = append(f.deskFrom, filled(ag.Desks, 0))
	}
	for _, p := range sc.Interpreters {
		for range p.Count {
			f.interp = append(f.interp, interpreterSlot{lang: p.Language, visitor: -1})
		}
	}
	return f
}

func filled(n, x int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = x
	}
	return s
}

// present tells whether v has arrived and is not gone.
func (f *floor) present(v int) bool {
	return f.arrival[v] >= 0 && f.arrival[v] <= f.now && (f.nLeft[v] > 0 || f.busy[v])
}

// idle tells whether v is present and not at a desk.
func (f *floor) idle(v int) bool { return f.present(v) && !f.busy[v] }

// deskOpen tells whether desk k of agency a may start a service now: it is
// free, and fewer desks of the agency are busy than are present (during an
// absence a desk finishing its service counts as one of those present).
func (f *floor) deskOpen(a, k int) bool {
	return f.deskV[a][k] < 0 && f.busyDesks(a) < f.presentDesks(a)
}

func (f *floor) busyDesks(a int) int {
	n := 0
	for _, v := range f.deskV[a] {
		if v >= 0 {
			n++
		}
	}
	return n
}

func (f *floor) presentDesks(a int) int {
	ag := f.sc.Agencies[a]
	return ag.Desks - min(f.sc.absent(ag.ID, f.now), ag.Desks)
}

// interpreterFor returns a free interpreter for v (-1 when v needs none),
// and false when v needs one and none is free.
func (f *floor) interpreterFor(v int) (int, bool) {
	lang := f.d.visitors[v].lang
	if lang == "" {
		return -1, true
	}
	for i, in := range f.interp {
		if in.lang == lang && in.visitor < 0 {
			return i, true
		}
	}
	return -1, false
}

// start begins v's service at desk k of agency a now, with interpreter i.
func (f *floor) start(v, a, k, i int) {
	end := f.now + f.d.visitors[v].service[a]
	f.deskV[a][k], f.deskEnd[a][k], f.deskFrom[a][k] = v, end, f.now
	f.busy[v] = true
	f.left[v][a] = false
	f.nLeft[v]--
	if i >= 0 {
		f.interp[i] = interpreterSlot{lang: f.interp[i].lang, visitor: v, end: end, expected: f.now + estimate(f.sc.Agencies[a])}
	}
	f.out = append(f.out, service{visitor: v, agency: a, desk: k, start: f.now, end: end, interpreter: i})
}

// run plays the day under r until nothing is left to happen.
func (f *floor) run(r rules) {
	f.now = 0
	f.step(r)
	for {
		next := f.nextEvent()
		if next == math.MaxInt {
			return
		}
		f.now = next
		f.step(r)
	}
}

// nextEvent is the next moment after now when something changes: an
// arrival, the end of a service, the start or end of an absence.
func (f *floor) nextEvent() int {
	next := math.MaxInt
	for _, t := range f.arrival {
		if t > f.now && t < next {
			next = t
		}
	}
	for a := range f.deskV {
		for k, v := range f.deskV[a] {
			if v >= 0 {
				next = min(next, f.deskEnd[a][k])
			}
		}
	}
	for _, dis := range f.sc.Disruptions {
		for _, t := range []int{dis.FromMin, dis.ToMin} {
			if t > f.now && t < next {
				next = t
			}
		}
	}
	return next
}

// step handles the moment f.now: services ending, then arrivals (in visitor
// order), then the rules start what they start.
func (f *floor) step(r rules) {
	var finished []int
	for a := range f.deskV {
		for k, v := range f.deskV[a] {
			if v >= 0 && f.deskEnd[a][k] == f.now {
				f.deskV[a][k] = -1
				f.busy[v] = false
				f.served[v] += f.d.visitors[v].service[a]
				finished = append(finished, v)
			}
		}
	}
	for i, in := range f.interp {
		if in.visitor >= 0 && in.end == f.now {
			f.interp[i].visitor = -1
		}
	}
	for v, t := range f.arrival {
		if t == f.now {
			r.arrive(f, v)
		}
	}
	for _, v := range finished {
		if f.nLeft[v] > 0 {
			r.finish(f, v)
		}
	}
	r.dispatch(f)
}

// estimate is what a policy expects a service at ag to take: its mean.
func estimate(ag Agency) int { return max(1, int(math.Round(ag.MeanMin))) }

func (f *floor) anyOpenDesk() bool {
	for a := range f.deskV {
		for k := range f.deskV[a] {
			if f.deskOpen(a, k) {
				return true
			}
		}
	}
	return false
}

func (f *floor) anyIdle() bool {
	for v := range f.d.visitors {
		if f.idle(v) && f.nLeft[v] > 0 {
			return true
		}
	}
	return false
}
