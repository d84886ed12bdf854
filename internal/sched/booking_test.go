package sched

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// normalDay is the simulator's normal scenario as the booking sees it.
func normalDay() BookingDay {
	return BookingDay{
		Agencies: []BookingAgency{
			{"abh", 2, 20, 0.7}, {"aa", 2, 20, 0.6}, {"fam", 1, 15, 0.35}, {"wohn", 1, 15, 0.3},
			{"bank", 1, 15, 0.3}, {"kk", 1, 10, 0.35}, {"ik", 1, 10, 0.4}, {"kim", 1, 15, 0.4},
		},
		LastEntry:    150,
		Interpreters: []string{"ar"},
		Walkins:      12,
		Seed:         1,
	}
}

// twoAgencies is a quiet day: no walk-ins, one desk each.
func twoAgencies() BookingDay {
	return BookingDay{Agencies: []BookingAgency{{"a", 1, 20, 0.5}, {"b", 1, 10, 0.5}}, LastEntry: 30, Interpreters: []string{"ar"}}
}

func TestProposeQuietDay(t *testing.T) {
	for _, tc := range []struct {
		name   string
		booked []Booking
		req    BookingRequest
		want   [][]Appointment
	}{
		{
			name: "empty day: every start costs the same, earliest first",
			req:  BookingRequest{Visitor: 1, Agencies: []string{"a", "b"}, K: 2},
			want: [][]Appointment{{{"a", 0}, {"b", 20}}, {{"a", 5}, {"b", 25}}},
		},
		{
			name:   "a booking at a from 0: the visitor comes for b at 10, then a without waiting",
			booked: []Booking{{Visitor: 1, Stops: []Appointment{{"a", 0}}}},
			req:    BookingRequest{Visitor: 2, Agencies: []string{"a", "b"}, K: 1},
			want:   [][]Appointment{{{"b", 10}, {"a", 20}}},
		},
		{
			name:   "the only interpreter is held until 20: the visitor comes then",
			booked: []Booking{{Visitor: 1, Stops: []Appointment{{"a", 0}}, Language: "ar"}},
			req:    BookingRequest{Visitor: 2, Agencies: []string{"b"}, Language: "ar", K: 1},
			want:   [][]Appointment{{{"b", 20}}},
		},
		{
			name:   "without an interpreter the same visitor comes at once",
			booked: []Booking{{Visitor: 1, Stops: []Appointment{{"a", 0}}, Language: "ar"}},
			req:    BookingRequest{Visitor: 2, Agencies: []string{"b"}, K: 1},
			want:   [][]Appointment{{{"b", 0}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := Propose(twoAgencies(), tc.booked, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]Appointment
			for _, p := range ps {
				got = append(got, p.Stops)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("proposals %v, want %v", got, tc.want)
			}
		})
	}
}

func TestProposeInvalid(t *testing.T) {
	ok := BookingRequest{Visitor: 1, Agencies: []string{"a"}}
	for _, tc := range []struct {
		name   string
		day    func(*BookingDay)
		booked []Booking
		req    BookingRequest
		want   string
	}{
		{"agency twice", func(d *BookingDay) { d.Agencies[1].ID = "a" }, nil, ok, "listed twice"},
		{"no desk", func(d *BookingDay) { d.Agencies[0].Desks = 0 }, nil, ok, "needs a desk"},
		{"share above 1", func(d *BookingDay) { d.Agencies[0].WalkinShare = 1.5 }, nil, ok, "walk-in share"},
		{"walk-ins without shares", func(d *BookingDay) {
			d.Walkins, d.Agencies[0].WalkinShare, d.Agencies[1].WalkinShare = 3, 0, 0
		}, nil, ok, "no agency has a walk-in share"},
		{"burst of -1", func(d *BookingDay) { d.Bursts = []Burst{{10, -1}} }, nil, ok, "negative number"},
		{"last entry before opening", func(d *BookingDay) { d.LastEntry = -5 }, nil, ok, "before opening"},
		{"no agency", nil, nil, BookingRequest{Visitor: 1}, "needs no agency"},
		{"unknown agency", nil, nil, BookingRequest{Visitor: 1, Agencies: []string{"x"}}, "unknown"},
		{"agency twice in request", nil, nil, BookingRequest{Visitor: 1, Agencies: []string{"a", "a"}}, "twice"},
		{"unknown language", nil, nil, BookingRequest{Visitor: 1, Agencies: []string{"a"}, Language: "tr"}, "interpreter"},
		{"negative K", nil, nil, BookingRequest{Visitor: 1, Agencies: []string{"a"}, K: -1}, "negative"},
		{"visitor already booked", nil, []Booking{{Visitor: 1, Stops: []Appointment{{"a", 0}}}}, ok, "twice"},
		{"model walk-in ID", nil, nil, BookingRequest{Visitor: firstModelID, Agencies: []string{"a"}}, "from"},
		{"booking at an unknown agency", nil, []Booking{{Visitor: 2, Stops: []Appointment{{"x", 0}}}}, ok, "booking"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := twoAgencies()
			if tc.day != nil {
				tc.day(&d)
			}
			ps, err := Propose(d, tc.booked, tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, %v; want an error with %q", ps, err, tc.want)
			}
		})
	}
}

