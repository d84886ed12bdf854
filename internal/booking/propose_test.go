package booking

import (
	"context"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
	"lotse/internal/onestop"
)

func TestRaceTwoInstancesOnePostgres(t *testing.T) {
	u := dbtest.PostgresURL(t)
	var stores []*Store
	var date onestop.Date
	for i := range 2 {
		d, err := db.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		if i == 0 {
			var s *Store
			s, date = newTestStore(t, d, nil)
			stores = append(stores, s)
			continue
		}
		stores = append(stores, NewStore(d, onestop.NewStore(d, date.Start.Location()), 0, nil))
	}
	raceOnce(t, stores, date)
}

func TestProposalsLeaveTakenDesksOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, date := newTestStore(t, d, nil)
		req := Request{Agencies: []string{"bank", "abh"}, Language: "uk"}
		for range 3 {
			its, err := s.Proposals(ctx, date, req)
			if err != nil || len(its) == 0 {
				t.Fatalf("proposals: %v, %d", err, len(its))
			}
			for _, it := range its {
				back, _, err := ParseItinerary(it.ID(), func(int64) (onestop.Date, error) { return date, nil })
				if err != nil || back.ID() != it.ID() {
					t.Fatalf("itinerary %s does not read back: %v", it.ID(), err)
				}
			}
			if _, err := s.Hold(ctx, its[0], date); err != nil {
				t.Fatalf("hold of the best proposal: %v", err)
			}
		}
	})
}

func TestBadInput(t *testing.T) {
	date := onestop.Date{ID: 1, Roster: testSite().Roster}
	date.End = date.Start.Add(180 * 60e9)
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"unknown agency", "agencies", Request{Agencies: []string{"nope"}}.check(date)},
		{"agency twice", "agencies", Request{Agencies: []string{"bank", "bank"}}.check(date)},
		{"no agency", "agencies", Request{}.check(date)},
		{"no interpreter", "language", Request{Agencies: []string{"bank"}, Language: "fa"}.check(date)},
		{"no name", "name", second(Contact{Phone: "0241 123456"}.Validate())},
		{"10 kB name", "name", second(Contact{Name: strings.Repeat("x", 10<<10)}.Validate())},
		{"control in name", "name", second(Contact{Name: "a\x00b"}.Validate())},
		{"letters in phone", "phone", second(Contact{Name: "A", Phone: "call me"}.Validate())},
		{"short phone", "phone", second(Contact{Name: "A", Phone: "+49 12"}.Validate())},
		{"bad e-mail", "email", second(Contact{Name: "A", Email: "a@"}.Validate())},
		{"e-mail with a name", "email", second(Contact{Name: "A", Email: "A <a@example.org>"}.Validate())},
		{"good", "", second(Contact{Name: "A. B.", Phone: "+49 (2421) 22-0", Email: "a@example.org"}.Validate())},
	} {
		var field string
		if tc.err != nil {
			field = errOf(tc.err).Field
			if errs.KindOf(tc.err) != errs.Invalid {
				t.Errorf("%s: %v, want Invalid", tc.name, tc.err)
			}
		}
		if field != tc.field {
			t.Errorf("%s: field %q, want %q", tc.name, field, tc.field)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func errOf(err error) *errs.Error {
	e, _ := err.(*errs.Error)
	if e == nil {
		return &errs.Error{}
	}
	return e
}
