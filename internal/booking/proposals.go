package booking

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"lotse/internal/errs"
	"lotse/internal/onestop"
	"lotse/internal/sched"
)

// MaxProposals is how many itineraries Proposals offers at most.
const MaxProposals = 5

// Request asks for itineraries: the agencies the visitor needs and the
// interpreter language needed at every stop ("" for none).
type Request struct {
	Agencies []string
	Language string
}

// Proposals returns up to MaxProposals itineraries of date d for req, best
// first: sched.Propose (the policy that won in the simulator) over the
// date's holds and bookings, keeping the itineraries that start after now
// and whose desks and interpreters are still free. An agency not bookable on
// the date is Invalid ("agencies"), an interpreter language the date lacks
// Invalid ("language").
func (s *Store) Proposals(ctx context.Context, d onestop.Date, req Request) ([]Itinerary, error) {
	if err := req.check(d); err != nil {
		return nil, err
	}
	now := s.now()
	booked, busy, err := s.active(ctx, d.ID, now)
	if err != nil {
		return nil, err
	}
	ps, err := sched.Propose(d.BookingDay(uint64(d.ID)), booked, sched.BookingRequest{
		Visitor: sched.VisitorID(len(booked)), Agencies: req.Agencies, Language: req.Language})
	if err != nil {
		return nil, errs.Wrap(err, "booking propose")
	}
	est := d.Estimates()
	var out []Itinerary
	for _, p := range ps {
		it := Itinerary{DateID: d.ID, Language: req.Language}
		for _, a := range p.Stops {
			it.Stops = append(it.Stops, Stop{Agency: a.Agency, Start: int(a.Start), End: int(a.Start + est[a.Agency])})
		}
		if first, _ := it.Stops[0].Times(d); !first.After(now) || it.fits(d) != nil || !busy.free(claims(it, d)) {
			continue
		}
		if out = append(out, it); len(out) == MaxProposals {
			break
		}
	}
	return out, nil
}

// check validates a request against the date.
func (req Request) check(d onestop.Date) error {
	if len(req.Agencies) == 0 || len(req.Agencies) > onestop.MaxRosterSize {
		return invalid("booking.error.agencies", "agencies")
	}
	for i, a := range req.Agencies {
		st, ok := d.Roster.Station(a)
		if !ok || st.Desks-st.WalkIn < 1 || slices.Contains(req.Agencies[:i], a) {
			return invalid("booking.error.agencies", "agencies")
		}
	}
	if req.Language != "" && interpreters(d, req.Language) == 0 {
		return invalid("booking.error.language", "language")
	}
	return nil
}

// occupied is the minutes taken of each resource of a date.
type occupied map[string]map[int]bool

// free reports whether occupy would find a resource for every claim.
func (o occupied) free(cs []claim) bool {
	for _, c := range cs {
		if !o.anyFree(c) {
			return false
		}
	}
	return true
}

// anyFree reports whether one of c's resources is free over its minutes.
func (o occupied) anyFree(c claim) bool {
	for i := range c.count {
		taken := o[c.resource(i)]
		if !slices.ContainsFunc(minutes(c), func(m int) bool { return taken[m] }) {
			return true
		}
	}
	return false
}

// minutes lists the minutes of a claim.
func minutes(c claim) []int {
	out := make([]int, 0, c.end-c.start)
	for m := c.start; m < c.end; m++ {
		out = append(out, m)
	}
	return out
}

// active reads the date's holds that have not lapsed and its bookings, as
// sched bookings and as the minutes they occupy.
func (s *Store) active(ctx context.Context, dateID int64, now time.Time) ([]sched.Booking, occupied, error) {
	const live = "(b.status = 'confirmed' OR (b.status = 'held' AND b.expires_at > ?))"
	// Slots are taken by the live ones and the cancelled ones not yet
	// released.
	const taken = "(b.status = 'confirmed' OR b.expires_at > ?)"
	rows, err := s.db.Query(ctx, "SELECT b.language, b.stops FROM bookings b WHERE b.date_id = ? AND "+live+" ORDER BY b.id", dateID, now.UTC())
	if err != nil {
		return nil, nil, errs.Wrap(err, "booking active")
	}
	defer rows.Close()
	var booked []sched.Booking
	for rows.Next() {
		var (
			lang, raw string
			stops     []Stop
		)
		if err := rows.Scan(&lang, &raw); err != nil {
			return nil, nil, errs.Wrap(err, "booking active")
		}
		if err := json.Unmarshal([]byte(raw), &stops); err != nil {
			return nil, nil, errs.Wrap(err, "booking active")
		}
		b := sched.Booking{Visitor: sched.VisitorID(len(booked)), Language: lang}
		for _, st := range stops {
			b.Stops = append(b.Stops, sched.Appointment{Agency: st.Agency, Start: sched.Minute(st.Start)})
		}
		booked = append(booked, b)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, errs.Wrap(err, "booking active")
	}
	busy := occupied{}
	srows, err := s.db.Query(ctx, "SELECT s.resource, s.minute FROM booking_slots s JOIN bookings b ON b.id = s.booking_id WHERE s.date_id = ? AND "+taken, dateID, now.UTC())
	if err != nil {
		return nil, nil, errs.Wrap(err, "booking slots")
	}
	defer srows.Close()
	for srows.Next() {
		var (
			res string
			m   int
		)
		if err := srows.Scan(&res, &m); err != nil {
			return nil, nil, errs.Wrap(err, "booking slots")
		}
		if busy[res] == nil {
			busy[res] = map[int]bool{}
		}
		busy[res][m] = true
	}
	return booked, busy, errs.Wrap(srows.Err(), "booking slots")
}
