package openshop

import "time"

// Large neighbourhood search around the best schedule: a run keeps, on
// every job and machine, the order of the operations of the best schedule
// except a random share of them, which are freed, and asks the
// constraint-programming search for a schedule one shorter within
// lnsFails failures. The share adapts: a neighbourhood proven empty
// grows it, one whose search runs out of failures shrinks it. On
// Guéret–Prins 8x8–10x10 with a fixed node budget, lnsRuns runs of
// lnsFails failures after every plain run gave 0.7 points less gap than
// plain runs alone (freeing time windows instead of random operations was
// worse; the starting share hardly mattered).
const (
	lnsRuns     = 3
	lnsFails    = 30
	lnsRate     = 30 // starting share of freed operations, percent
	lnsMinRate  = 5
	lnsMaxRate  = 80
	lnsRateGrow = 2
)

// lnsState is the neighbourhood buffer and the adaptive share.
type lnsState struct {
	free []bool
	rate int // percent of the operations freed
}

func newLNSState(p *problem) *lnsState {
	return &lnsState{free: make([]bool, p.size()), rate: lnsRate}
}

// lnsRun runs one neighbourhood of the best schedule.
func (s *solver) lnsRun(cs *cpSearch, ls *lnsState, cpStart []int, noise int) {
	for o := range ls.free {
		ls.free[o] = s.rng.IntN(100) < ls.rate
	}
	cs.c.keep(s.start, ls.free)
	nodes := cs.nodes
	ok, complete := cs.run(s.cmax-1, s.deadline, lnsFails, s.rng, noise, cpStart)
	s.nodes += cs.nodes - nodes
	cs.c.release()
	switch {
	case ok:
		s.start, s.cmax, s.foundAt = append(s.start[:0:0], cpStart...), s.p.makespan(cpStart), time.Since(s.began)
	case complete:
		ls.rate = min(ls.rate+lnsRateGrow, lnsMaxRate)
	default:
		ls.rate = max(ls.rate-1, lnsMinRate)
	}
}
