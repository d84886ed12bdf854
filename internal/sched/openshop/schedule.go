package openshop

import (
	"fmt"
	"slices"
)

// Op is one scheduled operation: job Job runs on machine Machine during
// [Start, End).
type Op struct {
	Job     int `json:"job"`
	Machine int `json:"machine"`
	Start   int `json:"start"`
	End     int `json:"end"`
}

// Schedule is a complete solution: every operation with its time window.
type Schedule struct {
	Ops      []Op
	Makespan int
}

// Check verifies a schedule against its instance without trusting the
// solver: every operation of positive length appears exactly once with its
// exact duration and a non-negative start, no job and no machine runs two
// operations at once, and Makespan is the latest end. Zero-length
// operations may be listed or omitted. release, when not nil, gives each
// job's earliest start.
func Check(in *Instance, s Schedule, release []int) error {
	seen := make(map[[2]int]bool, len(s.Ops))
	byJob := make([][][2]int, in.Jobs)
	byMachine := make([][][2]int, in.Machines)
	cmax := 0
	for _, o := range s.Ops {
		if o.Job < 0 || o.Job >= in.Jobs || o.Machine < 0 || o.Machine >= in.Machines {
			return fmt.Errorf("operation %+v out of range", o)
		}
		key := [2]int{o.Job, o.Machine}
		if seen[key] {
			return fmt.Errorf("operation %+v listed twice", o)
		}
		seen[key] = true
		if o.Start < 0 || o.End-o.Start != in.P[o.Job][o.Machine] {
			return fmt.Errorf("operation %+v: want duration %d from a start ≥ 0", o, in.P[o.Job][o.Machine])
		}
		if release != nil && o.End > o.Start && o.Start < release[o.Job] {
			return fmt.Errorf("operation %+v starts before release %d", o, release[o.Job])
		}
		cmax = max(cmax, o.End)
		if o.End > o.Start {
			byJob[o.Job] = append(byJob[o.Job], [2]int{o.Start, o.End})
			byMachine[o.Machine] = append(byMachine[o.Machine], [2]int{o.Start, o.End})
		}
	}
	for j, row := range in.P {
		for k, d := range row {
			if d > 0 && !seen[[2]int{j, k}] {
				return fmt.Errorf("operation of job %d on machine %d missing", j, k)
			}
		}
	}
	for j, iv := range byJob {
		if overlapping(iv) {
			return fmt.Errorf("job %d runs two operations at once", j)
		}
	}
	for k, iv := range byMachine {
		if overlapping(iv) {
			return fmt.Errorf("machine %d runs two operations at once", k)
		}
	}
	if cmax != s.Makespan {
		return fmt.Errorf("reported makespan %d, recomputed %d", s.Makespan, cmax)
	}
	return nil
}

// overlapping reports whether any two of the intervals intersect.
func overlapping(iv [][2]int) bool {
	slices.SortFunc(iv, func(a, b [2]int) int { return a[0] - b[0] })
	for i := 1; i < len(iv); i++ {
		if iv[i-1][1] > iv[i][0] {
			return true
		}
	}
	return false
}

// WeightedCompletion is Σ w_j·C_j where C_j is the end of job j's last
// operation (0 for a job without operations). weight nil means all 1.
func WeightedCompletion(in *Instance, s Schedule, weight []int) int {
	c := make([]int, in.Jobs)
	for _, o := range s.Ops {
		c[o.Job] = max(c[o.Job], o.End)
	}
	sum := 0
	for j, cj := range c {
		w := 1
		if weight != nil {
			w = weight[j]
		}
		sum += w * cj
	}
	return sum
}
