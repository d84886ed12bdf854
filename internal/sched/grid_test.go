package sched

import (
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"
)

// busyDay is the normal day with 40 visitors booked by Propose, some with
// an interpreter, and the request of one more.
func busyDay(t *testing.T, seed uint64) (BookingDay, []Booking, BookingRequest) {
	day := normalDay()
	day.Seed = seed
	day.Interpreters = []string{"ar", "ar", "fa"}
	day.Bursts = []Burst{{At: 40, Count: 4}}
	rng := rand.New(rand.NewPCG(seed, 9))
	langs := []string{"", "", "", "ar", "fa"}
	request := func(v int) BookingRequest {
		req := BookingRequest{Visitor: VisitorID(v), Language: langs[rng.IntN(len(langs))], K: 5}
		for len(req.Agencies) == 0 {
			for _, a := range day.Agencies {
				if rng.Float64() < a.WalkinShare {
					req.Agencies = append(req.Agencies, a.ID)
				}
			}
		}
		return req
	}
	var booked []Booking
	for v := range 40 {
		req := request(v)
		ps, err := Propose(day, booked, req)
		if err != nil || len(ps) == 0 {
			t.Fatalf("visitor %d: %d proposals, error %v", v, len(ps), err)
		}
		booked = append(booked, Booking{Visitor: req.Visitor, Stops: ps[rng.IntN(len(ps))].Stops, Language: req.Language})
	}
	return day, booked, request(40)
}

// TestGridIsForecastPerStart checks grid against forecasting every start
// from the beginning with Dispatcher.Forecast.
func TestGridIsForecastPerStart(t *testing.T) {
	for seed := range uint64(3) {
		day, booked, req := busyDay(t, seed)
		floor := Floor{Desks: day.desks()}
		for _, lang := range day.Interpreters {
			floor.Interpreters = append(floor.Interpreters, Interpreter{Language: lang})
		}
		floor.Visitors = day.modelCrowd(int(seed))
		for _, b := range booked {
			floor.Visitors = append(floor.Visitors, day.bookedVisitor(b))
		}
		me := Visitor{ID: req.Visitor, Language: req.Language, Needs: day.needs(req.Agencies)}
		floor.Visitors = append(floor.Visitors, me)
		var starts []Minute
		for start := Minute(0); start <= day.LastEntry; start += 5 {
			starts = append(starts, start)
		}
		d := Dispatcher{MaxWait: bookingMaxWait}
		g, err := d.grid(floor, me.ID, starts, true)
		if err != nil {
			t.Fatal(err)
		}
		for i, start := range starts {
			floor.Visitors[len(floor.Visitors)-1].Arrived = start
			plan, err := d.Forecast(floor)
			if err != nil {
				t.Fatal(err)
			}
			end := map[VisitorID]Minute{}
			var stops []Appointment
			for _, p := range plan {
				end[p.Visitor] = max(end[p.Visitor], p.End)
				if p.Visitor == me.ID {
					stops = append(stops, Appointment{Agency: p.Desk.Agency, Start: p.Start})
				}
			}
			var cost Minute
			for _, v := range floor.Visitors {
				cost += end[v.ID] - v.Arrived
			}
			if g.costs[i] != cost || g.ends[i] != end[me.ID] || !reflect.DeepEqual(g.stops[i], stops) {
				t.Errorf("seed %d, start %d: grid %d %v %d, forecast %d %v %d",
					seed, start, g.costs[i], g.stops[i], g.ends[i], cost, stops, end[me.ID])
			}
		}
	}
}

// TestProposeSameOnAnyNumberOfProcs checks that forecasting the crowds in
// parallel does not change the proposals.
func TestProposeSameOnAnyNumberOfProcs(t *testing.T) {
	day, booked, req := busyDay(t, 1)
	req.K = 0
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want []Proposal
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		got, err := Propose(day, booked, req)
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("GOMAXPROCS %d: %v, with 1: %v", procs, got, want)
		}
	}
	if len(want) < 2 {
		t.Errorf("only %d proposals", len(want))
	}
}
