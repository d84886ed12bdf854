package openshop

import (
	"math/rand/v2"
	"time"
)

// Options control a solve. The search path is fixed by Seed; only where a
// time limit cuts it depends on the machine. MaxDives, when set, bounds the
// search by dives (Solve, each with its tabu rounds) or moves (SolveWeighted) instead, which makes
// results reproducible everywhere.
type Options struct {
	TimeLimit time.Duration // 0 means DefaultTimeLimit
	Seed      uint64
	MaxDives  int64 // restarts (Solve) or moves (SolveWeighted), 0 = until the time limit
}

// DefaultTimeLimit is used when Options.TimeLimit is zero.
const DefaultTimeLimit = time.Second

// diveUnit times the number of operations is the node budget of a dive of
// Luby length 1.
const diveUnit = 20

// smallOps is the largest instance (operations) whose dive budgets also
// double every 6 dives, so that eventually a dive exhausts its tree and
// proves its target; larger trees are out of reach and keep short dives.
const smallOps = 36

// farGap (percent) separates the two kinds of instances the solver meets.
// When the first dense schedule is within farGap of the trivial bound (all
// of Taillard's), the optimum is usually the bound or close to it, and the
// dives aimed at it find it best. Farther (Guéret–Prins' instances are
// built so), the bound is far from the optimum, the dives prune little,
// and the tabu search gets tabuRounds rounds after every dive.
const (
	farGap     = 10
	tabuRounds = 3
)

// cpUnit is the fail budget of a constraint-programming run of Luby
// length 1.
const cpUnit = 100

// jitters are the priority jitters (percent) that successive rounds of
// three dives use, from nearly the dense rule to very random orders.
var jitters = []int{10, 30, 60, 100}

// Result is a solved instance.
type Result struct {
	Schedule
	LowerBound int           // trivial bound: largest job or machine load
	Proven     bool          // Makespan is optimal (equals LowerBound, or exact search completed)
	TimeToBest time.Duration // when the returned schedule was found
	Nodes      int64         // branch-and-bound nodes over all dives
}

// Solve minimises the makespan. It starts from the best of a few
// randomised dense schedules, then runs the branch-and-bound of
// exactSearch as restarted dives with node budgets following the Luby
// sequence and randomised branch orders. Dives cycle through three targets:
// the proven lower bound (most Taillard optima equal it, and the tight
// target prunes hard), the midpoint, and one below the best makespan. A dive
// that finds a schedule lowers the best makespan; a dive that exhausts its
// tree without one proves the target infeasible and raises the lower bound.
// On instances whose dense schedule is more than farGap above the bound
// (and too large for proofs), every dive is followed by rounds of the
// tabu search of tabuSearch; the two share the best schedule. The search
// stops when the best makespan meets the lower bound (proven optimal) or
// at the time limit. On small instances the growing budgets make some dive
// complete, which is how optimality above the trivial bound is proven.
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
		ex := newExactSearch(p, began)
		rng := rand.New(rand.NewPCG(opt.Seed, 3))
		unit := int64(diveUnit * p.size())
		lb := p.lb // proven lower bound, raised by complete failed dives
		far := cmax*100 >= p.lb*(100+farGap)
		var ts *tabuSearch
		if p.size() > smallOps && far {
			ts = newTabuSearch(p, start, opt.Seed, began)
		}
		var cs *cpSearch
		var cpStart []int
		var cpNoise int
		if p.size() > smallOps {
			cs, cpStart = newCPSearch(p), make([]int, p.size())
			cpNoise = max(1, p.lb/len(p.machOps)/5) // a fifth of a mean duration
		}
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
			if cs != nil {
				ct := cmax - 1
				if !far && dive%2 == 1 {
					ct = lb
				}
				if ok, _ := cs.run(ct, deadline, luby(dive)*cpUnit, rng, cpNoise, cpStart); ok {
					start, cmax, res.TimeToBest = append(start[:0:0], cpStart...), p.makespan(cpStart), time.Since(began)
					if ts != nil {
						ts.adopt(start)
					}
				}
				if cmax == lb {
					res.Proven = true
					break
				}
			}
			budget := luby(dive) * unit
			if p.size() <= smallOps {
				budget <<= min(dive/6, 40) // some dive completes: proofs
			}
			dl := deadline
			if dive == 1 && ts == nil { // the plain rule aimed at the bound gets a fifth of the time
				dl, budget = began.Add(limit/5), 0
			}
			out := ex.dive(target+1, dl, budget, r, jitters[(dive/3)%int64(len(jitters))])
			res.Nodes += out.nodes
			if out.start != nil {
				start, cmax, res.TimeToBest = out.start, out.makespan, out.foundAt
				if ts != nil {
					ts.adopt(start)
				}
			} else if out.complete {
				lb = target + 1
			}
			if ts != nil && cmax > lb {
				ts.lb = lb
				ts.run(deadline, tabuRounds)
				if ts.best.cmax < cmax {
					start, cmax, res.TimeToBest = append(start[:0:0], ts.best.head...), ts.best.cmax, ts.foundAt
				}
			}
			if cmax == lb {
				res.Proven = true
				break
			}
			if time.Now().After(deadline) || opt.MaxDives > 0 && dive >= opt.MaxDives {
				break
			}
		}
	}
	res.Schedule = p.schedule(start)
	res.Proven = res.Proven || res.Makespan == p.lb
	return res
}

// construct returns the starts and makespan of the best of a few dense
// schedules, the first by the plain rule, the others with growing jitter.
func construct(p *problem, seed uint64) ([]int, int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := p.size()
	start, best, done := make([]int, n), make([]int, n), make([]bool, n)
	bestC := dense(p, rng, 0, best, done)
	for i := 1; i < 30 && bestC > p.lb; i++ {
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
