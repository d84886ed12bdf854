package openshop

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestSolveWeighted(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for i := range 5 {
		in := randomInstance(rng, 6, 3, 30, i%2 == 1)
		release, weight := make([]int, in.Jobs), make([]int, in.Jobs)
		for j := range release {
			release[j], weight[j] = rng.IntN(40), 1+rng.IntN(5)
		}
		res, err := SolveWeighted(in, release, weight, Options{Seed: 1, MaxDives: 3000, TimeLimit: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(in, res.Schedule, release); err != nil {
			t.Fatal(err)
		}
		if got := WeightedCompletion(in, res.Schedule, weight); got != res.Objective {
			t.Fatalf("objective %d, recomputed %d", res.Objective, got)
		}
		first, _ := SolveWeighted(in, release, weight, Options{Seed: 1, MaxDives: 1, TimeLimit: time.Minute})
		if res.Objective > first.Objective {
			t.Fatalf("search worsened the objective: %d > %d", res.Objective, first.Objective)
		}
	}
}

func TestSolveWeightedKnownOptimum(t *testing.T) {
	// one machine, weights 1: shortest first gives 1 + 3 + 6 = 10; job 2
	// released at 20 ends at 24 whatever the order: 34 in all.
	in, _ := NewInstance([][]int{{3}, {1}, {4}, {2}})
	res, err := SolveWeighted(in, []int{0, 0, 20, 0}, nil, Options{Seed: 2, MaxDives: 500, TimeLimit: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if res.Objective != 34 {
		t.Fatalf("objective %d, want 34", res.Objective)
	}
}

func TestSolveWeightedRejectsBadInput(t *testing.T) {
	in, _ := NewInstance([][]int{{1, 2}})
	for _, tt := range []struct{ release, weight []int }{{[]int{0, 0}, nil}, {nil, []int{-1}}, {[]int{-3}, nil}} {
		if _, err := SolveWeighted(in, tt.release, tt.weight, Options{}); err == nil {
			t.Errorf("release %v weight %v: no error", tt.release, tt.weight)
		}
	}
}
