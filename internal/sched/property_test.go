package sched

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

var agencies = []struct {
	id    string
	desks int
	mean  Minute
}{{"abh", 2, 20}, {"aa", 2, 20}, {"fam", 1, 15}, {"kk", 1, 10}}

// world is a small floor driven by random events: arrivals, services of
// random true length, desks going absent and coming back, interpreters.
type world struct {
	rng      *rand.Rand
	floor    Floor
	trueEnd  map[DeskID]Minute
	interpBy map[VisitorID]int
	nextID   VisitorID
	served   int
}

func newWorld(seed uint64) *world {
	w := &world{rng: rand.New(rand.NewPCG(seed, 7)), trueEnd: map[DeskID]Minute{}, interpBy: map[VisitorID]int{}}
	for _, a := range agencies {
		w.floor.Desks = append(w.floor.Desks, desks(a.id, a.desks)...)
	}
	w.floor.Interpreters = []Interpreter{{Language: "ar"}, {Language: "tr"}}
	return w
}

// step advances the clock a minute and applies random events.
func (w *world) step() {
	f := &w.floor
	f.Now++
	for i := range f.Desks {
		d := &f.Desks[i]
		if d.Busy && w.trueEnd[d.ID] == f.Now {
			v := w.visitor(d.Serving)
			v.Served += f.Now - d.Since
			if in, ok := w.interpBy[d.Serving]; ok {
				f.Interpreters[in].Busy = false
				delete(w.interpBy, d.Serving)
			}
			d.Busy = false
		}
		switch r := w.rng.IntN(200); {
		case r == 0 && !d.Absent:
			d.Absent, d.BackAt = true, f.Now+Minute(10+w.rng.IntN(30))
		case d.Absent && f.Now >= d.BackAt:
			d.Absent, d.BackAt = false, 0
		}
	}
	f.Visitors = slices.DeleteFunc(f.Visitors, func(v Visitor) bool { return len(v.Needs) == 0 && !w.busy(v.ID) })
	if f.Now < 150 && w.rng.IntN(5) == 0 {
		v := Visitor{ID: w.nextID, Arrived: f.Now, Booked: w.rng.IntN(2) == 0}
		w.nextID++
		for _, a := range agencies {
			if w.rng.IntN(2) == 0 || len(v.Needs) == 0 && a.id == "kk" {
				v.Needs = append(v.Needs, Need{Agency: a.id, Estimate: a.mean})
				if v.Booked {
					v.Plan = append(v.Plan, Appointment{Agency: a.id, Start: f.Now + Minute(w.rng.IntN(60))})
				}
			}
		}
		if w.rng.IntN(6) == 0 {
			v.Language = []string{"ar", "tr"}[w.rng.IntN(2)]
		}
		f.Visitors = append(f.Visitors, v)
	}
}

func (w *world) visitor(id VisitorID) *Visitor {
	for i := range w.floor.Visitors {
		if w.floor.Visitors[i].ID == id {
			return &w.floor.Visitors[i]
		}
	}
	return nil
}

func (w *world) busy(id VisitorID) bool {
	for _, d := range w.floor.Desks {
		if d.Busy && d.Serving == id {
			return true
		}
	}
	return false
}

// apply starts the calls, checking every rule of the dispatcher first.
func (w *world) apply(t *testing.T, d *Dispatcher, calls []Call) {
	t.Helper()
	f := &w.floor
	seenV := map[VisitorID]bool{}
	seenD := map[DeskID]bool{}
	seenI := map[int]bool{}
	for _, c := range calls {
		v := w.visitor(c.Visitor)
		var desk *Desk
		for i := range f.Desks {
			if f.Desks[i].ID == c.Desk {
				desk = &f.Desks[i]
			}
		}
		switch {
		case v == nil || v.Arrived > f.Now:
			t.Fatalf("t=%d: called visitor %d, who is not present", f.Now, c.Visitor)
		case seenV[c.Visitor]:
			t.Fatalf("t=%d: visitor %d called to two desks", f.Now, c.Visitor)
		case w.busy(c.Visitor):
			t.Fatalf("t=%d: visitor %d called while being served", f.Now, c.Visitor)
		case desk == nil || desk.Busy || desk.Absent || seenD[c.Desk]:
			t.Fatalf("t=%d: call to desk %v, which is not free", f.Now, c.Desk)
		case !slices.ContainsFunc(v.Needs, func(n Need) bool { return n.Agency == c.Desk.Agency }):
			t.Fatalf("t=%d: visitor %d called to %v, not needed", f.Now, c.Visitor, c.Desk)
		case (v.Language == "") != (c.Interpreter < 0):
			t.Fatalf("t=%d: visitor %d (language %q) got interpreter %d", f.Now, c.Visitor, v.Language, c.Interpreter)
		case c.Interpreter >= 0 && (f.Interpreters[c.Interpreter].Busy || seenI[c.Interpreter] ||
			f.Interpreters[c.Interpreter].Language != v.Language):
			t.Fatalf("t=%d: interpreter %d is busy or speaks another language", f.Now, c.Interpreter)
		}
		w.checkGuard(t, d, c, seenV, seenI)
		seenV[c.Visitor], seenD[c.Desk], seenI[c.Interpreter] = true, true, true
	}
	for _, c := range calls {
		v := w.visitor(c.Visitor)
		for i := range f.Desks {
			if f.Desks[i].ID == c.Desk {
				est := Minute(10)
				v.Needs = slices.DeleteFunc(v.Needs, func(n Need) bool { est = n.Estimate; return n.Agency == c.Desk.Agency })
				f.Desks[i].Busy, f.Desks[i].Serving, f.Desks[i].Since, f.Desks[i].Until = true, c.Visitor, f.Now, f.Now+est
				w.trueEnd[c.Desk] = f.Now + Minute(1+w.rng.IntN(int(2*est)))
			}
		}
		if c.Interpreter >= 0 {
			f.Interpreters[c.Interpreter].Busy = true
			f.Interpreters[c.Interpreter].Until = f.Now + 10
			w.interpBy[c.Visitor] = c.Interpreter
		}
		w.served++
	}
}

