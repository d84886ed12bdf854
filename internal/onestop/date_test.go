package onestop

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"lotse/internal/sched"
	"lotse/internal/sched/itinerary"
)

func testDate(t *testing.T) Date {
	loc := berlin(t)
	return Date{ID: 7, Day: "2027-03-05", Start: time.Date(2027, 3, 5, 9, 0, 0, 0, loc), End: time.Date(2027, 3, 5, 12, 0, 0, 0, loc), Roster: testSite().Roster}
}

func TestPlannerDay(t *testing.T) {
	d := testDate(t)
	tests := []struct {
		name     string
		services map[string]string
		want     []itinerary.Agency
		wantErr  bool
	}{
		// Without a choice the longest service; walk-in desks kept out.
		{"longest", nil, []itinerary.Agency{{ID: "abh", Desks: 2, Duration: 30}, {ID: "aa", Desks: 2, Duration: 25}, {ID: "bank", Desks: 1, Duration: 15}}, false},
		{"chosen", map[string]string{"abh": "work-permit"}, []itinerary.Agency{{ID: "abh", Desks: 2, Duration: 20}, {ID: "aa", Desks: 2, Duration: 25}, {ID: "bank", Desks: 1, Duration: 15}}, false},
		{"unknown agency", map[string]string{"zoo": "x"}, nil, true},
		{"unknown service", map[string]string{"aa": "work-permit"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day, err := d.PlannerDay(tt.services)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, day.Agencies); diff != "" {
				t.Errorf("agencies (-want +got):\n%s", diff)
			}
			if day.Minutes != 180 || !day.Opens.Equal(d.Start) || day.Slot != itinerary.DefaultSlot {
				t.Errorf("day %d minutes from %s, slot %d", day.Minutes, day.Opens, day.Slot)
			}
			wantInt := []itinerary.Interpreter{{Lang: "uk", Count: 2}, {Lang: "ar", Count: 1, Windows: []itinerary.Window{{Start: 60, End: 150}}}}
			if diff := cmp.Diff(wantInt, day.Interpreters); diff != "" {
				t.Errorf("interpreters (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPlannerDayPlans feeds the day to the planner: an itinerary for two
// agencies comes back inside the opening hours.
func TestPlannerDayPlans(t *testing.T) {
	d := testDate(t)
	day, err := d.PlannerDay(map[string]string{"abh": "work-permit", "aa": "job-seeker"})
	if err != nil {
		t.Fatal(err)
	}
	its, err := itinerary.Plan(day, nil, itinerary.Request{Agencies: []string{"abh", "aa"}, Latest: 150, K: 3})
	if err != nil || len(its) == 0 {
		t.Fatalf("plan: %v %v", its, err)
	}
	if it := its[0]; it.Stay() != 45 || it.End() > 180 {
		t.Errorf("first itinerary %+v", it)
	}
}

func TestFloor(t *testing.T) {
	d := testDate(t)
	f := d.Floor()
	if len(f.Desks) != 6 || len(f.Interpreters) != 3 {
		t.Fatalf("floor with %d desks and %d interpreters, want 6 and 3", len(f.Desks), len(f.Interpreters))
	}
	if f.Desks[2].ID != (sched.DeskID{Agency: "abh", Index: 2}) || f.Desks[2].Busy {
		t.Errorf("third desk %+v", f.Desks[2])
	}
	if err := f.Validate(); err != nil {
		t.Errorf("empty floor invalid: %v", err)
	}
	want := map[string]sched.Minute{"abh": 25, "aa": 25, "bank": 15}
	if diff := cmp.Diff(want, d.Estimates()); diff != "" {
		t.Errorf("estimates (-want +got):\n%s", diff)
	}
}

// TestBookingDay feeds the day to the coordinated booking: proposals for two
// agencies start inside the entry window, with walk-ins expected.
func TestBookingDay(t *testing.T) {
	d := testDate(t)
	d.Roster.Walkins = 20
	d.Roster.Agencies[0].WalkinShare, d.Roster.Agencies[1].WalkinShare = 0.6, 0.4
	day := d.BookingDay(7)
	want := []sched.BookingAgency{{ID: "abh", Desks: 3, Estimate: 25, WalkinShare: 0.6}, {ID: "aa", Desks: 2, Estimate: 25, WalkinShare: 0.4}, {ID: "bank", Desks: 1, Estimate: 15}}
	if diff := cmp.Diff(want, day.Agencies); diff != "" {
		t.Errorf("agencies (-want +got):\n%s", diff)
	}
	if day.LastEntry != 150 || day.Walkins != 20 || day.Seed != 7 || !slices.Equal(day.Interpreters, []string{"uk", "uk", "ar"}) {
		t.Errorf("day %+v", day)
	}
	for _, tt := range []struct{ set, want sched.Minute }{{90, 90}, {170, 150}} {
		d.Roster.LastEntry = int(tt.set)
		if got := d.BookingDay(7).LastEntry; got != tt.want {
			t.Errorf("last entry %d: booking day's %d, want %d", tt.set, got, tt.want)
		}
	}
	d.Roster.LastEntry = 0
	props, err := sched.Propose(day, nil, sched.BookingRequest{Visitor: 1, Agencies: []string{"abh", "bank"}, K: 3})
	if err != nil || len(props) == 0 {
		t.Fatalf("propose: %v %v", props, err)
	}
	for _, p := range props {
		if len(p.Stops) != 2 || p.Stops[0].Start > day.LastEntry {
			t.Errorf("proposal %+v", p)
		}
	}
}
