package openshop

// cpState is the constraint store of the constraint-programming search:
// for a makespan bound C, every operation o has a time window — it starts
// no earlier than est[o] and ends no later than lct[o] ≤ C. Every job and
// every machine is a unary resource (see unary), whose rules narrow the
// windows until a fixpoint or a contradiction. Changes are recorded on a
// trail so that the search can undo them on backtracking.
type cpState struct {
	p        *problem
	est, lct []int
	res      [][]int32 // operations of each resource: jobs, then machines
	resOf    [][2]int32
	trail    []cpEntry
	queue    []int32 // resources to propagate
	queued   []bool
	orders   [][2][4][]int32 // per resource and direction, the orders of unary
	chain    [][]int32       // per resource, operations kept in this order (large neighbourhood search)
	u        unary
}

// cpEntry is an operation's window before a change.
type cpEntry struct {
	o        int32
	est, lct int
}

func newCPState(p *problem) *cpState {
	n, nj := p.size(), len(p.jobOps)
	c := &cpState{p: p, est: make([]int, n), lct: make([]int, n), resOf: make([][2]int32, n),
		res: append(append([][]int32(nil), p.jobOps...), p.machOps...)}
	c.queued = make([]bool, len(c.res))
	c.orders = make([][2][4][]int32, len(c.res))
	c.chain = make([][]int32, len(c.res))
	for r, ops := range c.res {
		c.chain[r] = make([]int32, 0, len(ops))
		for d := range 2 {
			for x := range 4 {
				c.orders[r][d][x] = make([]int32, len(ops))
				for i := range ops {
					c.orders[r][d][x][i] = int32(i)
				}
			}
		}
	}
	c.queue = make([]int32, 0, len(c.res))
	for o := range n {
		c.resOf[o] = [2]int32{p.job[o], int32(nj) + p.mach[o]}
	}
	return c
}

// reset sets every window to [0, cmax] (with the heads and tails that the
// loads of its job and machine imply) and propagates. It returns false if
// no schedule of makespan cmax exists by the propagation's reasoning.
func (c *cpState) reset(cmax int) bool {
	c.trail = c.trail[:0]
	for o := range c.est {
		c.est[o], c.lct[o] = 0, cmax
	}
	for r := range c.res {
		c.push(int32(r))
	}
	return c.propagate()
}

// push queues resource r for propagation.
func (c *cpState) push(r int32) {
	if !c.queued[r] {
		c.queued[r] = true
		c.queue = append(c.queue, r)
	}
}

// set narrows o's window to [est, lct], recording the old one and queuing
// its resources; false if the window becomes too short.
func (c *cpState) set(o int32, est, lct int) bool {
	est, lct = max(est, c.est[o]), min(lct, c.lct[o])
	if est == c.est[o] && lct == c.lct[o] {
		return true
	}
	c.trail = append(c.trail, cpEntry{o, c.est[o], c.lct[o]})
	c.est[o], c.lct[o] = est, lct
	c.push(c.resOf[o][0])
	c.push(c.resOf[o][1])
	return est+c.p.dur[o] <= lct
}

// fix starts o at time s and propagates; false on a contradiction.
func (c *cpState) fix(o int32, s int) bool {
	if !c.set(o, s, s+c.p.dur[o]) {
		for _, r := range c.queue {
			c.queued[r] = false
		}
		c.queue = c.queue[:0]
		return false
	}
	return c.propagate()
}

// undo restores the windows to the trail length mark.
func (c *cpState) undo(mark int) {
	for i := len(c.trail) - 1; i >= mark; i-- {
		e := c.trail[i]
		c.est[e.o], c.lct[e.o] = e.est, e.lct
	}
	c.trail = c.trail[:mark]
}

// propagate runs the unary rules on the queued resources until no window
// changes; false on a contradiction (the queue is then emptied).
func (c *cpState) propagate() bool {
	ok := true
	for h := 0; h < len(c.queue); h++ {
		r := c.queue[h]
		if ok && !c.propagateResource(r) {
			ok = false
		}
		c.queued[r] = false
	}
	c.queue = c.queue[:0]
	return ok
}

// propagateResource applies the unary rules to the operations of resource
// r, forwards and mirrored.
func (c *cpState) propagateResource(r int32) bool {
	ops := c.res[r]
	if len(ops) < 2 {
		return true
	}
	if !c.propagateChain(r) {
		return false
	}
	dur := c.p.dur
	u := &c.u
	est, lct, d := u.load(len(ops), &c.orders[r][0])
	for i, o := range ops {
		est[i], lct[i], d[i] = c.est[o], c.lct[o], dur[o]
	}
	if !u.propagate() {
		return false
	}
	for i, o := range ops {
		if !c.set(o, u.newEst[i], u.newLct[i]) {
			return false
		}
	}
	est, lct, _ = u.load(len(ops), &c.orders[r][1])
	for i, o := range ops { // mirrored: est' = -lct, lct' = -est
		est[i], lct[i] = -c.lct[o], -c.est[o]
	}
	if !u.propagate() {
		return false
	}
	for i, o := range ops {
		if !c.set(o, -u.newLct[i], -u.newEst[i]) {
			return false
		}
	}
	return true
}

// propagateChain enforces the order of resource r's chain: each operation
// starts after the previous one ends.
func (c *cpState) propagateChain(r int32) bool {
	ch, dur := c.chain[r], c.p.dur
	for i := 1; i < len(ch); i++ {
		if !c.set(ch[i], c.est[ch[i-1]]+dur[ch[i-1]], c.lct[ch[i]]) {
			return false
		}
	}
	for i := len(ch) - 2; i >= 0; i-- {
		if !c.set(ch[i], c.est[ch[i]], c.lct[ch[i+1]]-dur[ch[i+1]]) {
			return false
		}
	}
	return true
}

// keep sets every resource's chain to the order of its operations in the
// schedule start, leaving out those marked in free.
func (c *cpState) keep(start []int, free []bool) {
	for r, ops := range c.res {
		ch := c.chain[r][:0]
		for _, o := range ops {
			if free[o] {
				continue
			}
			ch = append(ch, o)
			for x := len(ch) - 1; x > 0 && start[ch[x]] < start[ch[x-1]]; x-- {
				ch[x], ch[x-1] = ch[x-1], ch[x]
			}
		}
		c.chain[r] = ch
	}
}

// release drops every chain.
func (c *cpState) release() {
	for r := range c.chain {
		c.chain[r] = c.chain[r][:0]
	}
}
