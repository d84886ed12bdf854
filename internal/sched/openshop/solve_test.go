package openshop

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// bruteForce returns the optimal makespan by decoding every permutation of
// the operations: every active schedule is the decoding of some list.
func bruteForce(in *Instance) int {
	p := newProblem(in)
	dec := newDecoder(p, nil)
	order := make([]int32, p.size())
	for i := range order {
		order[i] = int32(i)
	}
	start := make([]int, p.size())
	best := int(^uint(0) >> 1)
	var permute func(k int)
	permute = func(k int) {
		if k == len(order) {
			best = min(best, dec.decode(order, start))
			return
		}
		for i := k; i < len(order); i++ {
			order[k], order[i] = order[i], order[k]
			permute(k + 1)
			order[k], order[i] = order[i], order[k]
		}
	}
	permute(0)
	if len(order) == 0 {
		return 0
	}
	return best
}

func randomInstance(rng *rand.Rand, n, m, maxP int, zeros bool) *Instance {
	p := make([][]int, n)
	for j := range p {
		p[j] = make([]int, m)
		for k := range p[j] {
			p[j][k] = 1 + rng.IntN(maxP)
			if zeros && rng.IntN(4) == 0 {
				p[j][k] = 0
			}
		}
	}
	in, _ := NewInstance(p)
	return in
}

func TestExactMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 12 {
		in := randomInstance(rng, 3, 3, 20, i%3 == 2)
		want := bruteForce(in)
		ex := solveExact(newProblem(in), int(^uint(0)>>2), time.Now().Add(10*time.Second))
		if !ex.complete || ex.makespan != want {
			t.Fatalf("instance %v: exact %d (complete %v), brute force %d", in.P, ex.makespan, ex.complete, want)
		}
		res := Solve(in, Options{TimeLimit: time.Second, Seed: uint64(i)})
		if err := Check(in, res.Schedule, nil); err != nil {
			t.Fatal(err)
		}
		if !res.Proven || res.Makespan != want {
			t.Fatalf("instance %v: Solve %d (proven %v), brute force %d", in.P, res.Makespan, res.Proven, want)
		}
	}
}

func TestSolveProvesSmallTaillard(t *testing.T) {
	tests := []struct {
		file string
		opt  int
	}{
		{"ta4x4_1os.txt", 193},
		{"ta5x5_1os.txt", 300},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in := mustLoad(t, tt.file)
			res := Solve(in, Options{TimeLimit: 20 * time.Second, Seed: 1})
			if err := Check(in, res.Schedule, nil); err != nil {
				t.Fatal(err)
			}
			if res.Makespan != tt.opt || !res.Proven {
				t.Fatalf("makespan %d proven %v, want %d proven", res.Makespan, res.Proven, tt.opt)
			}
		})
	}
}

func TestSolveFeasibleOnBenchmarks(t *testing.T) {
	for _, f := range []string{"ta10x10_1os.txt", "gp04-01.txt", "j8-per0-1.txt"} {
		t.Run(f, func(t *testing.T) {
			in := mustLoad(t, f)
			res := Solve(in, Options{TimeLimit: 200 * time.Millisecond, Seed: 3})
			if err := Check(in, res.Schedule, nil); err != nil {
				t.Fatal(err)
			}
			if res.Makespan < res.LowerBound || res.LowerBound != in.LowerBound() {
				t.Fatalf("makespan %d, lower bound %d (instance %d)", res.Makespan, res.LowerBound, in.LowerBound())
			}
			if res.Makespan == res.LowerBound && !res.Proven {
				t.Fatal("a schedule at the lower bound must be reported proven")
			}
		})
	}
}

func TestSolveDeterministicForSeed(t *testing.T) {
	in := mustLoad(t, "gp04-01.txt")
	opt := Options{TimeLimit: time.Minute, Seed: 9, MaxDives: 40}
	a, b := Solve(in, opt), Solve(in, opt)
	if a.Makespan != b.Makespan || !reflect.DeepEqual(a.Ops, b.Ops) || a.Nodes != b.Nodes {
		t.Fatalf("same seed, different results: %d/%d nodes %d/%d", a.Makespan, b.Makespan, a.Nodes, b.Nodes)
	}
}

func TestSolveDegenerate(t *testing.T) {
	tests := []struct {
		name string
		p    [][]int
		want int
	}{
		{"all zero", [][]int{{0, 0}, {0, 0}}, 0},
		{"one job", [][]int{{3, 4, 5}}, 12},
		{"one machine", [][]int{{3}, {4}}, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := NewInstance(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			res := Solve(in, Options{TimeLimit: time.Second})
			if err := Check(in, res.Schedule, nil); err != nil {
				t.Fatal(err)
			}
			if res.Makespan != tt.want || !res.Proven {
				t.Fatalf("makespan %d proven %v, want %d proven", res.Makespan, res.Proven, tt.want)
			}
		})
	}
}

func TestLuby(t *testing.T) {
	want := []int64{1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8, 1}
	for i, w := range want {
		if got := luby(int64(i + 1)); got != w {
			t.Errorf("luby(%d) = %d, want %d", i+1, got, w)
		}
	}
}

func BenchmarkSolve10x10(b *testing.B) {
	in := mustLoad(b, "ta10x10_1os.txt")
	for b.Loop() {
		Solve(in, Options{TimeLimit: time.Minute, Seed: 1, MaxDives: 30})
	}
}

func BenchmarkDecode(b *testing.B) {
	in := mustLoad(b, "ta10x10_1os.txt")
	p := newProblem(in)
	dec := newDecoder(p, nil)
	order := make([]int32, p.size())
	for i := range order {
		order[i] = int32(i)
	}
	start := make([]int, p.size())
	b.ReportAllocs()
	for b.Loop() {
		dec.decode(order, start)
	}
}
