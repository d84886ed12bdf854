package itinerary

import (
	"errors"
	"slices"
	"testing"
)

func TestPlan(t *testing.T) {
	type v = Visit
	tests := []struct {
		name     string
		existing []Booking
		req      Request
		want     [][]Visit
	}{
		{
			name: "empty day, ties go to the order found first",
			req:  Request{Agencies: []string{"abh", "jc"}, K: 1},
			want: [][]Visit{{{"jc", 0, 0, 30, ""}, {"abh", 0, 30, 50, ""}}},
		},
		{
			name:     "a taken desk decides the order",
			existing: []Booking{booking(v{"jc", 0, 0, 30, ""})},
			req:      Request{Agencies: []string{"jc", "abh"}, K: 1},
			want:     [][]Visit{{{"abh", 0, 0, 20, ""}, {"jc", 0, 30, 60, ""}}},
		},
		{
			name: "gap between visits, rounded up to the grid",
			req:  Request{Agencies: []string{"abh", "fam"}, Gap: 3, K: 1},
			want: [][]Visit{{{"fam", 0, 0, 15, ""}, {"abh", 0, 20, 40, ""}}},
		},
		{
			name:     "second desk when the first is taken",
			existing: []Booking{booking(v{"abh", 0, 0, 20, ""})},
			req:      Request{Agencies: []string{"abh"}, K: 1},
			want:     [][]Visit{{{"abh", 1, 0, 20, ""}}},
		},
		{
			name:     "AnyDesk booking takes desk 0",
			existing: []Booking{booking(v{"abh", AnyDesk, 0, 20, ""})},
			req:      Request{Agencies: []string{"abh"}, K: 1},
			want:     [][]Visit{{{"abh", 1, 0, 20, ""}}},
		},
		{
			name:     "the only Arabic interpreter is held until 15",
			existing: []Booking{booking(v{"fam", 0, 0, 15, "ar"})},
			req:      Request{Agencies: []string{"abh"}, Interpreter: "ar", Latest: 20, K: 3},
			want:     [][]Visit{{{"abh", 0, 15, 35, "ar"}}, {{"abh", 0, 20, 40, "ar"}}},
		},
		{
			name: "Ukrainian interpreter only from 60 to 120",
			req:  Request{Agencies: []string{"fam"}, Interpreter: "uk", Latest: 179, K: 2},
			want: [][]Visit{{{"fam", 0, 60, 75, "uk"}}, {{"fam", 0, 65, 80, "uk"}}},
		},
		{
			name: "the interpreter window also bounds the last visit",
			req:  Request{Agencies: []string{"fam", "abh"}, Interpreter: "uk", Earliest: 85, Latest: 179, K: 5},
			want: [][]Visit{{{"abh", 0, 85, 105, "uk"}, {"fam", 0, 105, 120, "uk"}}},
		},
		{
			name: "desk windows: desk 0 until 60, desk 1 from 90",
			req:  Request{Agencies: []string{"soz"}, Earliest: 30, Latest: 95, K: 3},
			want: [][]Visit{{{"soz", 0, 30, 60, ""}}, {{"soz", 1, 90, 120, ""}}, {{"soz", 1, 95, 125, ""}}},
		},
		{
			name:     "ranked by stay before arrival",
			existing: []Booking{booking(v{"jc", 0, 30, 60, ""})},
			req:      Request{Agencies: []string{"abh", "jc"}, Latest: 10, K: 3},
			want: [][]Visit{
				{{"jc", 0, 0, 30, ""}, {"abh", 0, 30, 50, ""}},
				{{"abh", 0, 10, 30, ""}, {"jc", 0, 60, 90, ""}},
				{{"abh", 0, 5, 25, ""}, {"jc", 0, 60, 90, ""}},
			},
		},
		{
			name: "K caps the answer",
			req:  Request{Agencies: []string{"fam"}, Latest: 179, K: 2},
			want: [][]Visit{{{"fam", 0, 0, 15, ""}}, {{"fam", 0, 5, 20, ""}}},
		},
		{
			name: "earliest rounds up to the grid",
			req:  Request{Agencies: []string{"fam"}, Earliest: 1, Latest: 9, K: 5},
			want: [][]Visit{{{"fam", 0, 5, 20, ""}}},
		},
		{
			name:     "desk booked all day: no itinerary, no error",
			existing: []Booking{booking(v{"jc", 0, 0, 180, ""})},
			req:      Request{Agencies: []string{"jc", "fam"}, Latest: 179, K: 3},
			want:     [][]Visit{},
		},
		{
			name: "a service must end by closing",
			req:  Request{Agencies: []string{"jc"}, Earliest: 155, Latest: 170, K: 3},
			want: [][]Visit{},
		},
		{
			name: "the last possible start",
			req:  Request{Agencies: []string{"jc"}, Earliest: 150, Latest: 170, K: 3},
			want: [][]Visit{{{"jc", 0, 150, 180, ""}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := testDay()
			got, err := Plan(d, tt.existing, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			verify(t, d, tt.existing, tt.req, got)
			if got == nil {
				t.Fatal("nil slice, want an empty one")
			}
			var visits [][]Visit
			for _, it := range got {
				visits = append(visits, it.Visits)
			}
			if len(visits) != len(tt.want) || !slices.EqualFunc(visits, tt.want, slices.Equal) {
				t.Errorf("got  %v\nwant %v", visits, tt.want)
			}
		})
	}
}

func TestPlanRejectsInconsistentBookings(t *testing.T) {
	existing := []Booking{
		booking(Visit{"jc", 0, 0, 30, ""}),
		booking(Visit{"jc", 0, 20, 50, ""}),
	}
	_, err := Plan(testDay(), existing, Request{Agencies: []string{"abh"}, K: 1})
	var v *Violation
	if !errors.As(err, &v) || v.Booking != 1 || v.Minute != 20 {
		t.Fatalf("got %v, want a violation of booking 1 at minute 20", err)
	}
}
