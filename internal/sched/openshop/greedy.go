package openshop

import "math/rand/v2"

// dense builds a non-delay schedule: repeatedly take the earliest time at
// which some unscheduled operation can start and, among the operations
// startable then, the one whose job and machine have the most work left
// (a random jitter of up to noise percent breaks the rule's ties and makes
// restarts differ). It fills start and returns the makespan.
func dense(p *problem, rng *rand.Rand, noise int, start []int, done []bool) int {
	jobRem := append([]int(nil), p.jobLoad...)
	machRem := append([]int(nil), p.machLoad...)
	jobReady := make([]int, len(p.jobOps))
	machReady := make([]int, len(p.machOps))
	for i := range done {
		done[i] = false
	}
	cmax := 0
	for range p.size() {
		best, bestT, bestPri := int32(-1), 0, 0
		for o := range done {
			if done[o] {
				continue
			}
			j, k := p.job[o], p.mach[o]
			t := max(jobReady[j], machReady[k])
			pri := max(jobRem[j], machRem[k])*2 + min(jobRem[j], machRem[k])
			if noise > 0 {
				pri += pri * rng.IntN(noise+1) / 100
			}
			if best < 0 || t < bestT || t == bestT && pri > bestPri {
				best, bestT, bestPri = int32(o), t, pri
			}
		}
		j, k, d := p.job[best], p.mach[best], p.dur[best]
		done[best], start[best] = true, bestT
		jobReady[j], machReady[k] = bestT+d, bestT+d
		jobRem[j] -= d
		machRem[k] -= d
		cmax = max(cmax, bestT+d)
	}
	return cmax
}
