package openshop

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestCPKeepsFeasibleSchedules fixes the operations of an optimal schedule
// one by one, in random order, under the bound of its makespan, and every
// other time with the chains of a neighbourhood of that schedule: sound
// propagation never fails and never excludes a start of that schedule.
func TestCPKeepsFeasibleSchedules(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	for i := range 40 {
		in := randomInstance(rng, 2+rng.IntN(3), 2+rng.IntN(3), 30, i%4 == 3)
		p := newProblem(in)
		if p.size() == 0 {
			continue
		}
		ex := solveExact(p, int(^uint(0)>>2), time.Now().Add(10*time.Second))
		start, cmax := ex.start, ex.makespan
		c := newCPState(p)
		if i%2 == 1 {
			free := make([]bool, p.size())
			for o := range free {
				free[o] = rng.IntN(3) == 0
			}
			c.keep(start, free)
		}
		if !c.reset(cmax) {
			t.Fatalf("instance %v: bound %d of a dense schedule refuted", in.P, cmax)
		}
		for _, o := range rng.Perm(p.size()) {
			for q := range start {
				if start[q] < c.est[q] || start[q]+p.dur[q] > c.lct[q] {
					t.Fatalf("instance %v: start %d of op %d outside [%d, %d]", in.P, start[q], q, c.est[q], c.lct[q])
				}
			}
			if !c.fix(int32(o), start[o]) {
				t.Fatalf("instance %v: fixing op %d at %d of a feasible schedule failed", in.P, o, start[o])
			}
		}
	}
}

// TestCPMatchesBruteForce: on random 3x3 instances the search finds a
// schedule at the optimum and none below it.
func TestCPMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range 15 {
		in := randomInstance(rng, 3, 3, 20, i%3 == 2)
		p := newProblem(in)
		if p.size() == 0 {
			continue
		}
		opt := bruteForce(in)
		s := newCPSearch(p)
		start := make([]int, p.size())
		dl := time.Now().Add(10 * time.Second)
		if found, _ := s.run(opt-1, dl, 0, nil, 0, start); found {
			t.Fatalf("instance %v: schedule below the optimum %d", in.P, opt)
		}
		found, _ := s.run(opt, dl, 0, rand.New(rand.NewPCG(1, 1)), 3, start)
		if !found {
			t.Fatalf("instance %v: no schedule at the optimum %d", in.P, opt)
		}
		sc := p.schedule(start)
		if err := Check(in, sc, nil); err != nil || sc.Makespan > opt {
			t.Fatalf("instance %v: %v, makespan %d, optimum %d", in.P, err, sc.Makespan, opt)
		}
	}
}

// BenchmarkCPRun measures one restart of the CP search at the trivial
// bound (200 failures or a schedule) on a 10x10 instance.
func BenchmarkCPRun(b *testing.B) {
	in := mustLoad(b, "ta10x10_1os.txt")
	p := newProblem(in)
	s := newCPSearch(p)
	start := make([]int, p.size())
	b.ReportAllocs()
	for b.Loop() {
		s.nodes = 0
		s.run(p.lb, time.Now().Add(time.Minute), 200, rand.New(rand.NewPCG(1, 2)), 10, start)
	}
	b.ReportMetric(float64(s.nodes), "nodes/op")
}