// checkGuard: when someone who could take the desk has waited MaxWait or
// more, the call goes to an overdue visitor, and to none whose remaining
// work minus wait is larger than another overdue candidate's.
func (w *world) checkGuard(t *testing.T, d *Dispatcher, c Call, taken map[VisitorID]bool, usedI map[int]bool) {
	t.Helper()
	f := &w.floor
	waited := func(v *Visitor) Minute { return f.Now - v.Arrived - v.Served }
	key := func(v *Visitor) Minute {
		k := -waited(v)
		for _, n := range v.Needs {
			k += n.Estimate
		}
		return k
	}
	overdue, best := false, Minute(0)
	for i := range f.Visitors {
		v := &f.Visitors[i]
		if taken[v.ID] || w.busy(v.ID) || v.Arrived > f.Now || (v.Language != "" && !w.interpreterFree(v.Language, usedI)) ||
			!slices.ContainsFunc(v.Needs, func(n Need) bool { return n.Agency == c.Desk.Agency }) || waited(v) < d.maxWait() {
			continue
		}
		if !overdue || key(v) < best {
			best = key(v)
		}
		overdue = true
	}
	called := w.visitor(c.Visitor)
	if overdue && (waited(called) < d.maxWait() || key(called) > best) {
		t.Fatalf("t=%d: %v called visitor %d (waited %d, work minus wait %d) while an overdue visitor had %d", f.Now, c.Desk, c.Visitor, waited(called), key(called), best)
	}
}

func (w *world) interpreterFree(lang string, used map[int]bool) bool {
	for i, in := range w.floor.Interpreters {
		if in.Language == lang && !in.Busy && !used[i] {
			return true
		}
	}
	return false
}

func TestRandomDaysKeepTheRules(t *testing.T) {
	for seed := range uint64(40) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			var d Dispatcher
			w := newWorld(seed)
			for w.floor.Now < 600 {
				w.step()
				if err := w.floor.Validate(); err != nil {
					t.Fatalf("t=%d: the world is inconsistent: %v", w.floor.Now, err)
				}
				calls := d.Assign(w.floor)
				w.checkDeterministic(t, &d, calls)
				w.apply(t, &d, calls)
			}
			for _, v := range w.floor.Visitors {
				if len(v.Needs) > 0 {
					t.Errorf("visitor %d (arrived %d) still waits at the end of the day for %v", v.ID, v.Arrived, v.Needs)
				}
			}
		})
	}
}

// checkDeterministic: the same floor listed in another order gives the same
// calls.
func (w *world) checkDeterministic(t *testing.T, d *Dispatcher, calls []Call) {
	t.Helper()
	f := w.floor
	f.Visitors = slices.Clone(f.Visitors)
	f.Desks = slices.Clone(f.Desks)
	w.rng.Shuffle(len(f.Visitors), func(i, j int) { f.Visitors[i], f.Visitors[j] = f.Visitors[j], f.Visitors[i] })
	w.rng.Shuffle(len(f.Desks), func(i, j int) { f.Desks[i], f.Desks[j] = f.Desks[j], f.Desks[i] })
	if again := d.Assign(f); !slices.Equal(again, calls) {
		t.Fatalf("t=%d: the same floor in another order gives %v, not %v", f.Now, again, calls)
	}
}

func TestForecastIsASchedule(t *testing.T) {
	for seed := range uint64(20) {
		w := newWorld(seed)
		var d Dispatcher
		for w.floor.Now < 90 {
			w.step()
			w.apply(t, &d, d.Assign(w.floor))
		}
		plan, err := d.Forecast(w.floor)
		if err != nil {
			t.Fatal(err)
		}
		byDesk := map[DeskID][]Planned{}
		byVisitor := map[VisitorID][]Planned{}
		for _, p := range plan {
			byDesk[p.Desk] = append(byDesk[p.Desk], p)
			byVisitor[p.Visitor] = append(byVisitor[p.Visitor], p)
			v := w.visitor(p.Visitor)
			if p.Start < w.floor.Now || p.Start < v.Arrived {
				t.Errorf("seed %d: %+v starts before now or arrival", seed, p)
			}
			for _, desk := range w.floor.Desks {
				if desk.ID == p.Desk && desk.Absent && p.Start < desk.BackAt {
					t.Errorf("seed %d: %+v on a desk absent until %d", seed, p, desk.BackAt)
				}
			}
		}
		for _, group := range []map[DeskID][]Planned{byDesk} {
			for k, ps := range group {
				assertNoOverlap(t, fmt.Sprint(k), ps)
			}
		}
		for k, ps := range byVisitor {
			assertNoOverlap(t, fmt.Sprint("visitor ", k), ps)
			if len(ps) != len(w.visitor(k).Needs) {
				t.Errorf("seed %d: visitor %d planned %d times for %d needs", seed, k, len(ps), len(w.visitor(k).Needs))
			}
		}
	}
}

func assertNoOverlap(t *testing.T, what string, ps []Planned) {
	t.Helper()
	slices.SortFunc(ps, func(a, b Planned) int { return int(a.Start - b.Start) })
	for i := 1; i < len(ps); i++ {
		if ps[i-1].End > ps[i].Start {
			t.Errorf("%s: %+v overlaps %+v", what, ps[i-1], ps[i])
		}
	}
}
