package openshop

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// WeightedResult is a schedule for the total weighted completion time.
type WeightedResult struct {
	Schedule
	Objective int // Σ weight_j · C_j
}

// SolveWeighted minimises the total weighted completion time Σ w_j·C_j
// where job j may not start before release[j] (nil: all 0) and weight nil
// means all 1 — the One-Stop-Shop day's objective. It decodes operation
// lists into active schedules (which contain an optimum of this regular
// objective) and improves the list by moving one operation at a time,
// keeping moves that do not worsen the objective, until the time limit or
// Options.MaxDives moves. The first list orders jobs by release, then by
// weighted shortest processing time.
func SolveWeighted(in *Instance, release, weight []int, opt Options) (WeightedResult, error) {
	if release != nil && len(release) != in.Jobs || weight != nil && len(weight) != in.Jobs {
		return WeightedResult{}, fmt.Errorf("openshop: want %d release dates and weights", in.Jobs)
	}
	for j := range in.Jobs {
		if release != nil && release[j] < 0 || weight != nil && weight[j] < 0 {
			return WeightedResult{}, fmt.Errorf("openshop: job %d has a negative release date or weight", j)
		}
	}
	limit := opt.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	deadline := time.Now().Add(limit)
	p := newProblem(in)
	w := func(j int32) int {
		if weight == nil {
			return 1
		}
		return weight[j]
	}
	r := func(j int32) int {
		if release == nil {
			return 0
		}
		return release[j]
	}
	n := p.size()
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	// release first, then WSPT (load/weight, compared by cross products)
	slices.SortStableFunc(order, func(a, b int32) int {
		ja, jb := p.job[a], p.job[b]
		if r(ja) != r(jb) {
			return r(ja) - r(jb)
		}
		return p.jobLoad[ja]*w(jb) - p.jobLoad[jb]*w(ja)
	})
	dec := newDecoder(p, release)
	start := make([]int, n)
	comp := make([]int, in.Jobs)
	cost := func() int {
		dec.decode(order, start)
		clear(comp)
		for o, s := range start {
			comp[p.job[o]] = max(comp[p.job[o]], s+p.dur[o])
		}
		sum := 0
		for j, c := range comp {
			sum += w(int32(j)) * c
		}
		return sum
	}
	cur := cost()
	rng := rand.New(rand.NewPCG(opt.Seed, 5))
	for it := int64(0); n > 1 && (opt.MaxDives == 0 || it < opt.MaxDives); it++ {
		if it&63 == 0 && time.Now().After(deadline) {
			break
		}
		i, j := rng.IntN(n), rng.IntN(n)
		if i == j {
			continue
		}
		moveElem(order, i, j)
		if c := cost(); c <= cur {
			cur = c
		} else {
			moveElem(order, j, i)
		}
	}
	cur = cost()
	return WeightedResult{Schedule: p.schedule(start), Objective: cur}, nil
}

// moveElem moves s[i] to index j, shifting the elements between.
func moveElem(s []int32, i, j int) {
	v := s[i]
	if i < j {
		copy(s[i:j], s[i+1:j+1])
	} else {
		copy(s[j+1:i+1], s[j:i])
	}
	s[j] = v
}
