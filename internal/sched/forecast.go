package sched

// Planned is one service of a forecast: who is expected at which desk when.
type Planned struct {
	Visitor     VisitorID
	Desk        DeskID
	Start       Minute
	End         Minute
	Interpreter int
}

// Forecast projects the rest of the day from the floor: every remaining need
// of every visitor on the floor, placed by the priority rule with estimated
// durations, desks absent until they are back. It is computed from the
// present state alone, so it is the re-plan after every change (a late
// visitor, a no-show who never checks in, an absent desk, a service longer
// than planned); the live floor shows it as "expected at desk 2 around
// 15:10". Needs at agencies without any desk left today stay out of it.
func (d *Dispatcher) Forecast(f Floor) ([]Planned, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var out []Planned
	d.run(newState(f), never, func(p Planned) { out = append(out, p) })
	return out, nil
}

// run list-schedules the rest of the day on s by the priority rule, every
// service that starts before until; record, if not nil, receives each
// planned service.
func (d *Dispatcher) run(s *state, until Minute, record func(Planned)) {
	for {
		si, t := s.nextStart()
		if si < 0 || t >= until {
			return
		}
		a := s.stations[si].agency
		pick := d.pick(s, a, t)
		if record != nil {
			m := &s.members[pick]
			in, _ := s.interpreterFree(m.lang)
			record(Planned{Visitor: m.id, Desk: s.stations[si].id, Start: t, End: t + m.need[a], Interpreter: in})
		}
		s.start(pick, si, t)
	}
}

// nextStart finds the earliest moment a desk can start a service on s, and
// the desk (-1 when nothing can start any more). An agency's earliest
// ready member changes only when a start changes the ready time or the
// needs of one of its members, or the interpreter of one (state.start marks
// those agencies stale); nextStart recomputes only the stale ones.
func (s *state) nextStart() (int, Minute) {
	for a := range s.earliest {
		if !s.stale[a] {
			continue
		}
		s.stale[a] = false
		s.earliest[a] = never
		for _, mi := range s.waiting(a) {
			m := &s.members[mi]
			r := m.ready
			if m.lang >= 0 {
				_, free := s.interpreterFree(m.lang)
				r = max(r, free)
			}
			s.earliest[a] = min(s.earliest[a], r)
		}
	}
	best, at := -1, never
	for si, st := range s.stations {
		if t := max(st.free, s.earliest[st.agency]); t < at {
			best, at = si, t
		}
	}
	return best, at
}

// canStart tells whether m can be called to agency number a at t: idle by
// then, needing the agency, with an interpreter free if one is needed.
func (s *state) canStart(m *member, a int, t Minute) bool {
	if m.ready > t || m.need[a] == 0 {
		return false
	}
	if m.lang < 0 {
		return true
	}
	i, free := s.interpreterFree(m.lang)
	return i >= 0 && free <= t
}
