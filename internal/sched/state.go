package sched

import (
	"math"
	"slices"
)

// never is a free time for a desk or interpreter that will not serve again
// today.
const never Minute = math.MaxInt32

// member is a visitor inside a forecast. Needs and appointments are indexed
// by agency number (see state.agencies) so that a forecast step is a few
// array reads.
type member struct {
	id      VisitorID
	arrived Minute
	served  Minute
	ready   Minute   // idle from this time on (now, or the end of a service)
	need    []Minute // estimate per agency, 0 when not needed
	left    int      // number of needs left
	work    Minute   // sum of need
	appt    []Minute // booked start per agency, -1 when none; nil without a plan
	lang    int      // language number, -1 when no interpreter is needed
}

// station is a desk inside a forecast: its agency number and when it is
// free to start a service.
type station struct {
	id     DeskID
	agency int
	free   Minute
}

// state is a copy of the floor that a forecast may change.
type state struct {
	now      Minute
	agencies []string // sorted agency names; index = agency number
	members  []member // sorted by ID
	stations []station
	interp   []Minute // free time per interpreter
	interpL  []int    // language number per interpreter
	earliest []Minute // scratch: earliest ready time per agency
}

// newState copies f, which must be valid. Busy visitors are ready when
// their desk's service is expected to end (never before the next minute);
// absent desks are free when they are back.
func newState(f Floor) *state {
	s := &state{now: f.Now}
	for _, d := range f.Desks {
		if !slices.Contains(s.agencies, d.ID.Agency) {
			s.agencies = append(s.agencies, d.ID.Agency)
		}
	}
	slices.Sort(s.agencies)
	agency := func(name string) int { i, _ := slices.BinarySearch(s.agencies, name); return i }
	var langs []string
	language := func(name string) int {
		if name == "" {
			return -1
		}
		if i := slices.Index(langs, name); i >= 0 {
			return i
		}
		langs = append(langs, name)
		return len(langs) - 1
	}
	type ongoing struct{ since, until Minute }
	busy := map[VisitorID]ongoing{}
	for _, d := range f.Desks {
		st := station{id: d.ID, agency: agency(d.ID.Agency), free: f.Now}
		if d.Busy {
			st.free = max(d.Until, f.Now+1)
			busy[d.Serving] = ongoing{d.Since, st.free}
		}
		if d.Absent {
			back := never
			if d.BackAt != 0 {
				back = max(d.BackAt, f.Now+1)
			}
			st.free = max(st.free, back)
		}
		s.stations = append(s.stations, st)
	}
	slices.SortFunc(s.stations, func(a, b station) int { return compareDesks(a.id, b.id) })
	for _, in := range f.Interpreters {
		free := f.Now
		if in.Busy {
			free = max(in.Until, f.Now+1)
		}
		s.interp = append(s.interp, free)
		s.interpL = append(s.interpL, language(in.Language))
	}
	for _, v := range f.Visitors {
		m := member{
			id: v.ID, arrived: v.Arrived, served: v.Served, ready: max(f.Now, v.Arrived),
			need: make([]Minute, len(s.agencies)), lang: language(v.Language),
		}
		for _, n := range v.Needs {
			m.need[agency(n.Agency)] = n.Estimate
			m.left++
			m.work += n.Estimate
		}
		if len(v.Plan) > 0 {
			m.appt = make([]Minute, len(s.agencies))
			for i := range m.appt {
				m.appt[i] = -1
			}
			for _, a := range v.Plan {
				if i, ok := slices.BinarySearch(s.agencies, a.Agency); ok {
					m.appt[i] = a.Start
				}
			}
		}
		if o, ok := busy[v.ID]; ok {
			m.ready = o.until
			m.served += o.until - o.since
		}
		s.members = append(s.members, m)
	}
	slices.SortFunc(s.members, func(a, b member) int { return int(a.id) - int(b.id) })
	s.earliest = make([]Minute, len(s.agencies))
	return s
}

// interpreterFree returns the interpreter of language lang free earliest
// and when; for lang -1 (none needed) it returns -1 and the present.
func (s *state) interpreterFree(lang int) (int, Minute) {
	if lang < 0 {
		return -1, s.now
	}
	best, at := -1, never
	for i, l := range s.interpL {
		if l == lang && s.interp[i] < at {
			best, at = i, s.interp[i]
		}
	}
	return best, at
}

// start books member mi at station si from time t for the need's estimate.
func (s *state) start(mi, si int, t Minute) {
	m := &s.members[mi]
	st := &s.stations[si]
	est := m.need[st.agency]
	end := t + est
	if i, _ := s.interpreterFree(m.lang); i >= 0 {
		s.interp[i] = end
	}
	m.need[st.agency] = 0
	m.left--
	m.work -= est
	m.served += est
	m.ready = end
	st.free = end
}
