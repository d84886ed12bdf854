package onestop

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

func days(ds []Date) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Day)
	}
	return out
}

// TestEnsure makes the rule's dates for the horizon once, skipping holidays,
// even when instances race, and never brings a cancelled one back.
func TestEnsure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, loc := context.Background(), berlin(t)
		s, site := NewStore(d, loc), testSite()
		now := time.Date(2026, 12, 4, 10, 0, 0, 0, loc)
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if err := s.Ensure(ctx, site, now); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got, err := s.Upcoming(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2026-12-04", "2027-01-08", "2027-02-05", "2027-03-05", "2027-04-02", "2027-05-07"}
		if diff := cmp.Diff(want, days(got)); diff != "" {
			t.Fatalf("days (-want +got):\n%s", diff)
		}
		first := got[0]
		if !first.FromRule || !first.Public() || first.Start.Location() != loc || first.Start.Hour() != 9 || first.End.Hour() != 12 {
			t.Errorf("first date %+v", first)
		}
		if diff := cmp.Diff(site.Roster, first.Roster); diff != "" {
			t.Errorf("roster (-want +got):\n%s", diff)
		}
		// Summer time: still 9:00 local, 7:00 UTC.
		if apr := got[4]; apr.Start.UTC().Hour() != 7 || apr.Start.Hour() != 9 {
			t.Errorf("April date starts %s", apr.Start)
		}
		if err := s.Cancel(ctx, got[1].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Cancel(ctx, got[1].ID); err != nil {
			t.Errorf("second cancel: %v", err)
		}
		// A month later: December's is over, June's is new, January's stays cancelled.
		later := time.Date(2027, 1, 2, 8, 0, 0, 0, loc)
		if err := s.Ensure(ctx, site, later); err != nil {
			t.Fatal(err)
		}
		got, err = s.Upcoming(ctx, later)
		if err != nil {
			t.Fatal(err)
		}
		want = []string{"2027-02-05", "2027-03-05", "2027-04-02", "2027-05-07", "2027-06-04"}
		if diff := cmp.Diff(want, days(got)); diff != "" {
			t.Errorf("a month later (-want +got):\n%s", diff)
		}
		all, err := s.All(ctx, later)
		if err != nil || len(all) != 6 || !all[0].Cancelled {
			t.Errorf("all: %v %v", days(all), err)
		}
		if err := s.Cancel(ctx, 999999); errs.KindOf(err) != errs.NotFound {
			t.Errorf("cancel unknown: %v", err)
		}
		if _, err := s.Date(ctx, 999999); errs.KindOf(err) != errs.NotFound {
			t.Errorf("unknown date: %v", err)
		}
		// A site without a roster template makes no dates.
		empty := NewStore(dbtest.SQLite(t), loc)
		if err := empty.Ensure(ctx, Site{Rule: site.Rule}, now); err != nil {
			t.Fatal(err)
		}
		if got, _ := empty.Upcoming(ctx, now); len(got) != 0 {
			t.Errorf("dates without a roster: %v", days(got))
		}
	})
}

func TestCreate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, loc := context.Background(), berlin(t)
		s, site := NewStore(d, loc), testSite()
		now := time.Date(2026, 12, 4, 10, 0, 0, 0, loc)
		ok := Input{Date: "2027-02-19", Start: "13:00", End: "16:30", Roster: Roster{Agencies: site.Roster.Agencies[:2]}}
		tests := []struct {
			name  string
			edit  func(in *Input)
			kind  errs.Kind
			field string
		}{
			{"valid", func(in *Input) {}, 0, ""},
			{"same day again", func(in *Input) {}, errs.Conflict, "date"},
			{"practice on the same day", func(in *Input) { in.Practice = true }, 0, ""},
			{"bad date", func(in *Input) { in.Date = "19.02.2027" }, errs.Invalid, "date"},
			{"no such day", func(in *Input) { in.Date = "2027-02-30" }, errs.Invalid, "date"},
			{"past", func(in *Input) { in.Date = "2026-12-03" }, errs.Invalid, "date"},
			{"today, already over", func(in *Input) { in.Date, in.Start, in.End = "2026-12-04", "08:00", "10:00" }, errs.Invalid, "date"},
			{"holiday", func(in *Input) { in.Date = "2026-12-25" }, errs.Invalid, "date"},
			{"practice on a holiday", func(in *Input) { in.Date, in.Practice = "2026-12-25", true }, 0, ""},
			{"bad start", func(in *Input) { in.Start = "1pm" }, errs.Invalid, "start"},
			{"end before start", func(in *Input) { in.End = "12:00" }, errs.Invalid, "end"},
			{"bad roster", func(in *Input) { in.Date = "2027-02-26"; in.Roster = Roster{} }, errs.Invalid, "roster"},
			{"service longer than the day", func(in *Input) {
				in.Date, in.End = "2027-02-26", "13:10"
			}, errs.Invalid, "roster[0].services[0].minutes"},
		}
		for _, tt := range tests {
			in := ok
			tt.edit(&in)
			id, err := s.Create(ctx, site, in, now)
			if tt.field != "" {
				if e := errOf(err); e.Kind != tt.kind || e.Field != tt.field {
					t.Errorf("%s: %v, want kind %d on %s", tt.name, err, tt.kind, tt.field)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			got, err := s.Date(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			wantStart := in.Date + " " + in.Start
			if got.Day != in.Date || got.Start.Format("2006-01-02 15:04") != wantStart || got.End.Format("15:04") != in.End ||
				got.Practice != in.Practice || got.FromRule || got.Public() == in.Practice {
				t.Errorf("%s: stored %+v", tt.name, got)
			}
		}
		up, err := s.Upcoming(ctx, now)
		if err != nil || len(up) != 1 || up[0].Day != "2027-02-19" || up[0].Practice {
			t.Errorf("upcoming lists practice dates or misses the public one: %v %v", days(up), err)
		}
	})
}

