package sched

import (
	"cmp"
	"fmt"
	"slices"
)

// The parameters of the booking policy, measured on the simulator's normal
// scenario (internal/sim/BENCH.md).
const (
	// bookingCrowds is the number of model walk-in crowds a start is judged
	// against: the real walk-ins come in clumps that one evenly spread
	// crowd does not show (1 / 3 / 5 / 8 crowds: stretch 1.230 / 1.212 /
	// 1.202 / 1.197).
	bookingCrowds = 8
	// bookingMaxWait is the starvation guard of the booking's forecasts:
	// looser than the floor's, since a forecast's waits are estimates
	// (1.197 against 1.202 with 30).
	bookingMaxWait = 40
	// bookingStep is the grid of first starts tried, in minutes.
	bookingStep = 5
)

// BookingDay is what the booking side knows of a One-Stop-Shop day before
// it happens: the agencies with their desks and mean service times, the
// entry window, the interpreters, and how many walk-ins to expect. Times
// are minutes after opening.
type BookingDay struct {
	Agencies []BookingAgency
	// LastEntry is the latest first start: proposals start in
	// [0, LastEntry].
	LastEntry Minute
	// Interpreters lists the language of each interpreter of the day.
	Interpreters []string
	// Walkins is the number of walk-ins expected over the entry window,
	// Bursts the groups expected on top at one moment.
	Walkins int
	Bursts  []Burst
	// Seed fixes the model walk-in crowds: the same day, bookings and
	// request give the same proposals.
	Seed uint64
}

// BookingAgency is one agency of a BookingDay.
type BookingAgency struct {
	ID    string
	Desks int
	// Estimate is the mean service time, what every forecast assumes.
	Estimate Minute
	// WalkinShare is the probability that a walk-in needs the agency: the
	// model crowds draw their needs from it.
	WalkinShare float64
}

// Burst is Count walk-ins expected together At a minute (a bus, a class).
type Burst struct {
	At    Minute
	Count int
}

// Booking is an itinerary already booked: the visitor (an ID below 1<<20,
// where the model walk-ins are numbered from; unique in the day) and a
// start at each agency. Its
// agencies are its needs, and its first start is when the forecast expects
// the visitor; Language is the interpreter language held at every stop, or
// "".
type Booking struct {
	Visitor  VisitorID
	Stops    []Appointment
	Language string
}

// BookingRequest asks for itineraries for one more visitor: the agencies
// they need, the interpreter language they need at every stop ("" for
// none) and K, the most proposals wanted (0 for all).
type BookingRequest struct {
	Visitor  VisitorID
	Agencies []string
	Language string
	K        int
}

// Proposal is one offered itinerary: a start at each requested agency, in
// order of start, and End, the forecast end of the last stop. Cost is what
// proposals are ranked by: the forecast total time on site of everyone that
// day, averaged over the model crowds.
type Proposal struct {
	Stops []Appointment
	End   Minute
	Cost  float64
}

