package sim

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// Options choose what Run simulates.
type Options struct {
	// Days is the number of days (0 means the scenario's days).
	Days int
	// Policies to run, in report order (nil means the scenario's list, or
	// all of Policies when it has none).
	Policies []string
	// Engine plays S1 and S2: "model" (also "") the simulator's floor,
	// "floor" the product's booking and floor services on a database.
	Engine string
}

// Result is a finished simulation: the metrics of every day and policy and
// everything needed to write the log.
type Result struct {
	Scenario *Scenario
	Policies []string
	// Days holds one row per day and policy, day by day in policy order.
	Days    []DayResult
	Summary []Summary
	drawn   []*day
	played  [][]outcome // per day, per policy
}

// Run simulates the days of sc under each policy. Days run in parallel; the
// result does not depend on how many (every day draws from its own random
// streams).
func Run(sc *Scenario, opt Options) (*Result, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	res := &Result{Scenario: sc, Policies: opt.Policies}
	if res.Policies == nil {
		res.Policies = sc.Policies
	}
	if len(res.Policies) == 0 {
		res.Policies = Policies
	}
	for i, p := range res.Policies {
		if !slices.Contains(Policies, p) {
			return nil, fmt.Errorf("unknown policy %q (known: %v)", p, Policies)
		}
		if slices.Contains(res.Policies[:i], p) {
			return nil, fmt.Errorf("policy %q listed twice", p)
		}
	}
	switch opt.Engine {
	case "", "model", "floor":
	default:
		return nil, fmt.Errorf("unknown engine %q (known: %v)", opt.Engine, Engines)
	}
	days := opt.Days
	if days == 0 {
		days = sc.Days
	}
	if days < 1 || days > 100000 {
		return nil, fmt.Errorf("days must be in [1, 100000], not %d", days)
	}
	res.drawn = make([]*day, days)
	res.played = make([][]outcome, days)
	work := make(chan int)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				d := drawDay(sc, i+1)
				res.drawn[i] = d
				for _, p := range res.Policies {
					o, err := play(sc, d, p, opt.Engine)
					if err != nil {
						mu.Lock()
						failed = cmp.Or(failed, fmt.Errorf("day %d, %s: %w", i+1, p, err))
						mu.Unlock()
					}
					res.played[i] = append(res.played[i], o)
				}
			}
		})
	}
	for i := range days {
		work <- i
	}
	close(work)
	wg.Wait()
	if failed != nil {
		return nil, failed
	}
	for i, d := range res.drawn {
		for _, o := range res.played[i] {
			res.Days = append(res.Days, measure(sc, d, o))
		}
	}
	res.Summary = summarise(res.Policies, res.Days)
	return res, nil
}
