package openshop

import (
	"math/rand/v2"
	"slices"
)

// Arc kinds of the disjunctive graph: the order of a job's operations and
// the order of a machine's operations.
const (
	byJob  = 0
	byMach = 1
)

// graph is a complete selection of the disjunctive graph: an order of the
// operations of every job and of every machine, kept as doubly linked
// lists. An acyclic selection is a semi-active schedule whose start times
// are the heads (longest paths from the source) and whose makespan is the
// longest path. All buffers are reused: evaluating allocates nothing.
type graph struct {
	p          *problem
	prev, next [2][]int32 // per kind, the neighbours of an operation (-1: none)
	head, tail []int      // longest path to the start / from the end of an operation
	topo       []int32    // topological order of the last evaluation
	indeg      []int8
	cmax       int
	path       []int32 // scratch: a critical path
}

func newGraph(p *problem) *graph {
	n := p.size()
	g := &graph{p: p, head: make([]int, n), tail: make([]int, n), topo: make([]int32, 0, n),
		indeg: make([]int8, n), path: make([]int32, 0, n)}
	for k := range g.prev {
		g.prev[k], g.next[k] = make([]int32, n), make([]int32, n)
	}
	return g
}

// load sets the selection to the order of the given start times (ties by
// operation number) and evaluates it; its makespan is at most that of the
// schedule.
func (g *graph) load(start []int) {
	p := g.p
	lists := [2][][]int32{p.jobOps, p.machOps}
	var buf []int32
	for k, ls := range lists {
		for _, ops := range ls {
			buf = append(buf[:0], ops...)
			slices.SortFunc(buf, func(a, b int32) int {
				if start[a] != start[b] {
					return start[a] - start[b]
				}
				return int(a - b)
			})
			for i, o := range buf {
				g.prev[k][o], g.next[k][o] = -1, -1
				if i > 0 {
					g.prev[k][o] = buf[i-1]
				}
				if i+1 < len(buf) {
					g.next[k][o] = buf[i+1]
				}
			}
		}
	}
	g.eval()
}

// copyFrom makes g the same selection as h (of the same problem).
func (g *graph) copyFrom(h *graph) {
	for k := range g.prev {
		copy(g.prev[k], h.prev[k])
		copy(g.next[k], h.next[k])
	}
	copy(g.head, h.head)
	copy(g.tail, h.tail)
	g.cmax = h.cmax
}

// end is the completion time of o, 0 for none.
func (g *graph) end(o int32) int {
	if o < 0 {
		return 0
	}
	return g.head[o] + g.p.dur[o]
}

// after is the duration plus tail of o, 0 for none.
func (g *graph) after(o int32) int {
	if o < 0 {
		return 0
	}
	return g.p.dur[o] + g.tail[o]
}

// eval computes heads, tails and the makespan in topological order and
// reports whether the selection is acyclic.
func (g *graph) eval() bool {
	n := len(g.head)
	q := g.topo[:0]
	for o := range n {
		d := int8(0)
		if g.prev[byJob][o] >= 0 {
			d++
		}
		if g.prev[byMach][o] >= 0 {
			d++
		}
		g.indeg[o] = d
		if d == 0 {
			q = append(q, int32(o))
		}
	}
	cmax := 0
	for i := 0; i < len(q); i++ {
		o := q[i]
		h := max(g.end(g.prev[byJob][o]), g.end(g.prev[byMach][o]))
		g.head[o] = h
		cmax = max(cmax, h+g.p.dur[o])
		for k := range g.next {
			if s := g.next[k][o]; s >= 0 {
				if g.indeg[s]--; g.indeg[s] == 0 {
					q = append(q, s)
				}
			}
		}
	}
	g.topo, g.cmax = q, cmax
	if len(q) < n {
		return false
	}
	for i := n - 1; i >= 0; i-- {
		o := q[i]
		g.tail[o] = max(g.after(g.next[byJob][o]), g.after(g.next[byMach][o]))
	}
	return true
}

// criticalPath fills g.path with a longest path, from its first operation
// to its last; rng picks among ties.
func (g *graph) criticalPath(rng *rand.Rand) []int32 {
	last, ties := int32(-1), 0
	for o, h := range g.head {
		if h+g.p.dur[o] == g.cmax {
			if ties++; rng.IntN(ties) == 0 {
				last = int32(o)
			}
		}
	}
	path := append(g.path[:0], last)
	for o := last; g.head[o] > 0; {
		a, b := g.prev[byJob][o], g.prev[byMach][o]
		ca, cb := a >= 0 && g.end(a) == g.head[o], b >= 0 && g.end(b) == g.head[o]
		if ca && cb {
			ca = rng.IntN(2) == 0
		}
		if ca {
			o = a
		} else {
			o = b
		}
		path = append(path, o)
	}
	slices.Reverse(path)
	g.path = path
	return path
}

// arcKind is the kind of the arc from u to its successor v on a path.
func (g *graph) arcKind(u, v int32) int {
	if g.next[byJob][u] == v {
		return byJob
	}
	return byMach
}

// swapEstimate estimates the makespan after swapping the adjacent
// operations u then v of kind: the longest path through u or v with the
// other heads and tails unchanged (exact for the paths through them).
func (g *graph) swapEstimate(kind int, u, v int32) int {
	o, d := 1-kind, g.p.dur
	rv := max(g.end(g.prev[kind][u]), g.end(g.prev[o][v]))
	ru := max(rv+d[v], g.end(g.prev[o][u]))
	qu := max(g.after(g.next[kind][v]), g.after(g.next[o][u]))
	qv := max(qu+d[u], g.after(g.next[o][v]))
	return max(rv+d[v]+qv, ru+d[u]+qu)
}

// swap exchanges the adjacent operations u then v of kind (v then u after).
func (g *graph) swap(kind int, u, v int32) {
	pv, nx := g.prev[kind], g.next[kind]
	a, b := pv[u], nx[v]
	if a >= 0 {
		nx[a] = v
	}
	if b >= 0 {
		pv[b] = u
	}
	pv[v], nx[v] = a, u
	pv[u], nx[u] = v, b
}

// critical counts the operations on some longest path.
func (g *graph) critical() int {
	c := 0
	for o, h := range g.head {
		if h+g.p.dur[o]+g.tail[o] == g.cmax {
			c++
		}
	}
	return c
}