// Propose is the coordinated booking that won in the simulator (policy S2):
// for every first start on a 5-minute grid of the entry window it forecasts
// the whole day with the dispatcher (Dispatcher.Forecast, guard 40 min):
// the bookings so far from their first start, a model crowd of walk-ins,
// and the visitor from that start. The desired time is not a constraint:
// the offer is "come at 15:40 and your agencies take an hour, without
// waiting" (a window of an hour around the desired time measured stretch
// 1.233 instead of 1.194). A start costs the day's forecast total time on
// site, averaged over eight crowds; its itinerary is the visitor's services
// in the first crowd's forecast, never two at once. Proposals come cheapest
// first (equal costs: earlier start first), each itinerary once, at most K.
// A booking service calls it inside the transaction that stores the chosen
// one; internal/sim calls it for S2, so `lotse sim` measures this code.
// The day before a start is the same for every later start, so each
// crowd's day is planned once up to each start and only the rest is
// forecast per start (Dispatcher.grid); the crowds are forecast in
// parallel, their costs summed in crowd order, so the result does not
// depend on GOMAXPROCS.
func Propose(day BookingDay, booked []Booking, req BookingRequest) ([]Proposal, error) {
	if err := day.validate(booked, req); err != nil {
		return nil, err
	}
	floor := Floor{Desks: day.desks()}
	for _, lang := range day.Interpreters {
		floor.Interpreters = append(floor.Interpreters, Interpreter{Language: lang})
	}
	others := make([]Visitor, 0, len(booked))
	for _, b := range booked {
		if len(b.Stops) > 0 {
			others = append(others, day.bookedVisitor(b))
		}
	}
	me := Visitor{ID: req.Visitor, Booked: true, Language: req.Language, Needs: day.needs(req.Agencies)}
	var starts []Minute
	for start := Minute(0); start <= day.LastEntry; start += bookingStep {
		starts = append(starts, start)
	}
	disp := Dispatcher{MaxWait: bookingMaxWait}
	crowds := make([]gridForecast, bookingCrowds)
	errs := make([]error, bookingCrowds)
	forEach(bookingCrowds, func(k int) {
		f := floor
		f.Visitors = append(append(day.modelCrowd(k), others...), me)
		crowds[k], errs[k] = disp.grid(f, me.ID, starts, k == 0)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	out := make([]Proposal, len(starts))
	for i := range out {
		for _, c := range crowds {
			out[i].Cost += float64(c.costs[i]) / float64(len(crowds))
		}
		out[i].Stops, out[i].End = crowds[0].stops[i], crowds[0].ends[i]
	}
	return ranked(out, req.K), nil
}

// ranked sorts proposals by cost, earlier start first at equal cost (the
// grid's order, kept by the stable sort), drops repeated itineraries (two
// starts whose forecasts place the visitor alike) and keeps at most k.
func ranked(ps []Proposal, k int) []Proposal {
	slices.SortStableFunc(ps, func(a, b Proposal) int { return cmp.Compare(a.Cost, b.Cost) })
	var out []Proposal
	for _, p := range ps {
		if len(p.Stops) == 0 || slices.ContainsFunc(out, func(q Proposal) bool { return slices.Equal(q.Stops, p.Stops) }) {
			continue
		}
		out = append(out, p)
		if len(out) == k {
			break
		}
	}
	return out
}

// desks lists every desk of the day, all free.
func (day BookingDay) desks() []Desk {
	var out []Desk
	for _, a := range day.Agencies {
		for k := range a.Desks {
			out = append(out, Desk{ID: DeskID{Agency: a.ID, Index: k}})
		}
	}
	return out
}

// needs gives each agency its estimate.
func (day BookingDay) needs(agencies []string) []Need {
	var out []Need
	for _, id := range agencies {
		i := slices.IndexFunc(day.Agencies, func(a BookingAgency) bool { return a.ID == id })
		out = append(out, Need{Agency: id, Estimate: day.Agencies[i].Estimate})
	}
	return out
}

// bookedVisitor is a booking as the forecast expects it: from its first
// start, needing its agencies.
func (day BookingDay) bookedVisitor(b Booking) Visitor {
	v := Visitor{ID: b.Visitor, Booked: true, Language: b.Language, Arrived: b.Stops[0].Start}
	var agencies []string
	for _, s := range b.Stops {
		v.Arrived = min(v.Arrived, s.Start)
		agencies = append(agencies, s.Agency)
	}
	v.Needs = day.needs(agencies)
	return v
}

// validate reports the first inconsistency of a booking question; Propose
// answers none that fails it.
func (day BookingDay) validate(booked []Booking, req BookingRequest) error {
	known := map[string]bool{}
	anyShare := false
	for _, a := range day.Agencies {
		switch {
		case a.ID == "" || known[a.ID]:
			return fmt.Errorf("agency %q: empty or listed twice", a.ID)
		case a.Desks < 1 || a.Estimate < 1:
			return fmt.Errorf("agency %q: needs a desk and an estimate of a minute or more", a.ID)
		case a.WalkinShare < 0 || a.WalkinShare > 1:
			return fmt.Errorf("agency %q: walk-in share %v outside [0, 1]", a.ID, a.WalkinShare)
		}
		known[a.ID] = true
		anyShare = anyShare || a.WalkinShare > 0
	}
	walkins := day.Walkins
	for _, b := range day.Bursts {
		walkins += b.Count
	}
	switch {
	case day.LastEntry < 0:
		return fmt.Errorf("last entry %d before opening", day.LastEntry)
	case day.Walkins < 0 || slices.ContainsFunc(day.Bursts, func(b Burst) bool { return b.Count < 0 }):
		return fmt.Errorf("negative number of walk-ins")
	case walkins > 0 && !anyShare:
		return fmt.Errorf("walk-ins expected, yet no agency has a walk-in share")
	}
	ids := map[VisitorID]bool{}
	for _, b := range booked {
		if err := day.validateVisitor(b.Visitor, stopAgencies(b.Stops), b.Language, ids); err != nil {
			return fmt.Errorf("booking: %w", err)
		}
	}
	if len(req.Agencies) == 0 {
		return fmt.Errorf("request: visitor %d needs no agency", req.Visitor)
	}
	if req.K < 0 {
		return fmt.Errorf("request: K %d is negative", req.K)
	}
	if err := day.validateVisitor(req.Visitor, req.Agencies, req.Language, ids); err != nil {
		return fmt.Errorf("request: %w", err)
	}
	return nil
}

// validateVisitor checks one visitor's ID (unique, below the model
// walk-ins'), agencies (known, each once) and interpreter language.
func (day BookingDay) validateVisitor(id VisitorID, agencies []string, lang string, ids map[VisitorID]bool) error {
	if id < 0 || id >= firstModelID || ids[id] {
		return fmt.Errorf("visitor %d: negative, from %d on, or twice", id, firstModelID)
	}
	ids[id] = true
	for i, a := range agencies {
		if !slices.ContainsFunc(day.Agencies, func(ag BookingAgency) bool { return ag.ID == a }) || slices.Contains(agencies[:i], a) {
			return fmt.Errorf("visitor %d: agency %q unknown or twice", id, a)
		}
	}
	if lang != "" && !slices.Contains(day.Interpreters, lang) {
		return fmt.Errorf("visitor %d needs a %q interpreter, and the day has none", id, lang)
	}
	return nil
}

func stopAgencies(stops []Appointment) []string {
	var out []string
	for _, s := range stops {
		out = append(out, s.Agency)
	}
	return out
}
