package sim

import (
	"context"
	"fmt"
	"time"
)

// roomRules are S1's and S2's rules played through the product: arrivals
// check in (bookers, by their code) or take a walk-in ticket, every
// service ending is a desk's done, desks absent are paused, and whom the
// free desks call the floor decides (floor.Store.Assign, sched.Live() on
// the floor read from the database). The simulator keeps the true
// durations and only starts what the floor called.
type roomRules struct {
	r      *room
	ctx    context.Context
	codes  map[int]string // booker → booking code (S2)
	label  []string       // visitor → ticket
	paused [][]bool       // per agency and desk: paused in the floor
	// visitor maps a ticket to its visitor, at a desk (agency, desk) to
	// the visitor the floor called there.
	visitor map[string]int
	at      map[[2]int]int
	err     error
}

// fail keeps the first error; the day stops deciding after it.
func (x *roomRules) fail(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

func (x *roomRules) arrive(f *floor, v int) {
	if x.err != nil {
		return
	}
	x.r.at(f.now)
	if len(x.label) == 0 {
		x.label = make([]string, len(f.d.visitors))
	}
	var (
		l   string
		err error
	)
	if code, ok := x.codes[v]; ok {
		l, err = x.r.floor.CheckIn(x.ctx, x.r.date.ID, code)
	} else {
		var agencies []string
		for _, a := range f.d.visitors[v].needs {
			agencies = append(agencies, f.sc.Agencies[a].ID)
		}
		lang := f.d.visitors[v].lang
		l, _, err = x.r.floor.WalkIn(x.ctx, x.r.date.ID, agencies, lang, lang != "")
	}
	x.fail(err)
	x.label[v], x.visitor[l] = l, v
}

func (x *roomRules) finish(*floor, int) {}

func (x *roomRules) dispatch(f *floor) {
	if x.err != nil {
		return
	}
	x.r.at(f.now)
	id := x.r.date.ID
	for a, ag := range f.sc.Agencies {
		open := f.presentDesks(a) - f.busyDesks(a)
		for k := range ag.Desks {
			if v, ok := x.at[[2]int{a, k}]; ok && f.deskV[a][k] != v {
				_, err := x.r.floor.Done(x.ctx, id, ag.ID, k+1)
				x.fail(err)
				delete(x.at, [2]int{a, k})
			}
			absent := false
			if f.deskV[a][k] < 0 {
				open--
				absent = open < 0
			}
			switch {
			case absent && !x.paused[a][k]:
				var back time.Time
				if m := f.sc.backAt(ag.ID, f.now); m > 0 {
					back = x.r.date.Start.Add(time.Duration(m) * time.Minute)
				}
				x.fail(x.r.floor.Pause(x.ctx, id, ag.ID, k+1, back))
			case !absent && x.paused[a][k]:
				x.fail(x.r.floor.Resume(x.ctx, id, ag.ID, k+1))
			}
			x.paused[a][k] = absent
		}
	}
	if x.err != nil || !f.anyOpenDesk() || !f.anyIdle() {
		return
	}
	calls, err := x.r.floor.Assign(x.ctx, id)
	x.fail(err)
	for _, c := range calls {
		v, ok := x.visitor[c.Ticket]
		a, known := x.r.index[c.Agency]
		if !ok || !known || f.deskV[a][c.Desk-1] >= 0 || f.busy[v] {
			x.fail(fmt.Errorf("the floor called %s to %s/%d, which the day cannot start", c.Ticket, c.Agency, c.Desk))
			return
		}
		in, free := f.interpreterFor(v)
		if !free {
			x.fail(fmt.Errorf("the floor called %s to %s/%d without a free interpreter", c.Ticket, c.Agency, c.Desk))
			return
		}
		f.start(v, a, c.Desk-1, in)
		_, err := x.r.floor.Start(x.ctx, id, c.Agency, c.Desk)
		x.fail(err)
		x.at[[2]int{a, c.Desk - 1}] = v
	}
}
