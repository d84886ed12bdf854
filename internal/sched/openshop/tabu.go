package openshop

import (
	"math/rand/v2"
	"time"
)

// tabuSearch improves a makespan schedule on the disjunctive graph: every
// job and every machine holds its operations in a sequence (linked through
// jp/js and mp/ms), heads are longest paths from time 0. A move swaps two
// adjacent operations at the start or end of a block of the critical path
// (a run of critical operations on one job or one machine); such a swap
// never creates a cycle. The search takes the best non-tabu move (a tabu
// one only if it beats the best makespan), forbids the reverse swap for a
// random tenure, and restarts from a perturbed copy of the best solution
// when it stalls. All buffers are allocated once; an iteration allocates
// nothing.
type tabuSearch struct {
	p   *problem
	rng *rand.Rand

	jp, js, mp, ms []int32 // job/machine predecessor and successor, -1 for none
	head           []int
	indeg          []int8
	queue          []int32
	path           []int32
	moves          []move

	bestJp, bestJs, bestMp, bestMs []int32
	best                           int
	bestAt                         time.Duration

	tabuUntil []int64
	tabuN     int // operations per row of tabuUntil, 0 when hashed
	tenure    int

	iter int64
}

// move swaps the adjacent operations u (first) and v on a job (onJob) or a
// machine.
type move struct {
	u, v  int32
	onJob bool
}

// tabuTableCap bounds the tabu table; larger instances hash into it.
const tabuTableCap = 1 << 20

func newTabuSearch(p *problem, seed uint64) *tabuSearch {
	n := p.size()
	t := &tabuSearch{
		p:      p,
		rng:    rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		jp:     make([]int32, n),
		js:     make([]int32, n),
		mp:     make([]int32, n),
		ms:     make([]int32, n),
		head:   make([]int, n),
		indeg:  make([]int8, n),
		queue:  make([]int32, 0, n),
		path:   make([]int32, 0, n),
		bestJp: make([]int32, n),
		bestJs: make([]int32, n),
		bestMp: make([]int32, n),
		bestMs: make([]int32, n),
		tenure: 4 + (len(p.jobOps)+len(p.machOps))/4,
	}
	size := n * n
	if size <= tabuTableCap {
		t.tabuN = n
	} else {
		size = tabuTableCap
	}
	t.tabuUntil = make([]int64, max(size, 1))
	return t
}

// load sets the job and machine sequences from operation starts.
func (t *tabuSearch) load(start []int) {
	link := func(ops []int32, pred, succ []int32, order []int32) {
		order = append(order[:0], ops...)
		for i := 1; i < len(order); i++ { // insertion sort by start: lists are short
			for x := i; x > 0 && start[order[x]] < start[order[x-1]]; x-- {
				order[x], order[x-1] = order[x-1], order[x]
			}
		}
		for i, o := range order {
			pred[o], succ[o] = -1, -1
			if i > 0 {
				pred[o] = order[i-1]
			}
			if i+1 < len(order) {
				succ[o] = order[i+1]
			}
		}
	}
	buf := t.queue[:0]
	for _, ops := range t.p.jobOps {
		link(ops, t.jp, t.js, buf)
	}
	for _, ops := range t.p.machOps {
		link(ops, t.mp, t.ms, buf)
	}
}

// eval computes heads in topological order and returns the makespan, or -1
// if the sequences contain a cycle.
func (t *tabuSearch) eval() int {
	q := t.queue[:0]
	for o := range t.indeg {
		d := int8(0)
		if t.jp[o] >= 0 {
			d++
		}
		if t.mp[o] >= 0 {
			d++
		}
		t.indeg[o] = d
		if d == 0 {
			q = append(q, int32(o))
			t.head[o] = 0
		}
	}
	cmax := 0
	dur := t.p.dur
	for i := 0; i < len(q); i++ {
		o := q[i]
		h := 0
		if a := t.jp[o]; a >= 0 {
			h = t.head[a] + dur[a]
		}
		if a := t.mp[o]; a >= 0 {
			h = max(h, t.head[a]+dur[a])
		}
		t.head[o] = h
		cmax = max(cmax, h+dur[o])
		if s := t.js[o]; s >= 0 {
			if t.indeg[s]--; t.indeg[s] == 0 {
				q = append(q, s)
			}
		}
		if s := t.ms[o]; s >= 0 {
			if t.indeg[s]--; t.indeg[s] == 0 {
				q = append(q, s)
			}
		}
	}
	t.queue = q
	if len(q) < len(t.indeg) {
		return -1
	}
	return cmax
}

// swap exchanges u and its successor v on the job or machine sequence.
func (t *tabuSearch) swap(mv move) {
	pred, succ := t.mp, t.ms
	if mv.onJob {
		pred, succ = t.jp, t.js
	}
	u, v := mv.u, mv.v
	a, b := pred[u], succ[v]
	if a >= 0 {
		succ[a] = v
	}
	if b >= 0 {
		pred[b] = u
	}
	pred[v], succ[v] = a, u
	pred[u], succ[u] = v, b
}

