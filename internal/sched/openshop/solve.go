package openshop

import (
	"math/rand/v2"
	"time"
)

// Options control a solve. The search path is fixed by Seed; only where a
// time limit cuts it depends on the machine. MaxDives, when set, bounds the
// search by rounds (Solve: a constraint-programming run and a dive each) or
// moves (SolveWeighted) instead, which makes results reproducible
// everywhere.
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
// of Taillard's), the optimum is usually the bound or close to it: the
// constraint-programming runs aim at the bound and the branch-and-bound
// dives at the bound, the midpoint and below the best makespan. Farther
// (Guéret–Prins' instances are built so), the bound is far from the
// optimum and prunes little: beyond smallOps operations only the
// constraint-programming runs remain, each aimed just below the best
// makespan (on Guéret–Prins 8x8–10x10 at 1 s, sharing the time with the
// dives and the tabu search of an earlier version gave about one point of
// gap more).
const farGap = 10

// farMinOps: on instances far from the bound with more operations than
// this (5x5 up) but at most smallOps, the constraint-programming runs join
// the dives, whose proofs there are out of reach anyway (on Guéret–Prins
// 6x6 at 1 s, 0.4 points less gap). Near the bound such small instances
// are left to the dives alone, which prove their optima (with the runs,
// Taillard 5x5 lost 2 of 30 proofs at 1 s).
const farMinOps = 16

// cpUnit is the failure budget of a constraint-programming run of Luby
// length 1, and cpNoisePct the jitter of its tie-breaking key (the latest
// completion) in percent of a mean duration (the trivial bound over the
// number of machines). Short runs with strong jitter work best: on
// Taillard's 7x7 instances at the bound, 10 and 80 % needed about a sixth
// of the nodes of 100 and 20 % (8 seeds each), and they are as good or
// slightly better on the larger Taillard and Guéret–Prins instances.
const (
	cpUnit     = 10
	cpNoisePct = 80
)

// jitters are the priority jitters (percent) that successive rounds of
// three dives use, from nearly the dense rule to very random orders.
var jitters = []int{10, 30, 60, 100}

// Result is a solved instance.
type Result struct {
	Schedule
	LowerBound int           // trivial bound: largest job or machine load
	Proven     bool          // Makespan is optimal (equals LowerBound, or exact search completed)
	TimeToBest time.Duration // when the returned schedule was found
	Nodes      int64         // search nodes over all dives and runs
}

// Solve minimises the makespan. It starts from the best of a few
// randomised dense schedules, then, on a single thread, alternates two
// searches, each restarted with budgets following the Luby sequence and
// randomised choices:
//
//   - on instances of more than smallOps operations (more than farMinOps
//     if far from the bound, see farGap), the constraint
//     programming search of cpSearch (time windows under a makespan bound,
//     edge-finding and related rules on every job and machine, SetTimes
//     branching), which finds schedules at the trivial bound of all of
//     Taillard's 7x7–20x20 instances within a fraction of a second, each
//     run followed by lnsRuns runs of the large neighbourhood search of
//     lnsRun around the best schedule;
//   - on instances near the bound (see farGap), the branch-and-bound of
//     exactSearch as dives cycling through three targets: the proven lower
//     bound, the midpoint, and one below the best makespan. A dive that
//     exhausts its tree without a schedule proves its target infeasible and
//     raises the lower bound; on small instances the budgets grow so that
//     some dive completes, which is how optimality above the trivial bound
//     is proven.
//
// The search stops when the best makespan meets the lower bound (proven
// optimal), at the time limit, or after opt.MaxDives rounds.
func Solve(in *Instance, opt Options) Result {
	began := time.Now()
	limit := opt.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	p := newProblem(in)
	res := Result{LowerBound: p.lb}
	if p.size() == 0 {
		res.Schedule, res.Proven = p.schedule(nil), true
		return res
	}
	s := &solver{p: p, opt: opt, began: began, limit: limit, deadline: began.Add(limit),
		rng: rand.New(rand.NewPCG(opt.Seed, 3)), lb: p.lb}
	s.start, s.cmax = construct(p, opt.Seed)
	s.foundAt = time.Since(began)
	if s.cmax > p.lb {
		s.search()
	}
	res.Schedule = p.schedule(s.start)
	res.Proven = s.cmax == s.lb || res.Makespan == p.lb
	res.TimeToBest, res.Nodes = s.foundAt, s.nodes
	return res
}

// solver holds the state Solve's searches share: the best schedule and
// the proven lower bound.
type solver struct {
	p        *problem
	opt      Options
	began    time.Time
	limit    time.Duration
	deadline time.Time
	rng      *rand.Rand
	start    []int // best schedule
	cmax     int   // its makespan
	lb       int   // proven lower bound
	foundAt  time.Duration
	nodes    int64
}

// search runs the rounds of dives and constraint-programming runs.
func (s *solver) search() {
	p := s.p
	far := s.cmax*100 >= p.lb*(100+farGap)
	var ex *exactSearch
	if !far || p.size() <= smallOps {
		ex = newExactSearch(p, s.began)
	}
	var cs *cpSearch
	var cpStart []int
	var ls *lnsState
	cpNoise := max(1, p.lb/len(p.machOps)*cpNoisePct/100)
	if p.size() > smallOps || far && p.size() > farMinOps {
		cs, cpStart, ls = newCPSearch(p), make([]int, p.size()), newLNSState(p)
	}
	for dive := int64(1); ; dive++ {
		if cs != nil {
			target := s.cmax - 1
			if !far && dive%2 == 1 {
				target = s.lb
			}
			nodes := cs.nodes
			if ok, _ := cs.run(target, s.deadline, luby(dive)*cpUnit, s.rng, cpNoise, cpStart); ok {
				s.start, s.cmax, s.foundAt = append(s.start[:0:0], cpStart...), p.makespan(cpStart), time.Since(s.began)
			}
			s.nodes += cs.nodes - nodes
		}
		if ex != nil && s.cmax > s.lb {
			s.dive(ex, dive)
		}
		if cs != nil {
			for range lnsRuns {
				if s.cmax == s.lb {
					break
				}
				s.lnsRun(cs, ls, cpStart, cpNoise)
			}
		}
		if s.cmax == s.lb || time.Now().After(s.deadline) || s.opt.MaxDives > 0 && dive >= s.opt.MaxDives {
			return
		}
	}
}

// dive runs the dive-th branch-and-bound dive.
func (s *solver) dive(ex *exactSearch, dive int64) {
	p := s.p
	var r *rand.Rand
	if dive > 1 {
		r = s.rng
	}
	target := s.lb
	switch dive % 3 {
	case 0:
		target = s.lb + (s.cmax-1-s.lb)/2
	case 2:
		target = s.cmax - 1
	}
	budget := luby(dive) * int64(diveUnit*p.size())
	if p.size() <= smallOps {
		budget <<= min(dive/6, 40) // some dive completes: proofs
	}
	dl := s.deadline
	if dive == 1 && p.size() <= smallOps {
		// without the constraint-programming runs, the plain rule aimed
		// at the bound gets a fifth of the time
		dl, budget = s.began.Add(s.limit/5), 0
	}
	out := ex.dive(target+1, dl, budget, r, jitters[(dive/3)%int64(len(jitters))])
	s.nodes += out.nodes
	if out.start != nil {
		s.start, s.cmax, s.foundAt = out.start, out.makespan, out.foundAt
	} else if out.complete {
		s.lb = target + 1
	}
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
