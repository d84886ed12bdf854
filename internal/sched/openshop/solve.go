package openshop

import (
	"math/rand/v2"
	"slices"
	"time"
)

// Options control a solve. The search path is fixed by Seed; only where a
// time limit cuts it depends on the machine. MaxIter, when set, bounds the
// tabu search by iterations instead, which makes results reproducible
// everywhere.
type Options struct {
	TimeLimit time.Duration // 0 means DefaultTimeLimit
	Seed      uint64
	MaxIter   int64 // tabu iterations, 0 = until the time limit
}

// DefaultTimeLimit is used when Options.TimeLimit is zero.
const DefaultTimeLimit = time.Second

// exactMaxOps is the largest instance (positive-length operations) given to
// the exact search after the tabu search.
const exactMaxOps = 50

// Result is a solved instance.
type Result struct {
	Schedule
	LowerBound int           // trivial bound: largest job or machine load
	Proven     bool          // Makespan is optimal (equals LowerBound, or exact search completed)
	TimeToBest time.Duration // when the returned schedule was found
	Nodes      int64         // exact-search nodes, 0 if it did not run
}

// Solve minimises the makespan. It builds starting schedules from random
// operation lists, improves the best with tabu search until the lower bound
// is reached or the time runs out, and on small instances hands the rest of
// the time to the exact search, which proves optimality when it completes.
func Solve(in *Instance, opt Options) Result {
	began := time.Now()
	limit := opt.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	deadline := began.Add(limit)
	p := newProblem(in)
	res := Result{LowerBound: p.lb}
	if p.size() == 0 {
		res.Schedule, res.Proven = p.schedule(nil), true
		return res
	}
	start, cmax := construct(p, opt.Seed)
	res.TimeToBest = time.Since(began)
	if cmax > p.lb {
		ts := newTabuSearch(p, opt.Seed)
		ts.load(start)
		tabuDeadline, maxIter := deadline, opt.MaxIter
		small := p.size() <= exactMaxOps
		if small {
			tabuDeadline = began.Add(limit / 10)
			if maxIter == 0 || maxIter > 20000 {
				maxIter = 20000
			}
		}
		ts.run(began, tabuDeadline, maxIter, p.lb)
		if ts.best < cmax {
			start, cmax, res.TimeToBest = ts.starts(), ts.best, ts.bestAt
		}
		if small && cmax > p.lb {
			ex := solveExact(p, cmax, deadline)
			res.Nodes = ex.nodes
			if ex.start != nil {
				start, cmax, res.TimeToBest = ex.start, ex.makespan, time.Since(began)
			}
			res.Proven = ex.complete
		}
	}
	res.Schedule = p.schedule(start)
	res.Proven = res.Proven || res.Makespan == p.lb
	return res
}

// construct decodes a few operation lists (longest remaining loads first,
// then random orders) and returns the best schedule's starts and makespan.
func construct(p *problem, seed uint64) ([]int, int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := p.size()
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	weight := func(o int32) int { return p.jobLoad[p.job[o]] + p.machLoad[p.mach[o]] }
	slices.SortStableFunc(order, func(a, b int32) int { return weight(b) - weight(a) })
	dec := newDecoder(p, nil)
	start, best := make([]int, n), make([]int, n)
	bestC := dec.decode(order, best)
	for range 20 {
		if bestC == p.lb {
			break
		}
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		if c := dec.decode(order, start); c < bestC {
			bestC = c
			copy(best, start)
		}
	}
	return best, bestC
}
