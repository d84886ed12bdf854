package onestop

import (
	"context"
	"testing"
	"time"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// TestSetRoster stores a valid roster, refuses an invalid one naming the
// field, one a guard refuses, and any roster of a cancelled or unknown date.
func TestSetRoster(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, loc := context.Background(), berlin(t)
		s, site := NewStore(d, loc), testSite()
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, loc)
		id, err := s.Create(ctx, site, Input{Date: "2026-12-11", Start: "09:00", End: "12:00", Roster: site.Roster}, now)
		if err != nil {
			t.Fatal(err)
		}
		small := Roster{Agencies: []Station{{Agency: "bank", Desks: 2, WalkIn: 1, Services: []Service{{ID: "account", Minutes: 10}}}},
			Interpreters: []Interpreter{{Lang: "fa", Count: 1, From: "09:30", To: "11:00"}}}
		if err := s.SetRoster(ctx, site, id, small, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Date(ctx, id); len(got.Roster.Agencies) != 1 || got.Roster.Interpreters[0].Lang != "fa" {
			t.Fatalf("stored roster %+v", got.Roster)
		}
		late := small
		late.Interpreters = []Interpreter{{Lang: "fa", Count: 1, From: "11:00", To: "13:00"}}
		refuse := func(context.Context, *db.Tx, Date, Roster) error {
			return errs.E(errs.Conflict, "staff.onestop.error.displaced")
		}
		for _, tc := range []struct {
			name  string
			id    int64
			r     Roster
			guard Guard
			kind  errs.Kind
			field string
		}{
			{"too many desks", id, Roster{Agencies: []Station{{Agency: "bank", Desks: MaxDesks + 1, Services: small.Agencies[0].Services}}}, nil, errs.Invalid, "roster[0].desks"},
			{"interpreter after closing", id, late, nil, errs.Invalid, "interpreters[0].from"},
			{"unknown agency", id, Roster{Agencies: []Station{{Agency: "zoo", Desks: 1, Services: small.Agencies[0].Services}}}, nil, errs.Invalid, "roster[0].agency"},
			{"guard", id, site.Roster, refuse, errs.Conflict, ""},
			{"unknown date", 999999, small, nil, errs.NotFound, ""},
		} {
			err := s.SetRoster(ctx, site, tc.id, tc.r, tc.guard)
			if e := errOf(err); e.Kind != tc.kind || e.Field != tc.field {
				t.Errorf("%s: %v (field %q), want kind %d field %q", tc.name, err, e.Field, tc.kind, tc.field)
			}
		}
		if got, _ := s.Date(ctx, id); len(got.Roster.Agencies) != 1 {
			t.Errorf("a refused roster was stored: %+v", got.Roster)
		}
		if err := s.Cancel(ctx, id); err != nil {
			t.Fatal(err)
		}
		if err := s.SetRoster(ctx, site, id, small, nil); errs.KindOf(err) != errs.Conflict {
			t.Errorf("roster of a cancelled date: %v", err)
		}
	})
}

// TestCopyTargets previews the dates CopyRoster changes: the next public
// ones, a cancelled one skipped, and changes exactly those.
func TestCopyTargets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, loc := context.Background(), berlin(t)
		s, site := NewStore(d, loc), testSite()
		now := time.Date(2026, 12, 4, 10, 0, 0, 0, loc)
		if err := s.Ensure(ctx, site, now); err != nil {
			t.Fatal(err)
		}
		up, _ := s.Upcoming(ctx, now)
		if err := s.Cancel(ctx, up[1].ID); err != nil { // 2027-01-08
			t.Fatal(err)
		}
		targets, err := s.CopyTargets(ctx, up[0].ID, 2)
		if got := days(targets); err != nil || len(got) != 2 || got[0] != "2027-02-05" || got[1] != "2027-03-05" {
			t.Fatalf("CopyTargets = %v, %v", got, err)
		}
		if n, err := s.CopyRoster(ctx, up[0].ID, 2); err != nil || n != len(targets) {
			t.Fatalf("CopyRoster changed %d, %v; the preview named %d", n, err, len(targets))
		}
		if _, err := s.CopyTargets(ctx, 999999, 2); errs.KindOf(err) != errs.NotFound {
			t.Errorf("unknown date: %v", err)
		}
	})
}
