package openshop

import (
	"strconv"
	"os"
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
	MaxDives  int64 // search dives (restarts), 0 = until the time limit
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
	debugf("construct %d lb %d\n", cmax, p.lb)
	if cmax > p.lb {
		ex := newExactSearch(p, began)
		rng := rand.New(rand.NewPCG(opt.Seed, 3))
		unit := int64(envInt("UNIT", 4) * p.size())
		jit := envInt("JIT", 20)
		lb := p.lb // proven lower bound, raised by complete failed dives
		for dive := int64(1); ; dive++ {
			var r *rand.Rand
			if dive > 1 {
				r = rng
			}
			target := lb
			switch dive % 3 {
			case 0:
				target = lb + (cmax-1-lb)/2
			case 2:
				target = cmax - 1
			}
			out := ex.dive(target+1, deadline, luby(dive)*unit, r, jit)
			res.Nodes += out.nodes
			if out.start != nil {
				start, cmax, res.TimeToBest = out.start, out.makespan, out.foundAt
			} else if out.complete {
				lb = target + 1
			}
			if cmax == lb {
				res.Proven = true
				break
			}
			if time.Now().After(deadline) || opt.MaxDives > 0 && dive >= opt.MaxDives {
				debugf("dives %d nodes %d best %d lb %d\n", dive, res.Nodes, cmax, lb)
				break
			}
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
	done := make([]bool, n)
	for i := range 30 {
		if bestC == p.lb {
			break
		}
		if c := dense(p, rng, 3*i, start, done); c < bestC {
			bestC = c
			copy(best, start)
		}
	}
	return best, bestC
}

// luby returns the i-th term (from 1) of the Luby restart sequence
// 1 1 2 1 1 2 4 1 1 2 1 1 2 4 8 …, whose run lengths waste at most a log
// factor against the best fixed restart length.
func luby(i int64) int64 {
	for k := int64(1); ; k++ {
		if i == 1<<k-1 {
			return 1 << (k - 1)
		}
		if i < 1<<k-1 {
			return luby(i - (1<<(k-1) - 1))
		}
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
