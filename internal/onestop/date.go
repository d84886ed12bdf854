package onestop

import (
	"fmt"
	"time"

	"lotse/internal/sched"
	"lotse/internal/sched/itinerary"
)

// Date is one One-Stop-Shop day: its calendar day in the county's time zone,
// its start and end (UTC in the database, any location here), and its roster.
// A practice date is never public: staff train on it, check-in is open all
// day at once, and PurgePractice deletes it after the day. A cancelled date
// stays stored (bookings point at it) but is no longer listed.
type Date struct {
	ID        int64
	Day       string // "2026-12-04", the local calendar day
	Start     time.Time
	End       time.Time
	Practice  bool
	Cancelled bool
	// FromRule marks a date made from the county's rule, not set up by hand.
	FromRule bool
	Roster   Roster
}

// Public reports whether visitors see and book the date.
func (d Date) Public() bool { return !d.Practice && !d.Cancelled }

// Minutes is the length of the day's opening in whole minutes.
func (d Date) Minutes() int { return int(d.End.Sub(d.Start) / time.Minute) }

// PlannerDay is the day as the booking planner (sched/itinerary) sees it: the
// agencies present with the desks open to booking (WalkIn desks are kept out)
// and the interpreters, in minutes from the opening. An agency has one
// service length in the planner: the service chosen in services (agency id →
// service id) for the visitor being planned, else the agency's longest, so
// that a plan never runs short. An agency whose every desk is kept for
// walk-ins is left out. An unknown agency or service in services is an error.
func (d Date) PlannerDay(services map[string]string) (itinerary.Day, error) {
	day := itinerary.Day{Opens: d.Start, Minutes: d.Minutes(), Slot: itinerary.DefaultSlot}
	for agency, id := range services {
		st, ok := d.Roster.Station(agency)
		if !ok {
			return itinerary.Day{}, fmt.Errorf("onestop: agency %q is not on date %d", agency, d.ID)
		}
		if _, ok := st.Service(id); !ok {
			return itinerary.Day{}, fmt.Errorf("onestop: agency %q offers no service %q on date %d", agency, id, d.ID)
		}
	}
	for _, st := range d.Roster.Agencies {
		if st.Desks-st.WalkIn < 1 {
			continue
		}
		minutes := 0
		if sv, ok := st.Service(services[st.Agency]); ok {
			minutes = sv.Minutes
		} else {
			for _, sv := range st.Services {
				minutes = max(minutes, sv.Minutes)
			}
		}
		day.Agencies = append(day.Agencies, itinerary.Agency{ID: st.Agency, Desks: st.Desks - st.WalkIn, Duration: minutes})
	}
	day.Interpreters = d.interpreterPools()
	return day, nil
}

// interpreterPools are the roster's interpreters as planner pools with their
// windows in minutes from the opening.
func (d Date) interpreterPools() []itinerary.Interpreter {
	open := localMinutes(d.Start)
	var out []itinerary.Interpreter
	for _, in := range d.Roster.Interpreters {
		from, to, ok := in.window(open, open+d.Minutes())
		if !ok {
			continue
		}
		p := itinerary.Interpreter{Lang: in.Lang, Count: in.Count}
		if from != open || to != open+d.Minutes() {
			p.Windows = []itinerary.Window{{Start: from - open, End: to - open}}
		}
		out = append(out, p)
	}
	return out
}

// localMinutes is t's wall-clock time in minutes after midnight in its
// location (the county's, as the store loads dates).
func localMinutes(t time.Time) int { return t.Hour()*60 + t.Minute() }

// Floor is the day's empty floor for the live dispatcher (sched): every desk
// of every agency, walk-in desks included, free, and one interpreter per head
// of each pool, at minute 0. The live floor adds visitors and busy desks.
func (d Date) Floor() sched.Floor {
	var f sched.Floor
	for _, st := range d.Roster.Agencies {
		for i := range st.Desks {
			f.Desks = append(f.Desks, sched.Desk{ID: sched.DeskID{Agency: st.Agency, Index: i}})
		}
	}
	for _, in := range d.Roster.Interpreters {
		for range in.Count {
			f.Interpreters = append(f.Interpreters, sched.Interpreter{Language: in.Lang})
		}
	}
	return f
}

// BookingDay is the day as the coordinated booking (sched.Propose) sees it:
// every desk (the forecast serves the model walk-ins on them too, so no desk
// is kept apart), each agency's mean service minutes, the walk-ins expected
// with each agency's share, one interpreter language per head, and the last
// first start: the latest at which the longest service still ends by
// closing. seed fixes the model walk-in crowds, so the same date, bookings
// and request give the same proposals (the date's id is a good seed).
func (d Date) BookingDay(seed uint64) sched.BookingDay {
	est := d.Estimates()
	day := sched.BookingDay{Walkins: d.Roster.Walkins, Seed: seed}
	longest := 0
	for _, st := range d.Roster.Agencies {
		day.Agencies = append(day.Agencies, sched.BookingAgency{ID: st.Agency, Desks: st.Desks, Estimate: est[st.Agency], WalkinShare: st.WalkinShare})
		for _, sv := range st.Services {
			longest = max(longest, sv.Minutes)
		}
	}
	day.LastEntry = sched.Minute(max(d.Minutes()-longest, 0))
	if d.Roster.LastEntry > 0 {
		day.LastEntry = min(day.LastEntry, sched.Minute(d.Roster.LastEntry))
	}
	for _, in := range d.Roster.Interpreters {
		for range in.Count {
			day.Interpreters = append(day.Interpreters, in.Lang)
		}
	}
	return day
}

// Estimates returns each agency's mean service minutes (the mean of its
// services), the estimate the dispatcher uses for a need until the service
// is known.
func (d Date) Estimates() map[string]sched.Minute {
	out := make(map[string]sched.Minute, len(d.Roster.Agencies))
	for _, st := range d.Roster.Agencies {
		if len(st.Services) == 0 {
			continue
		}
		sum := 0
		for _, sv := range st.Services {
			sum += sv.Minutes
		}
		out[st.Agency] = sched.Minute((sum + len(st.Services)/2) / len(st.Services))
	}
	return out
}
