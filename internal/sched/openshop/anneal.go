package openshop

import (
	"math"
	"math/rand/v2"
	"time"
)

// anneal is simulated annealing over operation lists decoded into active
// schedules: a move takes one operation out of the list and puts it back
// elsewhere. The cost is the makespan plus, below one unit, the mean end of
// all jobs and machines relative to the lower bound, which rewards
// compacting the schedule on the makespan's plateaus.
func anneal(p *problem, rng *rand.Rand, order []int32, start []int, began, deadline time.Time, target int) (int, time.Duration) {
	n := len(order)
	dec := newDecoder(p, nil)
	cost := func() (float64, int) {
		c := dec.decode(order, start)
		sum := 0
		for o, s := range start {
			sum += max(0, s+p.dur[o]-target)
		}
		return float64(sum), c
	}
	best := append([]int32(nil), order...)
	cur, bestC := cost()
	bestAt := time.Since(began)
	temp0 := 2.0
	total := deadline.Sub(began).Seconds()
	temp := temp0
	for it := 0; bestC > target; it++ {
		if it&63 == 0 {
			now := time.Now()
			if now.After(deadline) {
				break
			}
			frac := now.Sub(began).Seconds() / total
			temp = temp0 * math.Pow(0.01, frac)
		}
		i, j := rng.IntN(n), rng.IntN(n)
		if i == j {
			continue
		}
		moveElem(order, i, j)
		c, cm := cost()
		if c <= cur || rng.Float64() < math.Exp((cur-c)/temp) {
			cur = c
			if cm < bestC {
				bestC, bestAt = cm, time.Since(began)
				copy(best, order)
			}
		} else {
			moveElem(order, j, i)
		}
	}
	copy(order, best)
	dec.decode(order, start)
	return bestC, bestAt
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
