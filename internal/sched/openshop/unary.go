package openshop

// unary propagates the time windows of the operations of one resource (a
// job or a machine), which runs one operation at a time. The windows are
// given as earliest starts est, latest completions lct and durations dur,
// indexed locally 0..k-1. The rules are Vilím's O(k log k) versions of
// overload checking, edge-finding, detectable precedences and not-last;
// run on the mirrored windows (est' = -lct, lct' = -est) the same code
// gives their symmetric rules (latest completions from edge-finding and
// detectable precedences, earliest starts from not-first). All buffers
// are reused: propagation allocates nothing once they have grown.
type unary struct {
	est, lct, dur []int
	newEst        []int // earliest starts implied by edge-finding and detectable precedences
	newLct        []int // latest completions implied by not-last
	pos           []int // leaf of each operation: its rank by est
	// the operations sorted by est, lct, latest start and earliest
	// completion; set by load to the orders of the previous propagation
	// of the same resource and direction, which need few moves to re-sort
	byEst, byLct, byLst, byEct []int32
	tree                       thetaLambda
}

// load sets the windows to be propagated, and the four orders (each a
// permutation of 0..k-1); fill the returned slices.
func (u *unary) load(k int, orders *[4][]int32) (est, lct, dur []int) {
	grow := func(s []int) []int {
		if cap(s) < k {
			return make([]int, k)
		}
		return s[:k]
	}
	u.est, u.lct, u.dur, u.newEst, u.newLct, u.pos = grow(u.est), grow(u.lct), grow(u.dur), grow(u.newEst), grow(u.newLct), grow(u.pos)
	u.byEst, u.byLct, u.byLst, u.byEct = orders[0], orders[1], orders[2], orders[3]
	return u.est, u.lct, u.dur
}

// sortBy sorts the permutation idx by key(i) ascending: an insertion sort,
// linear on the nearly sorted orders of successive propagations, and
// allocation-free.
func sortBy(idx []int32, key func(i int32) int) {
	for i := 1; i < len(idx); i++ {
		v, kv := idx[i], key(idx[i])
		j := i
		for ; j > 0 && key(idx[j-1]) > kv; j-- {
			idx[j] = idx[j-1]
		}
		idx[j] = v
	}
}

// propagate computes newEst and newLct from the loaded windows. It returns
// false when the resource is overloaded: no schedule fits the windows.
func (u *unary) propagate() bool {
	est, lct, dur := u.est, u.lct, u.dur
	sortBy(u.byEst, func(i int32) int { return est[i] })
	for r, i := range u.byEst {
		u.pos[i] = r
	}
	sortBy(u.byLct, func(i int32) int { return lct[i] })
	sortBy(u.byLst, func(i int32) int { return lct[i] - dur[i] })
	sortBy(u.byEct, func(i int32) int { return est[i] + dur[i] })
	copy(u.newEst, est)
	copy(u.newLct, lct)
	return u.edgeFind() && u.detectablePrecedences() && u.notLast()
}

// edgeFind checks for overload and raises the earliest start of every
// operation i that must come after a set Ω (ECT(Ω ∪ {i}) > lct(Ω)) to
// ECT(Ω).
func (u *unary) edgeFind() bool {
	t, k := &u.tree, len(u.est)
	t.reset(k, true)
	for i := range k {
		t.fill(u.pos[i], u.est[i], u.dur[i])
	}
	t.build()
	j := u.byLct[k-1]
	if t.rootECT() > u.lct[j] {
		return false
	}
	for q := k - 1; q > 0; q-- {
		t.gray(u.pos[j], u.est[j], u.dur[j], j)
		j = u.byLct[q-1]
		if t.rootECT() > u.lct[j] {
			return false
		}
		for t.node[1].ectb > u.lct[j] {
			i := t.node[1].rect
			if i < 0 {
				break
			}
			u.newEst[i] = max(u.newEst[i], t.rootECT())
			t.remove(u.pos[i])
		}
	}
	return true
}

// detectablePrecedences raises the earliest start of every operation i to
// the earliest completion of the operations j that must precede it
// because lst(j) < ect(i).
func (u *unary) detectablePrecedences() bool {
	t, k := &u.tree, len(u.est)
	t.reset(k, false)
	q := 0
	for _, i := range u.byEct {
		ect := u.est[i] + u.dur[i]
		for ; q < k && u.lct[u.byLst[q]]-u.dur[u.byLst[q]] < ect; q++ {
			j := u.byLst[q]
			t.white(u.pos[j], u.est[j], u.dur[j])
		}
		if q > 0 && u.lct[i]-u.dur[i] < ect { // i is in Θ: take it out
			t.remove(u.pos[i])
			u.newEst[i] = max(u.newEst[i], t.rootECT())
			t.white(u.pos[i], u.est[i], u.dur[i])
		} else {
			u.newEst[i] = max(u.newEst[i], t.rootECT())
		}
	}
	return true
}

// notLast lowers the latest completion of every operation i that cannot
// come last among the operations Ω that start before lct(i) at the latest
// (ECT(Ω) > lst(i)) to the largest latest start in Ω.
func (u *unary) notLast() bool {
	t, k := &u.tree, len(u.est)
	t.reset(k, false)
	q := 0
	last, prev := int32(-1), int32(-1) // the two latest-starting operations in Θ
	for _, i := range u.byLct {
		for ; q < k && u.lct[u.byLst[q]]-u.dur[u.byLst[q]] < u.lct[i]; q++ {
			j := u.byLst[q]
			t.white(u.pos[j], u.est[j], u.dur[j])
			last, prev = j, last
		}
		other := last
		if other == i {
			other = prev
		}
		if other < 0 {
			continue
		}
		t.remove(u.pos[i])
		if lst := u.lct[i] - u.dur[i]; t.rootECT() > lst {
			u.newLct[i] = min(u.newLct[i], u.lct[other]-u.dur[other])
		}
		t.white(u.pos[i], u.est[i], u.dur[i])
	}
	return true
}
