package itinerary

import "math/bits"

// never marks an unreachable end time in the planner's tables.
const never = 1 << 30

// planner answers one request against a loaded ledger.
//
// For every requested agency it precomputes, per slot of the day, the
// earliest slot at or after it where a desk (and the interpreter, if
// needed) is free for a whole service. Then, for a fixed arrival slot, the
// earliest time all agencies in a subset S can be done is
//
//	end(S) = min over a in S of  finish(a, end(S∖{a}) + gap)
//
// where finish(a, t) is the end of a's earliest free service starting at
// or after t. This holds because finish is non-decreasing in t and the
// visitor's own visits never compete for a resource (they do not overlap),
// so finishing a prefix earlier never hurts. The table has 2^n entries for
// n requested agencies.
type planner struct {
	ledger *ledger
	req    Request
	slot   int // minutes per slot
	slots  int // slots in the day
	gap    int
	dur    []int // dur[i]: service minutes of requested agency i
	// next[i][g]: earliest slot ≥ g where agency i can start, or -1.
	next [][]int32
	// desk[i][g]: the desk agency i would use starting at slot g, or -1
	// where it cannot start there.
	desk [][]int16
	// end[mask] and last[mask]: earliest end of the agencies in mask, and
	// the agency visited last to reach it, for the current arrival.
	end  []int
	last []int8
}

func newPlanner(l *ledger, need []int, pool int, req Request) *planner {
	d := l.day
	n := len(need)
	p := &planner{
		ledger: l,
		req:    req,
		slot:   d.slot(),
		gap:    req.Gap,
		dur:    make([]int, n),
		next:   make([][]int32, n),
		desk:   make([][]int16, n),
		end:    make([]int, 1<<n),
		last:   make([]int8, 1<<n),
	}
	p.slots = (d.Minutes + p.slot - 1) / p.slot
	run := make([]int, d.Minutes+1)
	var interp []int
	if pool >= 0 {
		interp = make([]int, d.Minutes+1)
		held, capacity := l.held[pool], l.capacity[pool]
		for m := d.Minutes - 1; m >= 0; m-- {
			if held[m] < capacity[m] {
				interp[m] = interp[m+1] + 1
			}
		}
	}
	nexts := make([]int32, n*p.slots)
	desks := make([]int16, n*p.slots)
	for i, a := range need {
		dur := d.Agencies[a].Duration
		p.dur[i] = dur
		next, desk := nexts[i*p.slots:(i+1)*p.slots], desks[i*p.slots:(i+1)*p.slots]
		fill(desk, 0, p.slots, -1)
		for k := range d.Agencies[a].Desks {
			free := l.free[l.deskBase[a]+k]
			for m := d.Minutes - 1; m >= 0; m-- {
				run[m] = 0
				if free[m] {
					run[m] = run[m+1] + 1
				}
			}
			for g := range p.slots {
				t := g * p.slot
				if desk[g] < 0 && run[t] >= dur && (interp == nil || interp[t] >= dur) {
					desk[g] = int16(k)
				}
			}
		}
		upcoming := int32(-1)
		for g := p.slots - 1; g >= 0; g-- {
			if desk[g] >= 0 {
				upcoming = int32(g)
			}
			next[g] = upcoming
		}
		p.next[i], p.desk[i] = next, desk
	}
	return p
}

// floor is a lower bound of every stay: the services and the gaps between
// them, with no waiting.
func (p *planner) floor() int {
	stay := (len(p.dur) - 1) * p.gap
	for _, d := range p.dur {
		stay += d
	}
	return stay
}

// solve fills the tables for arrival slot s and returns the earliest end of
// all requested agencies, or never.
func (p *planner) solve(s int) int {
	n := len(p.dur)
	t0 := s * p.slot
	reachable := false
	for i := range n {
		p.end[1<<i] = never
		if p.next[i][s] == int32(s) {
			p.end[1<<i] = t0 + p.dur[i]
			p.last[1<<i] = int8(i)
			reachable = true
		}
	}
	full := 1<<n - 1
	if !reachable {
		return never
	}
	for mask := 3; mask <= full; mask++ {
		if mask&(mask-1) == 0 {
			continue // a single agency, set above
		}
		best, bestI := never, -1
		for rest := mask; rest != 0; rest &= rest - 1 {
			i := bits.TrailingZeros(uint(rest))
			prev := p.end[mask&^(1<<i)]
			if prev >= never {
				continue
			}
			g := (prev + p.gap + p.slot - 1) / p.slot
			if g >= p.slots {
				continue
			}
			ng := p.next[i][g]
			if ng < 0 {
				continue
			}
			if e := int(ng)*p.slot + p.dur[i]; e < best {
				best, bestI = e, i
			}
		}
		p.end[mask], p.last[mask] = best, int8(bestI)
	}
	return p.end[full]
}

// itinerary rebuilds the best itinerary for the arrival last solved, which
// must have been reachable.
func (p *planner) itinerary() Itinerary {
	n := len(p.dur)
	visits := make([]Visit, n)
	mask := 1<<n - 1
	for j := n - 1; j >= 0; j-- {
		i := int(p.last[mask])
		end := p.end[mask]
		start := end - p.dur[i]
		visits[j] = Visit{
			Agency:      p.req.Agencies[i],
			Desk:        int(p.desk[i][start/p.slot]),
			Start:       start,
			End:         end,
			Interpreter: p.req.Interpreter,
		}
		mask &^= 1 << i
	}
	return Itinerary{Visits: visits}
}
