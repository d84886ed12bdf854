package booking

import (
	"context"
	"errors"
	"slices"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// TestGuardRoster changes the roster of a date on which the bank's one desk
// is booked and the Ukrainian interpreter held: a roster that keeps them is
// stored, one that drops them is refused naming the booking and the hold.
func TestGuardRoster(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		site := testSite()
		b, _ := book(t, s, date, 0, Contact{Name: "A"})
		it := Itinerary{DateID: date.ID, Language: "uk", Stops: []Stop{{Agency: "abh", Start: 60, End: 80}}}
		if _, err := s.Hold(ctx, it, date); err != nil {
			t.Fatal(err)
		}
		more := site.Roster
		more.Agencies = slices.Clone(more.Agencies)
		more.Agencies[1].Desks = 3
		noBank := onestop.Roster{Agencies: site.Roster.Agencies[:1], Interpreters: site.Roster.Interpreters}
		noUK := onestop.Roster{Agencies: site.Roster.Agencies}
		walkIn := site.Roster
		walkIn.Agencies = slices.Clone(walkIn.Agencies)
		walkIn.Agencies[1] = onestop.Station{Agency: "bank", Desks: 2, WalkIn: 1, Services: walkIn.Agencies[1].Services}
		for _, tc := range []struct {
			name   string
			roster onestop.Roster
			want   []DisplacedResource
		}{
			{"more desks", more, nil},
			{"same", site.Roster, nil},
			{"bank gone", noBank, []DisplacedResource{{Kind: "d", Name: "bank", Codes: []Code{b.Code}}}},
			{"interpreters gone", noUK, []DisplacedResource{{Kind: "i", Name: "uk", Holds: 1}}},
			{"bank desk kept for walk-ins", walkIn, nil},
		} {
			err := s.dates.SetRoster(ctx, site, date.ID, tc.roster, s.GuardRoster)
			var dis *Displaced
			switch {
			case tc.want == nil && err != nil:
				t.Errorf("%s: %v", tc.name, err)
			case tc.want != nil && (!errors.As(err, &dis) || errs.KindOf(err) != errs.Conflict):
				t.Errorf("%s: %v, want Displaced", tc.name, err)
			case tc.want != nil && !slices.EqualFunc(dis.Resources, tc.want, func(a, b DisplacedResource) bool {
				return a.Kind == b.Kind && a.Name == b.Name && a.Holds == b.Holds && slices.Equal(a.Codes, b.Codes)
			}):
				t.Errorf("%s: displaced %+v, want %+v", tc.name, dis.Resources, tc.want)
			}
		}
		got, err := s.dates.Date(ctx, date.ID)
		if err != nil || got.Roster.Agencies[1].Desks != 2 || got.Roster.Agencies[1].WalkIn != 1 {
			t.Fatalf("stored roster %+v, %v: want the last accepted one", got.Roster, err)
		}
	})
}