// criticalPath fills t.path with a longest path (chronological), choosing
// at random among ties; heads must be current.
func (t *tabuSearch) criticalPath(cmax int) {
	dur := t.p.dur
	end, seen := int32(-1), 0
	for o := range t.head {
		if t.head[o]+dur[o] == cmax {
			if seen++; t.rng.IntN(seen) == 0 {
				end = int32(o)
			}
		}
	}
	t.path = t.path[:0]
	for o := end; o >= 0; {
		t.path = append(t.path, o)
		next := int32(-1)
		if a := t.jp[o]; a >= 0 && t.head[a]+dur[a] == t.head[o] {
			next = a
		}
		if a := t.mp[o]; a >= 0 && t.head[a]+dur[a] == t.head[o] && (next < 0 || t.rng.IntN(2) == 0) {
			next = a
		}
		o = next
	}
	for i, j := 0, len(t.path)-1; i < j; i, j = i+1, j-1 {
		t.path[i], t.path[j] = t.path[j], t.path[i]
	}
}

// neighbourhood fills t.moves with the first and last swaps of every block
// of the critical path.
func (t *tabuSearch) neighbourhood() {
	t.moves = t.moves[:0]
	pa := t.path
	for i := 0; i+1 < len(pa); {
		onJob := t.p.job[pa[i]] == t.p.job[pa[i+1]]
		k := i + 1
		for k+1 < len(pa) && (t.p.job[pa[k]] == t.p.job[pa[k+1]]) == onJob {
			k++
		}
		t.moves = append(t.moves, move{pa[i], pa[i+1], onJob})
		if k-1 > i {
			t.moves = append(t.moves, move{pa[k-1], pa[k], onJob})
		}
		i = k
	}
}

func (t *tabuSearch) tabuIndex(u, v int32) int {
	if t.tabuN > 0 {
		return int(u)*t.tabuN + int(v)
	}
	h := uint64(u)*0x9e3779b97f4a7c15 ^ uint64(v)*0xc2b2ae3d27d4eb4f
	return int(h>>40) & (len(t.tabuUntil) - 1)
}

func (t *tabuSearch) saveBest(cmax int, at time.Duration) {
	copy(t.bestJp, t.jp)
	copy(t.bestJs, t.js)
	copy(t.bestMp, t.mp)
	copy(t.bestMs, t.ms)
	t.best, t.bestAt = cmax, at
}

func (t *tabuSearch) restoreBest() {
	copy(t.jp, t.bestJp)
	copy(t.js, t.bestJs)
	copy(t.mp, t.bestMp)
	copy(t.ms, t.bestMs)
}

// perturb applies k random critical swaps, ignoring tabu status.
func (t *tabuSearch) perturb(k int) int {
	cmax := t.eval()
	for range k {
		t.criticalPath(cmax)
		t.neighbourhood()
		if len(t.moves) == 0 {
			break
		}
		t.swap(t.moves[t.rng.IntN(len(t.moves))])
		cmax = t.eval()
	}
	return cmax
}

// run searches from the loaded sequences until the deadline, maxIter
// iterations (0 = no limit) or a makespan ≤ target. began is the solve's
// start time, for bestAt.
func (t *tabuSearch) run(began, deadline time.Time, maxIter int64, target int) {
	cmax := t.eval()
	t.saveBest(cmax, time.Since(began))
	stall, maxStall := 0, 200+20*len(t.p.dur)/len(t.p.machOps)
	for cmax > target && (maxIter == 0 || t.iter < maxIter) {
		if t.iter&15 == 0 && time.Now().After(deadline) {
			break
		}
		t.iter++
		t.criticalPath(cmax)
		t.neighbourhood()
		if len(t.moves) == 0 {
			break // a single operation or job: the critical path is optimal
		}
		bestMove, bestVal, ties := -1, 0, 0
		for i, mv := range t.moves {
			t.swap(mv)
			c := t.eval()
			t.swap(move{mv.v, mv.u, mv.onJob})
			if c < 0 {
				continue
			}
			if t.tabuUntil[t.tabuIndex(mv.u, mv.v)] > t.iter && c >= t.best {
				continue
			}
			switch {
			case bestMove < 0 || c < bestVal:
				bestMove, bestVal, ties = i, c, 1
			case c == bestVal:
				if ties++; t.rng.IntN(ties) == 0 {
					bestMove = i
				}
			}
		}
		if bestMove < 0 {
			bestMove = t.rng.IntN(len(t.moves))
		}
		mv := t.moves[bestMove]
		t.swap(mv)
		t.tabuUntil[t.tabuIndex(mv.v, mv.u)] = t.iter + int64(t.tenure+t.rng.IntN(t.tenure+1))
		cmax = t.eval()
		if cmax < t.best {
			t.saveBest(cmax, time.Since(began))
			stall = 0
			continue
		}
		if stall++; stall > maxStall {
			t.restoreBest()
			cmax = t.perturb(2 + t.rng.IntN(4))
			stall = 0
		}
	}
	t.restoreBest()
	t.eval()
}

// starts returns the heads of the current sequences (call after run).
func (t *tabuSearch) starts() []int {
	return append([]int(nil), t.head...)
}
