package sched

import (
	"cmp"
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
	last    Minute   // end of the member's last service in this forecast, 0 before one
	need    []Minute // estimate per agency, 0 when not needed (a row of state.needs)
	left    int      // number of needs left
	work    Minute   // sum of need
	appt    []Minute // booked start per agency, -1 when none; nil without a plan; never changed
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
	agencies []string  // sorted agency names; index = agency number
	members  []member  // sorted by ID
	needs    []Minute  // the members' need rows, member i at i*len(agencies)
	queue    []int     // members needing each agency, in no particular order: see waiting
	qoff     []int     // where each agency's part of queue begins
	qlen     []int     // how many members still need each agency
	stations []station // sorted by desk, so by agency number
	soff     []int     // agency a's stations are stations[soff[a]:soff[a+1]]
	desks    []float64 // number of desks present (ever free today) per agency
	work     []Minute  // remaining estimated work per agency
	interp   []Minute  // free time per interpreter
	interpL  []int     // language number per interpreter
	earliest []Minute  // earliest ready time of a member needing each agency
	stale    []bool    // earliest needs recomputing (see nextStart)
	look     outlook   // what outlook computed last
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
	visitors := slices.Clone(f.Visitors)
	slices.SortFunc(visitors, func(a, b Visitor) int { return cmp.Compare(a.ID, b.ID) })
	na := len(s.agencies)
	s.needs = make([]Minute, len(visitors)*na)
	s.work = make([]Minute, na)
	for i, v := range visitors {
		m := member{
			id: v.ID, arrived: v.Arrived, served: v.Served, ready: max(f.Now, v.Arrived),
			need: s.needs[i*na : (i+1)*na : (i+1)*na], lang: language(v.Language),
		}
		for _, n := range v.Needs {
			m.need[agency(n.Agency)] = n.Estimate
			m.left++
			m.work += n.Estimate
			s.work[agency(n.Agency)] += n.Estimate
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
	s.qoff, s.qlen = make([]int, na), make([]int, na)
	for i := range s.needs {
		if s.needs[i] > 0 {
			s.qlen[i%na]++
		}
	}
	for a := 1; a < na; a++ {
		s.qoff[a] = s.qoff[a-1] + s.qlen[a-1]
	}
	s.queue = make([]int, len(s.needs))
	clear(s.qlen)
	for i := range s.needs {
		if a := i % na; s.needs[i] > 0 {
			s.queue[s.qoff[a]+s.qlen[a]] = i / na
			s.qlen[a]++
		}
	}
	s.desks, s.soff = make([]float64, na), make([]int, na+1)
	for _, st := range s.stations {
		if st.free < never {
			s.desks[st.agency]++
		}
		s.soff[st.agency+1]++
	}
	for a := range na {
		s.soff[a+1] += s.soff[a]
	}
	s.earliest, s.stale = make([]Minute, na), make([]bool, na)
	s.changed()
	s.look = outlook{pressure: make([]float64, na), callable: make([]int, na)}
	return s
}

// copyFrom makes s a copy of p that the forecast may change without
// changing p, reusing the buffers of s.
func (s *state) copyFrom(p *state) {
	na := len(p.agencies)
	s.now, s.agencies, s.desks, s.interpL, s.qoff, s.soff = p.now, p.agencies, p.desks, p.interpL, p.qoff, p.soff
	s.members = append(s.members[:0], p.members...)
	s.needs = append(s.needs[:0], p.needs...)
	for i := range s.members {
		s.members[i].need = s.needs[i*na : (i+1)*na : (i+1)*na]
	}
	s.queue = append(s.queue[:0], p.queue...)
	s.qlen = append(s.qlen[:0], p.qlen...)
	s.stations = append(s.stations[:0], p.stations...)
	s.work = append(s.work[:0], p.work...)
	s.interp = append(s.interp[:0], p.interp...)
	s.earliest = append(s.earliest[:0], p.earliest...)
	s.stale = append(s.stale[:0], p.stale...)
	s.look = outlook{
		pressure: slices.Grow(s.look.pressure[:0], na)[:na],
		callable: slices.Grow(s.look.callable[:0], na)[:na],
	}
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
	if m.lang >= 0 {
		s.changed()
	} else {
		// m's ready time grows and m leaves the agency's queue: an
		// agency's earliest changes only if it was m's ready time.
		for b, e := range m.need {
			s.stale[b] = s.stale[b] || (e > 0 && s.earliest[b] == m.ready)
		}
	}
	if i, _ := s.interpreterFree(m.lang); i >= 0 {
		s.interp[i] = end
	}
	m.need[st.agency] = 0
	m.left--
	m.work -= est
	m.served += est
	m.ready, m.last = end, end
	st.free = end
	s.work[st.agency] -= est
	s.look.valid = false
	q := s.waiting(st.agency)
	i := slices.Index(q, mi)
	q[i] = q[len(q)-1]
	s.qlen[st.agency]--
}

// changed tells s that members or interpreters changed beyond what start
// accounts for: every agency's earliest and outlook are computed anew.
func (s *state) changed() {
	for a := range s.stale {
		s.stale[a] = true
	}
	s.look.valid = false
}

// waiting lists the members who still need agency number a.
func (s *state) waiting(a int) []int {
	return s.queue[s.qoff[a] : s.qoff[a]+s.qlen[a]]
}
