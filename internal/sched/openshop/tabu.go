package openshop

import (
	"math/rand/v2"
	"time"
)

// tabuSearch is a tabu search over selections of the disjunctive graph
// (Liaw 1999 for the open shop, after Nowicki–Smutnicki for the job shop).
// A move swaps two adjacent operations at either end of a block of a
// critical path — a run of operations on one machine or of one job; swaps
// inside a block cannot shorten that path, and swapping critical
// neighbours never creates a cycle. Moves are ranked by the estimate of
// graph.swapEstimate, the chosen one is applied and the graph re-evaluated
// exactly. Reversing a swap is tabu for a random tenure unless it beats the
// best makespan. A round ends after stall iterations without improving on
// the round's start; the next round starts from the best selection,
// perturbed by a few random critical swaps.
type tabuSearch struct {
	p        *problem
	cur      *graph // current selection
	best     *graph // best selection found
	rng      *rand.Rand
	began    time.Time
	foundAt  time.Duration
	tabu     [2][]int64 // per kind: iteration until which a swap is tabu, by (first op, slot of second)
	slot     [2][]int32 // position of an operation in its job / machine
	stride   [2]int
	moves    []move
	iter     int64
	rounds   int64 // rounds run so far
	stall    int64 // iterations without improvement that end a round
	tenure   int   // minimum tabu tenure; a random amount up to as much again is added
	lb       int   // stop when the best makespan reaches it
	deadline time.Time
}

// move swaps U and then V, adjacent in the order of Kind.
type move struct {
	kind int
	u, v int32
	est  int
}

// newTabuSearch prepares a search starting from the schedule start.
func newTabuSearch(p *problem, start []int, seed uint64, began time.Time) *tabuSearch {
	n := p.size()
	t := &tabuSearch{p: p, cur: newGraph(p), best: newGraph(p), rng: rand.New(rand.NewPCG(seed, 11)),
		began: began, lb: p.lb, moves: make([]move, 0, 2*n)}
	for k, lists := range [2][][]int32{p.jobOps, p.machOps} {
		t.slot[k] = make([]int32, n)
		for _, ops := range lists {
			t.stride[k] = max(t.stride[k], len(ops))
			for i, o := range ops {
				t.slot[k][o] = int32(i)
			}
		}
		t.tabu[k] = make([]int64, n*t.stride[k])
	}
	t.stall = int64(max(2000, 20*n))
	t.tenure = 8 + (len(p.jobOps)+len(p.machOps))/4
	t.cur.load(start)
	t.best.copyFrom(t.cur)
	return t
}

// run searches until the deadline, the lower bound t.lb, or maxRounds
// more rounds (0 = no limit). Every round but the very first starts from
// the best selection, perturbed.
func (t *tabuSearch) run(deadline time.Time, maxRounds int64) {
	t.deadline = deadline
	for r := int64(0); t.best.cmax > t.lb && (maxRounds == 0 || r < maxRounds); r++ {
		if t.rounds > 0 {
			t.cur.copyFrom(t.best)
			t.perturb(2 + t.rng.IntN(4))
		}
		t.rounds++
		if !t.round() {
			return
		}
	}
}

// adopt makes the schedule start, found elsewhere and better than any
// selection so far, the current and best selection.
func (t *tabuSearch) adopt(start []int) {
	t.cur.load(start)
	t.best.copyFrom(t.cur)
}

// perturb applies k random critical swaps, ignoring tabu status.
func (t *tabuSearch) perturb(k int) {
	for range k {
		if !t.neighbours() {
			return
		}
		m := t.moves[t.rng.IntN(len(t.moves))]
		t.apply(m)
	}
}

// round runs tabu iterations until stall iterations pass without beating
// the round's starting makespan (or its improvements). It returns false
// when the time is up or the lower bound is reached.
func (t *tabuSearch) round() bool {
	roundBest, since := t.cur.cmax, int64(0)
	for since < t.stall {
		t.iter++
		since++
		if t.iter&127 == 0 && time.Now().After(t.deadline) {
			return false
		}
		if !t.neighbours() {
			return false // one block: the makespan is a resource load, optimal
		}
		t.score()
		m, ok := t.choose()
		if !ok {
			m = t.moves[t.rng.IntN(len(t.moves))]
		}
		t.apply(m)
		t.tabu[m.kind][int(m.v)*t.stride[m.kind]+int(t.slot[m.kind][m.u])] = t.iter + int64(t.tenure+t.rng.IntN(t.tenure+1))
		if t.cur.cmax < roundBest {
			roundBest, since = t.cur.cmax, 0
		}
		if t.cur.cmax < t.best.cmax {
			t.best.copyFrom(t.cur)
			t.foundAt = time.Since(t.began)
			if t.best.cmax <= t.lb {
				return false
			}
		}
	}
	return true
}

// neighbours lists the swaps at the ends of the blocks of a critical path
// of the current selection with their estimates; false if there are none.
func (t *tabuSearch) neighbours() bool {
	g := t.cur
	path := g.criticalPath(t.rng)
	t.moves = t.moves[:0]
	for s := 0; s+1 < len(path); {
		kind := g.arcKind(path[s], path[s+1])
		e := s
		for e+2 < len(path) && g.arcKind(path[e+1], path[e+2]) == kind {
			e++
		}
		t.addMove(kind, path[s], path[s+1])
		if e > s {
			t.addMove(kind, path[e], path[e+1])
		}
		s = e + 1
	}
	return len(t.moves) > 0
}

func (t *tabuSearch) addMove(kind int, u, v int32) {
	t.moves = append(t.moves, move{kind: kind, u: u, v: v, est: t.cur.swapEstimate(kind, u, v)})
}

// score evaluates every move exactly: makespan first, then the number of
// critical operations, so that moves on a plateau of equal makespans
// still make progress. It leaves the current selection's times stale.
func (t *tabuSearch) score() {
	g := t.cur
	n := len(g.head) + 1
	cmax := g.cmax
	for i := range t.moves {
		m := &t.moves[i]
		if m.est > cmax {
			m.est = m.est*n + n - 1
			continue
		}
		g.swap(m.kind, m.u, m.v)
		g.eval()
		m.est = g.cmax*n + g.critical()
		g.swap(m.kind, m.v, m.u)
	}
}

// choose picks the non-tabu move with the lowest estimate (a tabu one if it
// would beat the best makespan), ties at random.
func (t *tabuSearch) choose() (move, bool) {
	var best move
	found, ties := false, 0
	for _, m := range t.moves {
		tabu := t.tabu[m.kind][int(m.u)*t.stride[m.kind]+int(t.slot[m.kind][m.v])] > t.iter
		if tabu && m.est >= t.best.cmax*(len(t.cur.head)+1) {
			continue
		}
		switch {
		case !found || m.est < best.est:
			best, found, ties = m, true, 1
		case m.est == best.est:
			if ties++; t.rng.IntN(ties) == 0 {
				best = m
			}
		}
	}
	return best, found
}

// apply makes the swap and re-evaluates the selection.
func (t *tabuSearch) apply(m move) {
	t.cur.swap(m.kind, m.u, m.v)
	t.cur.eval()
}
