package openshop

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestSwapEstimateExact checks on random instances that swapping two
// adjacent critical operations keeps the graph acyclic and that the
// estimate equals the new longest path through the two operations.
func TestSwapEstimateExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 40 {
		in := randomInstance(rng, 2+rng.IntN(6), 2+rng.IntN(6), 30, i%4 == 3)
		p := newProblem(in)
		if p.size() < 2 {
			continue
		}
		start := make([]int, p.size())
		dense(p, rng, 50, start, make([]bool, p.size()))
		g := newGraph(p)
		g.load(start)
		for range 20 {
			path := g.criticalPath(rng)
			if len(path) < 2 {
				break
			}
			x := rng.IntN(len(path) - 1)
			u, v := path[x], path[x+1]
			kind := g.arcKind(u, v)
			est := g.swapEstimate(kind, u, v)
			g.swap(kind, u, v)
			if !g.eval() {
				t.Fatalf("instance %v: swapping critical %d,%d made a cycle", in.P, u, v)
			}
			through := max(g.head[u]+p.dur[u]+g.tail[u], g.head[v]+p.dur[v]+g.tail[v])
			if through != est || g.cmax < est {
				t.Fatalf("instance %v: estimate %d, path through the pair %d, makespan %d", in.P, est, through, g.cmax)
			}
		}
	}
}

// TestGraphLoadKeepsSchedule checks that the selection of a schedule is no
// longer than the schedule and that its heads are a feasible schedule.
func TestGraphLoadKeepsSchedule(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 20 {
		in := randomInstance(rng, 1+rng.IntN(7), 1+rng.IntN(7), 50, i%3 == 0)
		p := newProblem(in)
		start := make([]int, p.size())
		cmax := dense(p, rng, 30, start, make([]bool, p.size()))
		g := newGraph(p)
		g.load(start)
		s := p.schedule(g.head)
		if err := Check(in, s, nil); err != nil {
			t.Fatalf("instance %v: %v", in.P, err)
		}
		if s.Makespan != g.cmax || g.cmax > cmax && p.size() > 0 {
			t.Fatalf("instance %v: graph makespan %d, schedule %d, dense %d", in.P, g.cmax, s.Makespan, cmax)
		}
	}
}

func TestTabuSearchImprovesAndStaysFeasible(t *testing.T) {
	for _, f := range []string{"gp04-01.txt", "j8-per0-1.txt", "ta10x10_1os.txt"} {
		t.Run(f, func(t *testing.T) {
			in := mustLoad(t, f)
			p := newProblem(in)
			start := make([]int, p.size())
			cmax := dense(p, nil, 0, start, make([]bool, p.size()))
			ts := newTabuSearch(p, start, 1, time.Now())
			ts.run(time.Now().Add(time.Minute), 3)
			s := p.schedule(ts.best.head)
			if err := Check(in, s, nil); err != nil {
				t.Fatal(err)
			}
			if s.Makespan != ts.best.cmax || s.Makespan > cmax || s.Makespan < p.lb {
				t.Fatalf("tabu makespan %d (schedule %d), dense %d, bound %d", ts.best.cmax, s.Makespan, cmax, p.lb)
			}
		})
	}
}

func BenchmarkTabuRound(b *testing.B) {
	in := mustLoad(b, "ta10x10_1os.txt")
	p := newProblem(in)
	start := make([]int, p.size())
	dense(p, nil, 0, start, make([]bool, p.size()))
	ts := newTabuSearch(p, start, 1, time.Now())
	b.ReportAllocs()
	for b.Loop() {
		ts.run(time.Now().Add(time.Minute), 1)
	}
}
