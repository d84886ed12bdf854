package sim

import "lotse/internal/sched"

// live is the rule set of S1 and S2: one waiting area, and whenever
// something changes the dispatcher of internal/sched decides whom the free
// desks call. It sees what a real floor sees: who is present, what they
// still need (at the agencies' mean durations), what each has been served,
// the desks and the interpreters, and the booked plans under S2.
type live struct {
	disp  sched.Dispatcher
	plans [][]sched.Appointment // per visitor; nil under S1
	index map[string]int
}

func newLive(sc *Scenario, plans [][]sched.Appointment) *live {
	l := &live{disp: sched.Live(), plans: plans, index: map[string]int{}}
	for a, ag := range sc.Agencies {
		l.index[ag.ID] = a
	}
	return l
}

func (l *live) arrive(*floor, int) {}
func (l *live) finish(*floor, int) {}

func (l *live) dispatch(f *floor) {
	if !f.anyOpenDesk() || !f.anyIdle() {
		return
	}
	for _, c := range l.disp.Assign(l.view(f)) {
		f.start(int(c.Visitor), l.index[c.Desk.Agency], c.Desk.Index, c.Interpreter)
	}
}

// view builds the floor the dispatcher sees.
func (l *live) view(f *floor) sched.Floor {
	sc := f.sc
	fl := sched.Floor{Now: sched.Minute(f.now)}
	for v := range f.d.visitors {
		if !f.present(v) {
			continue
		}
		vis := sched.Visitor{
			ID: sched.VisitorID(v), Arrived: sched.Minute(f.arrival[v]), Booked: f.d.visitors[v].booked,
			Served: sched.Minute(f.served[v]), Language: f.d.visitors[v].lang,
		}
		for _, a := range f.d.visitors[v].needs {
			if f.left[v][a] {
				vis.Needs = append(vis.Needs, sched.Need{Agency: sc.Agencies[a].ID, Estimate: sched.Minute(estimate(sc.Agencies[a]))})
			}
		}
		if l.plans != nil {
			for _, p := range l.plans[v] {
				if f.left[v][l.index[p.Agency]] {
					vis.Plan = append(vis.Plan, p)
				}
			}
		}
		fl.Visitors = append(fl.Visitors, vis)
	}
	for a, ag := range sc.Agencies {
		open := f.presentDesks(a) - f.busyDesks(a)
		for k := range ag.Desks {
			d := sched.Desk{ID: sched.DeskID{Agency: ag.ID, Index: k}}
			if v := f.deskV[a][k]; v >= 0 {
				d.Busy, d.Serving = true, sched.VisitorID(v)
				d.Since = sched.Minute(f.deskFrom[a][k])
				d.Until = d.Since + sched.Minute(estimate(ag))
			} else if open--; open < 0 {
				d.Absent, d.BackAt = true, sched.Minute(sc.backAt(ag.ID, f.now))
			}
			fl.Desks = append(fl.Desks, d)
		}
	}
	for _, in := range f.interp {
		fl.Interpreters = append(fl.Interpreters, sched.Interpreter{
			Language: in.lang, Busy: in.visitor >= 0, Until: sched.Minute(in.expected),
		})
	}
	return fl
}
