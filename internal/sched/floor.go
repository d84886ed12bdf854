package sched

import (
	"cmp"
	"fmt"
)

// Minute is a time in whole minutes after the day's opening (14:00 = 0), or
// a duration in minutes. Whole minutes are what a desk clock and a call
// display show, and they keep every comparison exact.
type Minute int

// VisitorID identifies a visitor for one day.
type VisitorID int

// DeskID names one desk: the agency it belongs to and its 0-based index
// among that agency's desks.
type DeskID struct {
	Agency string
	Index  int
}

// String returns "agency/index", the form used in messages.
func (d DeskID) String() string { return fmt.Sprintf("%s/%d", d.Agency, d.Index) }

// compareDesks orders desks by agency, then index, so that every loop over
// desks runs in the same order whatever order the caller listed them in.
func compareDesks(a, b DeskID) int {
	return cmp.Or(cmp.Compare(a.Agency, b.Agency), cmp.Compare(a.Index, b.Index))
}

// Need is one agency a visitor still has to see, with the expected service
// minutes: the agency's mean until the service has happened, since nobody
// knows the true length in advance.
type Need struct {
	Agency   string
	Estimate Minute
}

// Appointment is one step of a booked itinerary: the agency and the planned
// start. Appointments are a promise of priority, not a reservation that keeps
// a desk idle: a desk never waits for a late visitor.
type Appointment struct {
	Agency string
	Start  Minute
}

// Visitor is a person on the floor (checked in, not yet gone), or one
// expected: a visitor whose Arrived is after the floor's Now has not checked
// in yet. Expected visitors are never called; forecasts place them from
// their expected arrival on, which is how the booking side asks "what would
// the day look like if this visitor came at 15:10?". No-shows and visitors
// who have left are not on the floor.
type Visitor struct {
	ID VisitorID
	// Arrived is the check-in time, or the expected one.
	Arrived Minute
	// Booked tells a visitor with a booking from a walk-in.
	Booked bool
	// Needs are the agencies still to be seen, not counting one being
	// served right now.
	Needs []Need
	// Served is the sum of the visitor's finished service minutes; with
	// Arrived it gives the minutes waited so far.
	Served Minute
	// Language is the interpreter language the visitor needs at every
	// service, or "" for none.
	Language string
	// Plan is the rest of the booked itinerary, if any.
	Plan []Appointment
}

// Desk is one desk of an agency and what it is doing now.
type Desk struct {
	ID DeskID
	// Busy desks serve Serving since Since until about Until (an estimate:
	// the true end is only known when the service ends).
	Busy    bool
	Serving VisitorID
	Since   Minute
	Until   Minute
	// Absent desks start no new service (one in progress finishes). BackAt
	// is when the desk is expected back; 0 means not today.
	Absent bool
	BackAt Minute
}

// Interpreter is one interpreter of the day. An interpreter is held for the
// whole of each service of a visitor who needs their language.
type Interpreter struct {
	Language string
	Busy     bool
	// Until is the expected end of the service the interpreter is in.
	Until Minute
}

// Floor is everything the dispatcher looks at: the clock, the visitors on
// the floor, the desks and the interpreters. It is a plain value, so the
// live floor can build it from its database and the simulator from its
// state, and the same floor always gives the same decision.
type Floor struct {
	Now          Minute
	Visitors     []Visitor
	Desks        []Desk
	Interpreters []Interpreter
}

// Call is the dispatcher's decision: the visitor to call to the desk, with
// the interpreter (an index into Floor.Interpreters) to send along, or -1.
type Call struct {
	Visitor     VisitorID
	Desk        DeskID
	Interpreter int
}

// Validate reports the first inconsistency of the floor: duplicate visitors
// or desks, estimates below a minute, a needed agency without desks, a
// visitor served at two desks or not on the floor, a language no interpreter
// speaks. The dispatcher never calls anyone on a floor that fails it.
func (f Floor) Validate() error {
	agencies := map[string]bool{}
	desks := map[DeskID]bool{}
	serving := map[VisitorID]DeskID{}
	for _, d := range f.Desks {
		if d.ID.Agency == "" || d.ID.Index < 0 {
			return fmt.Errorf("desk %v: empty agency or negative index", d.ID)
		}
		if desks[d.ID] {
			return fmt.Errorf("desk %v listed twice", d.ID)
		}
		desks[d.ID] = true
		agencies[d.ID.Agency] = true
		if !d.Busy {
			continue
		}
		if other, ok := serving[d.Serving]; ok {
			return fmt.Errorf("visitor %d served at %v and %v", d.Serving, other, d.ID)
		}
		serving[d.Serving] = d.ID
	}
	seen := map[VisitorID]bool{}
	for _, v := range f.Visitors {
		if seen[v.ID] {
			return fmt.Errorf("visitor %d listed twice", v.ID)
		}
		seen[v.ID] = true
		if _, busy := serving[v.ID]; v.Arrived > f.Now && (v.Served > 0 || busy) {
			return fmt.Errorf("visitor %d is expected at %d, after now %d, yet has been served", v.ID, v.Arrived, f.Now)
		}
		needed := map[string]bool{}
		for _, n := range v.Needs {
			if !agencies[n.Agency] {
				return fmt.Errorf("visitor %d needs %q, which has no desk", v.ID, n.Agency)
			}
			if n.Estimate < 1 {
				return fmt.Errorf("visitor %d: estimate %d at %q is below one minute", v.ID, n.Estimate, n.Agency)
			}
			if needed[n.Agency] {
				return fmt.Errorf("visitor %d needs %q twice", v.ID, n.Agency)
			}
			needed[n.Agency] = true
		}
	}
	for id, d := range serving {
		if !seen[id] {
			return fmt.Errorf("desk %v serves visitor %d, who is not on the floor", d, id)
		}
	}
	return f.validateInterpreters()
}

func (f Floor) validateInterpreters() error {
	languages := map[string]bool{}
	for i, in := range f.Interpreters {
		if in.Language == "" {
			return fmt.Errorf("interpreter %d has no language", i)
		}
		languages[in.Language] = true
	}
	for _, v := range f.Visitors {
		if v.Language != "" && !languages[v.Language] {
			return fmt.Errorf("visitor %d needs a %q interpreter, and none is on the floor", v.ID, v.Language)
		}
	}
	return nil
}
