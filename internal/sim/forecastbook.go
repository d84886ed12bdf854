package sim

import (
	"math"

	"lotse/internal/sched"
)

// bookForecast is S2's booking of a day: each booker, in the day's booking
// order, gets the best proposal of sched.Propose (the booking service's
// code) given the bookers before; it returns the appointment start per
// visitor and agency (-1 for none).
func bookForecast(sc *Scenario, d *day) ([][]int, error) {
	appt := unbooked(d, len(sc.Agencies))
	bd := bookingDay(sc)
	index := map[string]int{}
	for a, ag := range sc.Agencies {
		index[ag.ID] = a
	}
	var booked []sched.Booking
	for _, v := range d.bookingOrder {
		req := sched.BookingRequest{Visitor: sched.VisitorID(v), K: 1}
		for _, a := range d.visitors[v].needs {
			req.Agencies = append(req.Agencies, sc.Agencies[a].ID)
		}
		ps, err := sched.Propose(bd, booked, req)
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 {
			continue
		}
		for _, s := range ps[0].Stops {
			appt[v][index[s.Agency]] = int(s.Start)
		}
		booked = append(booked, sched.Booking{Visitor: req.Visitor, Stops: ps[0].Stops})
	}
	return appt, nil
}

// bookingDay is what S2's calendar knows of the scenario's days: every desk
// (absences are not known in advance), the agencies' means, and the mean
// number of walk-ins with the scenario's needs and burst. Interpreters are
// left out, as the calendar has always booked without them.
func bookingDay(sc *Scenario) sched.BookingDay {
	bd := sched.BookingDay{
		LastEntry: sched.Minute(sc.LastEntryMin),
		Walkins:   int(math.Round(sc.ArrivalsMean * (1 - sc.BookedShare))),
		Seed:      uint64(sc.Seed),
	}
	for _, ag := range sc.Agencies {
		bd.Agencies = append(bd.Agencies, sched.BookingAgency{
			ID: ag.ID, Desks: ag.Desks, Estimate: sched.Minute(estimate(ag)), WalkinShare: ag.Share,
		})
	}
	if b := sc.Burst; b != nil {
		bd.Bursts = []sched.Burst{{At: sched.Minute(b.AtMin), Count: b.Count}}
	}
	return bd
}
