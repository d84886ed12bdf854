package openshop

import (
	"os"
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
	head, tail     []int
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

// move relocates operation x on a job (onJob) or machine sequence so that
// it sits between newPred and newSucc (-1 for the sequence's ends). near
// and far are the first and last operations x jumps over: the arcs
// (far..near, x) are reversed, and (x, near), (x, far) become tabu.
type move struct {
	x, newPred, newSucc int32
	near, far           int32
	onJob               bool
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
		tail:   make([]int, n),
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

// score evaluates the sequences for the search: the makespan first, then
// the number of critical operations, so that among equal makespans the
// search prefers schedules with fewer operations on longest paths. It
// returns -1 for a cycle and also computes tails.
func (t *tabuSearch) score() int {
	cmax := t.eval()
	if cmax < 0 {
		return -1
	}
	dur := t.p.dur
	crit := 0
	for i := len(t.queue) - 1; i >= 0; i-- {
		o := t.queue[i]
		q := 0
		if s := t.js[o]; s >= 0 {
			q = t.tail[s] + dur[s]
		}
		if s := t.ms[o]; s >= 0 {
			q = max(q, t.tail[s]+dur[s])
		}
		t.tail[o] = q
		if t.head[o]+dur[o]+q == cmax {
			crit++
		}
	}
	if os.Getenv("NOCRIT") != "" {
		crit = 0
	}
	return cmax*(len(dur)+1) + crit
}

// relocate removes x from its sequence and reinserts it between pred and
// succ, which must be adjacent once x is removed. It returns x's old
// neighbours, to undo the move with relocate(x, oldPred, oldSucc).
func (t *tabuSearch) relocate(x, pred, succ int32, onJob bool) (int32, int32) {
	ps, ss := t.mp, t.ms
	if onJob {
		ps, ss = t.jp, t.js
	}
	a, b := ps[x], ss[x]
	if a >= 0 {
		ss[a] = b
	}
	if b >= 0 {
		ps[b] = a
	}
	ps[x], ss[x] = pred, succ
	if pred >= 0 {
		ss[pred] = x
	}
	if succ >= 0 {
		ps[succ] = x
	}
	return a, b
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

// neighbourhood fills t.moves from every block of the critical path (a
// maximal run of its operations on one job or machine): each operation
// moves to the front of its block or to its back.
func (t *tabuSearch) neighbourhood() {
	t.moves = t.moves[:0]
	pa := t.path
	for i := 0; i+1 < len(pa); {
		onJob := t.p.job[pa[i]] == t.p.job[pa[i+1]]
		k := i + 1
		for k+1 < len(pa) && (t.p.job[pa[k]] == t.p.job[pa[k+1]]) == onJob {
			k++
		}
		ps, ss := t.mp, t.ms
		if onJob {
			ps, ss = t.jp, t.js
		}
		first, last := pa[i], pa[k]
		if os.Getenv("SWAPONLY") != "" {
			t.moves = append(t.moves, move{pa[i+1], ps[first], first, pa[i], first, onJob})
			if k > i+1 {
				t.moves = append(t.moves, move{pa[k-1], last, ss[last], pa[k], last, onJob})
			}
			i = k
			continue
		}
		for x := i + 1; x <= k; x++ { // pa[x] to the front
			t.moves = append(t.moves, move{pa[x], ps[first], first, pa[x-1], first, onJob})
		}
		for x := i; x < k && k > i+1; x++ { // pa[x] to the back (a pair is swapped above)
			t.moves = append(t.moves, move{pa[x], last, ss[last], pa[x+1], last, onJob})
		}
		i = k
	}
}

// tabu reports whether the move reverses a recently created arc.
func (t *tabuSearch) tabu(mv move) bool {
	if mv.newSucc == mv.far { // x moves to the front: arcs (s, x)
		return t.tabuUntil[t.tabuIndex(mv.near, mv.x)] > t.iter || t.tabuUntil[t.tabuIndex(mv.far, mv.x)] > t.iter
	}
	return t.tabuUntil[t.tabuIndex(mv.x, mv.near)] > t.iter || t.tabuUntil[t.tabuIndex(mv.x, mv.far)] > t.iter
}

// forbid makes the arcs created by mv tabu until iteration until.
func (t *tabuSearch) forbid(mv move, until int64) {
	if mv.newSucc == mv.far {
		t.tabuUntil[t.tabuIndex(mv.x, mv.near)] = until
		t.tabuUntil[t.tabuIndex(mv.x, mv.far)] = until
		return
	}
	t.tabuUntil[t.tabuIndex(mv.near, mv.x)] = until
	t.tabuUntil[t.tabuIndex(mv.far, mv.x)] = until
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

// perturb applies k random critical moves, ignoring tabu status.
func (t *tabuSearch) perturb(k int) int {
	cmax := t.eval()
	for range k {
		t.criticalPath(cmax)
		t.neighbourhood()
		if len(t.moves) == 0 {
			break
		}
		mv := t.moves[t.rng.IntN(len(t.moves))]
		a, b := t.relocate(mv.x, mv.newPred, mv.newSucc, mv.onJob)
		if cmax = t.eval(); cmax < 0 {
			t.relocate(mv.x, a, b, mv.onJob)
			cmax = t.eval()
		}
	}
	return t.score()
}

// run searches from the loaded sequences until the deadline, maxIter
// iterations (0 = no limit) or a makespan ≤ target. began is the solve's
// start time, for bestAt.
func (t *tabuSearch) run(began, deadline time.Time, maxIter int64, target int) {
	scale := len(t.p.dur) + 1
	sc := t.score()
	t.saveBest(sc/scale, time.Since(began))
	bestScore := sc
	stall, maxStall := 0, 200+20*len(t.p.dur)/len(t.p.machOps)
	for sc/scale > target && (maxIter == 0 || t.iter < maxIter) {
		if t.iter&15 == 0 && time.Now().After(deadline) {
			break
		}
		t.iter++
		t.criticalPath(sc / scale)
		t.neighbourhood()
		if len(t.moves) == 0 {
			break // a single operation or job: the critical path is optimal
		}
		bestMove, bestVal, ties := -1, 0, 0
		for i, mv := range t.moves {
			a, b := t.relocate(mv.x, mv.newPred, mv.newSucc, mv.onJob)
			c := t.score()
			t.relocate(mv.x, a, b, mv.onJob)
			if c < 0 || t.tabu(mv) && c >= bestScore {
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
		t.relocate(mv.x, mv.newPred, mv.newSucc, mv.onJob)
		t.forbid(mv, t.iter+int64(t.tenure+t.rng.IntN(t.tenure+1)))
		if sc = t.score(); sc < 0 {
			t.restoreBest() // only the random fallback can close a cycle
			sc = t.score()
		}
		if sc < bestScore {
			bestScore = sc
			if sc/scale < t.best {
				t.saveBest(sc/scale, time.Since(began))
			}
			stall = 0
			continue
		}
		if stall++; stall > maxStall {
			t.restoreBest()
			sc = t.perturb(2 + t.rng.IntN(4))
			bestScore = t.best*scale + scale - 1
			stall = 0
		}
	}
	debugf("tabu iters %d best %d\n", t.iter, t.best)
	t.restoreBest()
	t.eval()
}

// starts returns the heads of the current sequences (call after run).
func (t *tabuSearch) starts() []int {
	return append([]int(nil), t.head...)
}