func TestCopyRoster(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, loc := context.Background(), berlin(t)
		s, site := NewStore(d, loc), testSite()
		now := time.Date(2026, 12, 4, 10, 0, 0, 0, loc)
		if err := s.Ensure(ctx, site, now); err != nil {
			t.Fatal(err)
		}
		small := Roster{Agencies: []Station{{Agency: "bank", Desks: 2, Services: []Service{{ID: "account", Minutes: 10}}}}}
		id, err := s.Create(ctx, site, Input{Date: "2026-12-11", Start: "09:00", End: "12:00", Roster: small}, now)
		if err != nil {
			t.Fatal(err)
		}
		up, _ := s.Upcoming(ctx, now)
		if err := s.Cancel(ctx, up[2].ID); err != nil { // 2027-01-08
			t.Fatal(err)
		}
		n, err := s.CopyRoster(ctx, id, 2)
		if err != nil || n != 2 {
			t.Fatalf("copied to %d dates: %v", n, err)
		}
		up, _ = s.Upcoming(ctx, now)
		for i, d := range up {
			copied := d.Day == "2026-12-11" || d.Day == "2027-02-05" || d.Day == "2027-03-05"
			if got := cmp.Equal(small, d.Roster); got != copied {
				t.Errorf("date %d %s has the copied roster: %v, want %v", i, d.Day, got, copied)
			}
		}
		if _, err := s.CopyRoster(ctx, 999999, 1); errs.KindOf(err) != errs.NotFound {
			t.Errorf("copy from unknown: %v", err)
		}
	})
}

// TestPurgePractice deletes practice dates after their day, and nothing else.
func TestPurgePractice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx, loc := context.Background(), berlin(t)
		s, site := NewStore(d, loc), testSite()
		setup := time.Date(2026, 12, 1, 8, 0, 0, 0, loc)
		ids := map[string]int64{}
		for _, in := range []Input{
			{Date: "2026-12-02", Practice: true},
			{Date: "2026-12-03", Practice: true},
			{Date: "2026-12-03"},
			{Date: "2026-12-08", Practice: true},
		} {
			in.Start, in.End, in.Roster = "09:00", "12:00", site.Roster
			id, err := s.Create(ctx, site, in, setup)
			if err != nil {
				t.Fatal(err)
			}
			ids[in.Date+map[bool]string{true: " practice"}[in.Practice]] = id
		}
		// Thursday 3 December, 23:30 in Düren: the practice of that day is not over yet.
		n, err := s.PurgePractice(ctx, time.Date(2026, 12, 3, 22, 30, 0, 0, time.UTC))
		if err != nil || n != 1 {
			t.Fatalf("purged %d: %v", n, err)
		}
		n, err = s.PurgePractice(ctx, time.Date(2026, 12, 4, 0, 30, 0, 0, loc))
		if err != nil || n != 1 {
			t.Fatalf("purged %d the next day: %v", n, err)
		}
		for key, id := range ids {
			_, err := s.Date(ctx, id)
			gone := errs.KindOf(err) == errs.NotFound
			if want := key == "2026-12-02 practice" || key == "2026-12-03 practice"; gone != want {
				t.Errorf("%s gone: %v, want %v (%v)", key, gone, want, err)
			}
		}
	})
}
