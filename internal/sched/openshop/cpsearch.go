package openshop

import (
	"math/rand/v2"
	"time"
)

// cpSearch looks for a schedule of makespan at most a bound C by
// constraint programming: the windows of cpState, and the SetTimes
// branching of Le Pape et al. — take the unfixed operation with the
// earliest start (ties: the earliest latest completion, jittered on
// restarts) and either start it there or postpone it. A postponed
// operation is not chosen again until propagation raises its earliest
// start; a branch fails when an operation postponed can no longer start
// before the chosen one (its latest start is earlier), which keeps the
// search to schedules without avoidable idle time. Restarts with Luby
// fail budgets and random tie-breaking make it robust against early
// mistakes.
type cpSearch struct {
	c        *cpState
	post     []int // earliest start when postponed, -1 if not postponed
	rng      *rand.Rand
	noise    int // jitter of the latest completion used to break ties
	deadline time.Time
	fails    int64
	limit    int64 // fail budget of the current run, 0 = none
	nodes    int64
	aborted  bool
}

func newCPSearch(p *problem) *cpSearch {
	return &cpSearch{c: newCPState(p), post: make([]int, p.size())}
}

// run searches for a schedule of makespan at most cmax until the
// deadline or failLimit failures (0 = none). It returns the starts of the
// schedule found (into start) and whether one was found; complete reports
// that the search space was exhausted without one. Because of the
// postponement rule that is no proof of infeasibility: the solver uses it
// only to size the neighbourhoods of the large neighbourhood search.
func (s *cpSearch) run(cmax int, deadline time.Time, failLimit int64, rng *rand.Rand, noise int, start []int) (found, complete bool) {
	s.deadline, s.limit, s.rng, s.noise = deadline, failLimit, rng, noise
	s.fails, s.aborted = 0, false
	for o := range s.post {
		s.post[o] = -1
	}
	if !s.c.reset(cmax) {
		return false, true
	}
	if s.dfs() {
		copy(start, s.c.est)
		return true, false
	}
	return false, !s.aborted
}

// dfs branches on the operation SetTimes selects; true when every
// operation is fixed (the windows then hold a schedule).
func (s *cpSearch) dfs() bool {
	s.nodes++
	if s.nodes&255 == 0 && time.Now().After(s.deadline) {
		s.aborted = true
	}
	if s.aborted {
		return false
	}
	c, dur := s.c, s.c.p.dur
	best, bestEst, bestKey := int32(-1), 0, 0
	minPostLst, unfixed := int(^uint(0)>>1), false
	for o := range c.est {
		e := c.est[o]
		if c.lct[o]-e == dur[o] {
			continue
		}
		unfixed = true
		if s.post[o] >= 0 && e <= s.post[o] {
			minPostLst = min(minPostLst, c.lct[o]-dur[o])
			continue
		}
		key := c.lct[o]
		if s.noise > 0 && s.rng != nil {
			key += s.rng.IntN(s.noise + 1)
		}
		if best < 0 || e < bestEst || e == bestEst && key < bestKey {
			best, bestEst, bestKey = int32(o), e, key
		}
	}
	if !unfixed {
		return true
	}
	if best < 0 || minPostLst < bestEst {
		s.fail()
		return false
	}
	mark := len(c.trail)
	if c.fix(best, bestEst) && s.dfs() {
		return true
	}
	c.undo(mark)
	if s.aborted {
		return false
	}
	s.fail()
	old := s.post[best]
	s.post[best] = bestEst
	if s.dfs() {
		return true
	}
	s.post[best] = old
	return false
}

// fail counts a failure and aborts the run when its budget is spent.
func (s *cpSearch) fail() {
	s.fails++
	if s.limit > 0 && s.fails >= s.limit {
		s.aborted = true
	}
}
