package openshop

import (
	"math/rand/v2"
	"time"
)

// exactSearch is a depth-first branch-and-bound over active schedules. A
// node is a partial schedule built by appending operations in
// non-decreasing (start, index) order; the next operation is started at its
// earliest start est = max(job ready, machine ready). Every active schedule
// is generated exactly once: its operations sorted by (start, index) are a
// branch, and the first unscheduled one starts at its est, which is below
// C* = the smallest earliest completion of any unscheduled operation (else
// that operation could be moved left). The bound at a node is, for every job
// and machine, the preemptive one-resource bound over the unscheduled
// operations' heads.
type exactSearch struct {
	p         *problem
	deadline  time.Time
	nodeLimit int64      // stop after this many nodes, 0 = no limit
	rng       *rand.Rand // jitters the branch order; nil keeps it fixed
	nodes     int64
	aborted   bool
	began     time.Time
	foundAt   time.Duration

	done      []bool
	start     []int
	jobReady  []int
	machReady []int
	best      int
	bestStart []int
	found     bool

	cand     [][]int32 // branch candidates per depth
	key      [][]int   // their order keys
	heads    []int     // scratch for the bound
	durs     []int
	jobRem   []int // unscheduled work per job
	machRem  []int // and per machine
	priScale int   // jitter of the priority in percent
}

// exactResult is the outcome of an exact search.
type exactResult struct {
	start    []int // best schedule found, nil if none beat the initial bound
	makespan int
	complete bool // the search space was exhausted: makespan is optimal
	nodes    int64
	foundAt  time.Duration // since began, when start was found
}

// newExactSearch prepares a search on p; run it with dive.
func newExactSearch(p *problem, began time.Time) *exactSearch {
	n := p.size()
	e := &exactSearch{
		p: p, began: began,
		done: make([]bool, n), start: make([]int, n), bestStart: make([]int, n),
		jobReady: make([]int, len(p.jobOps)), machReady: make([]int, len(p.machOps)),
		cand: make([][]int32, n+1), key: make([][]int, n+1), heads: make([]int, 0, n), durs: make([]int, 0, n),
		jobRem: make([]int, len(p.jobOps)), machRem: make([]int, len(p.machOps)),
	}
	for d := range e.cand {
		e.cand[d] = make([]int32, 0, n)
		e.key[d] = make([]int, 0, n)
	}
	return e
}

// dive searches for a schedule shorter than ub until the deadline or the
// node limit (0 = none). With rng set, equal earliest starts are ordered by
// a jittered priority, so that repeated dives explore different branches.
func (e *exactSearch) dive(ub int, deadline time.Time, nodeLimit int64, rng *rand.Rand, jitter int) exactResult {
	e.deadline, e.nodeLimit, e.rng, e.priScale = deadline, nodeLimit, rng, jitter
	e.nodes, e.aborted, e.found, e.best = 0, false, false, ub
	copy(e.jobRem, e.p.jobLoad)
	copy(e.machRem, e.p.machLoad)
	e.branch(0, 0, -1)
	r := exactResult{makespan: e.best, complete: !e.aborted, nodes: e.nodes, foundAt: e.foundAt}
	if e.found {
		r.start = append([]int(nil), e.bestStart...)
	}
	return r
}

// solveExact searches for a schedule shorter than ub until the deadline.
func solveExact(p *problem, ub int, deadline time.Time) exactResult {
	return newExactSearch(p, time.Now()).dive(ub, deadline, 0, nil, 0)
}

func (e *exactSearch) est(o int32) int {
	return max(e.jobReady[e.p.job[o]], e.machReady[e.p.mach[o]])
}

func (e *exactSearch) branch(depth, lastStart int, lastIdx int32) {
	e.nodes++
	if e.nodes&1023 == 0 && time.Now().After(e.deadline) || e.nodeLimit > 0 && e.nodes > e.nodeLimit {
		e.aborted = true
	}
	if e.aborted {
		return
	}
	p := e.p
	if depth == p.size() {
		cmax := 0
		for _, r := range e.jobReady {
			cmax = max(cmax, r)
		}
		if cmax < e.best {
			e.best, e.found, e.foundAt = cmax, true, time.Since(e.began)
			copy(e.bestStart, e.start)
		}
		return
	}
	if e.bound(lastStart) >= e.best {
		return
	}
	cstar := int(^uint(0) >> 1)
	for o := range e.done {
		if !e.done[o] {
			cstar = min(cstar, max(e.est(int32(o)), lastStart)+p.dur[o])
		}
	}
	cand, key := e.cand[depth][:0], e.key[depth][:0]
	for o := range e.done {
		if e.done[o] {
			continue
		}
		s := e.est(int32(o))
		if s < cstar && (s > lastStart || s == lastStart && int32(o) > lastIdx) {
			// earliest start first, then most work left on the job and
			// machine (the dense-schedule rule): good schedules first
			j, k := p.job[o], p.mach[o]
			pri := 2*max(e.jobRem[j], e.machRem[k]) + min(e.jobRem[j], e.machRem[k])
			if e.rng != nil && e.priScale > 0 {
				pri += pri * e.rng.IntN(e.priScale+1) / 100
			}
			cand, key = append(cand, int32(o)), append(key, s*(8*p.lb+8)-pri)
			for x := len(cand) - 1; x > 0 && key[x] < key[x-1]; x-- {
				cand[x], cand[x-1] = cand[x-1], cand[x]
				key[x], key[x-1] = key[x-1], key[x]
			}
		}
	}
	e.cand[depth], e.key[depth] = cand, key
	for _, o := range cand {
		j, k := p.job[o], p.mach[o]
		s := e.est(o)
		if s+p.dur[o] >= e.best {
			continue
		}
		rj, rk := e.jobReady[j], e.machReady[k]
		e.done[o], e.start[o] = true, s
		e.jobReady[j], e.machReady[k] = s+p.dur[o], s+p.dur[o]
		e.jobRem[j] -= p.dur[o]
		e.machRem[k] -= p.dur[o]
		e.branch(depth+1, s, o)
		e.done[o] = false
		e.jobReady[j], e.machReady[k] = rj, rk
		e.jobRem[j] += p.dur[o]
		e.machRem[k] += p.dur[o]
		if e.aborted {
			return
		}
	}
}

// bound is a lower bound on any completion of the node: for every job and
// machine, the unscheduled operations start no earlier than their heads
// max(est, lastStart), so the resource finishes no earlier than
// min head of any suffix (by head) plus that suffix's total duration.
func (e *exactSearch) bound(lastStart int) int {
	lb := 0
	for _, r := range e.jobReady {
		lb = max(lb, r)
	}
	for _, ops := range e.p.jobOps {
		lb = max(lb, e.resourceBound(ops, lastStart))
	}
	for _, ops := range e.p.machOps {
		lb = max(lb, e.resourceBound(ops, lastStart))
	}
	return lb
}

func (e *exactSearch) resourceBound(ops []int32, lastStart int) int {
	h, d := e.heads[:0], e.durs[:0]
	for _, o := range ops {
		if e.done[o] {
			continue
		}
		hv, dv := max(e.est(o), lastStart), e.p.dur[o]
		h, d = append(h, hv), append(d, dv)
		for x := len(h) - 1; x > 0 && h[x] < h[x-1]; x-- {
			h[x], h[x-1] = h[x-1], h[x]
			d[x], d[x-1] = d[x-1], d[x]
		}
	}
	lb, sum := 0, 0
	for i := len(h) - 1; i >= 0; i-- {
		sum += d[i]
		lb = max(lb, h[i]+sum)
	}
	return lb
}
