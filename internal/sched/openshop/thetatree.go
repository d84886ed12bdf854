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
// O(n log n). The tree is rebuilt in place: it allocates only when it grows.
type thetaLambda struct {
	size      int // number of leaves, a power of two
	sp, ect   []int
	spb, ectb []int
	rsp, rect []int32
}

// reset empties a tree for n leaves.
func (t *thetaLambda) reset(n int) {
	size := 1
	for size < n {
		size <<= 1
	}
	t.size = size
	if cap(t.sp) < 2*size {
		t.sp, t.ect = make([]int, 2*size), make([]int, 2*size)
		t.spb, t.ectb = make([]int, 2*size), make([]int, 2*size)
		t.rsp, t.rect = make([]int32, 2*size), make([]int32, 2*size)
	}
	t.sp, t.ect, t.spb, t.ectb = t.sp[:2*size], t.ect[:2*size], t.spb[:2*size], t.ectb[:2*size]
	t.rsp, t.rect = t.rsp[:2*size], t.rect[:2*size]
	for v := range t.sp {
		t.sp[v], t.ect[v], t.spb[v], t.ectb[v], t.rsp[v], t.rect[v] = 0, negInf, 0, negInf, -1, -1
	}
}

// white puts leaf pos (operation id, earliest start est, duration d) in Θ.
func (t *thetaLambda) white(pos, est, d int) {
	v := t.size + pos
	t.sp[v], t.ect[v], t.spb[v], t.ectb[v], t.rsp[v], t.rect[v] = d, est+d, d, est+d, -1, -1
	t.up(v)
}

// gray moves leaf pos to Λ; id names it in the responsible fields.
func (t *thetaLambda) gray(pos, est, d int, id int32) {
	v := t.size + pos
	t.sp[v], t.ect[v], t.spb[v], t.ectb[v], t.rsp[v], t.rect[v] = 0, negInf, d, est+d, id, id
	t.up(v)
}

// remove empties leaf pos.
func (t *thetaLambda) remove(pos int) {
	v := t.size + pos
	t.sp[v], t.ect[v], t.spb[v], t.ectb[v], t.rsp[v], t.rect[v] = 0, negInf, 0, negInf, -1, -1
	t.up(v)
}

// up recomputes the ancestors of node v.
func (t *thetaLambda) up(v int) {
	for v >>= 1; v >= 1; v >>= 1 {
		l, r := 2*v, 2*v+1
		t.sp[v] = t.sp[l] + t.sp[r]
		t.ect[v] = max(t.ect[r], t.ect[l]+t.sp[r])
		if a, b := t.spb[l]+t.sp[r], t.sp[l]+t.spb[r]; a >= b {
			t.spb[v], t.rsp[v] = a, t.rsp[l]
		} else {
			t.spb[v], t.rsp[v] = b, t.rsp[r]
		}
		e, re := t.ectb[r], t.rect[r]
		if c := t.ect[l] + t.spb[r]; c > e {
			e, re = c, t.rsp[r]
		}
		if c := t.ectb[l] + t.sp[r]; c > e {
			e, re = c, t.rect[l]
		}
		t.ectb[v], t.rect[v] = e, re
	}
}

// rootECT is the earliest completion of Θ.
func (t *thetaLambda) rootECT() int { return t.ect[1] }