func TestModelCrowd(t *testing.T) {
	d := normalDay()
	d.Bursts = []Burst{{At: 60, Count: 3}}
	for k := range 3 {
		c := d.modelCrowd(k)
		if len(c) != 15 || !reflect.DeepEqual(c, d.modelCrowd(k)) {
			t.Fatalf("crowd %d: %d walk-ins or not the same twice", k, len(c))
		}
		for i, v := range c {
			switch {
			case v.ID != firstModelID+VisitorID(i) || v.Booked || len(v.Needs) == 0:
				t.Errorf("crowd %d walk-in %d: %+v", k, i, v)
			case i < 12 && (v.Arrived < Minute(i*151/12) || v.Arrived >= Minute((i+1)*151/12+1)):
				t.Errorf("crowd %d walk-in %d at %d, outside its share of the window", k, i, v.Arrived)
			case i >= 12 && v.Arrived != 60:
				t.Errorf("crowd %d burst walk-in at %d", k, v.Arrived)
			}
		}
	}
	if c := d.modelCrowd(0); c[0].Arrived != 6 || c[11].Arrived != 144 {
		t.Errorf("crowd 0 not evenly spread: first %d, last %d", c[0].Arrived, c[11].Arrived)
	}
}

// TestProposeProperties books random visitors one after the other on a
// normal day and checks every answer: deterministic, independent of the
// order bookings are listed in, each requested agency exactly once, stops
// that never overlap, costs ascending, no itinerary twice, at most K.
func TestProposeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	day := normalDay()
	var booked []Booking
	for v := range 12 {
		req := BookingRequest{Visitor: VisitorID(v), K: 1 + rng.IntN(5)}
		for _, a := range day.Agencies {
			if rng.IntN(3) == 0 || len(req.Agencies) == 0 && a.ID == "kim" {
				req.Agencies = append(req.Agencies, a.ID)
			}
		}
		if rng.IntN(4) == 0 {
			req.Language = "ar"
		}
		ps, err := Propose(day, booked, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) == 0 || len(ps) > req.K {
			t.Fatalf("visitor %d: %d proposals for K %d", v, len(ps), req.K)
		}
		shuffled := slices.Clone(booked)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if again, _ := Propose(day, shuffled, req); !reflect.DeepEqual(again, ps) {
			t.Fatalf("visitor %d: other answer with the bookings in another order", v)
		}
		for i, p := range ps {
			checkProposal(t, day, req, p)
			if i > 0 && p.Cost < ps[i-1].Cost {
				t.Errorf("visitor %d: proposal %d costs %v, less than the one before", v, i, p.Cost)
			}
			if slices.ContainsFunc(ps[:i], func(q Proposal) bool { return slices.Equal(q.Stops, p.Stops) }) {
				t.Errorf("visitor %d: itinerary %v proposed twice", v, p.Stops)
			}
		}
		booked = append(booked, Booking{Visitor: req.Visitor, Stops: ps[0].Stops, Language: req.Language})
	}
}

func checkProposal(t *testing.T, day BookingDay, req BookingRequest, p Proposal) {
	t.Helper()
	var got []string
	end := Minute(0)
	for _, s := range p.Stops {
		got = append(got, s.Agency)
		if s.Start < end {
			t.Errorf("visitor %d: stop %v starts before the one before ends (%d)", req.Visitor, s, end)
		}
		end = s.Start + day.needs([]string{s.Agency})[0].Estimate
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(req.Agencies))
	if !slices.Equal(got, want) || p.End != end {
		t.Errorf("visitor %d: stops %v (end %d), want %v (end %d)", req.Visitor, p.Stops, p.End, want, end)
	}
}
