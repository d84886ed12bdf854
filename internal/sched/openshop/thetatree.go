package openshop

// negInf stands for "no completion" in the Θ-Λ tree: far below any time,
// yet far enough from the int limits that sums of durations cannot wrap.
const negInf = -1 << 40

// thetaLambda is Vilím's Θ-Λ tree over the operations of one resource,
// leaves ordered by earliest start. A white leaf is in Θ, a gray one in Λ.
// Every node holds, for its leaves, the total duration (sp) and earliest
// completion (ect) of the white ones, and the same with at most one gray
// leaf added (spb, ectb) together with the gray leaf responsible for each
// (rsp, rect; -1 for none). Insertions and removals cost O(log n), so the
// edge-finding, detectable-precedence and not-last rules run in
// O(n log n). Without lambda set, only the Θ fields are maintained. The
// tree is rebuilt in place: it allocates only when it grows.
type thetaLambda struct {
	size   int // number of leaves, a power of two
	lambda bool
	node   []tlNode // heap order: root 1, children 2v and 2v+1
}

// tlNode is one node of a thetaLambda.
type tlNode struct {
	sp, ect, spb, ectb int
	rsp, rect          int32
}

var emptyNode = tlNode{0, negInf, 0, negInf, -1, -1}

// reset empties a tree for n leaves; lambda selects whether gray leaves
// are used.
func (t *thetaLambda) reset(n int, lambda bool) {
	size := 1
	for size < n {
		size <<= 1
	}
	t.size, t.lambda = size, lambda
	if cap(t.node) < 2*size {
		t.node = make([]tlNode, 2*size)
	}
	t.node = t.node[:2*size]
	for v := range t.node {
		t.node[v] = emptyNode
	}
}

// fill makes leaf pos white without updating its ancestors; call build
// after the last one.
func (t *thetaLambda) fill(pos, est, d int) {
	t.node[t.size+pos] = tlNode{d, est + d, d, est + d, -1, -1}
}

// build computes every inner node from the leaves.
func (t *thetaLambda) build() {
	for v := t.size - 1; v >= 1; v-- {
		t.combine(v)
	}
}

// white puts leaf pos (earliest start est, duration d) in Θ.
func (t *thetaLambda) white(pos, est, d int) {
	t.fill(pos, est, d)
	t.up(t.size + pos)
}

// gray moves leaf pos to Λ; id names it in the responsible fields.
func (t *thetaLambda) gray(pos, est, d int, id int32) {
	v := t.size + pos
	t.node[v] = tlNode{0, negInf, d, est + d, id, id}
	t.up(v)
}

// remove empties leaf pos.
func (t *thetaLambda) remove(pos int) {
	v := t.size + pos
	t.node[v] = emptyNode
	t.up(v)
}

// up recomputes the ancestors of node v.
func (t *thetaLambda) up(v int) {
	for v >>= 1; v >= 1; v >>= 1 {
		t.combine(v)
	}
}

// combine recomputes node v from its children.
func (t *thetaLambda) combine(v int) {
	l, r, n := &t.node[2*v], &t.node[2*v+1], &t.node[v]
	n.sp = l.sp + r.sp
	n.ect = max(r.ect, l.ect+r.sp)
	if !t.lambda {
		return
	}
	if a, b := l.spb+r.sp, l.sp+r.spb; a >= b {
		n.spb, n.rsp = a, l.rsp
	} else {
		n.spb, n.rsp = b, r.rsp
	}
	e, re := r.ectb, r.rect
	if c := l.ect + r.spb; c > e {
		e, re = c, r.rsp
	}
	if c := l.ectb + r.sp; c > e {
		e, re = c, l.rect
	}
	n.ectb, n.rect = e, re
}

// rootECT is the earliest completion of Θ.
func (t *thetaLambda) rootECT() int { return t.node[1].ect }
