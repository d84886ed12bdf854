package onestop

import (
	"slices"
	"testing"
	"time"
)

func TestRuleNext(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	o := Rule{Weekday: int(time.Friday), Nth: 1, Start: "09:00", End: "12:00"}
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 24, 10, 0, 0, 0, berlin), "2026-12-04T09:00:00+01:00"},
		// On the day, before the end: still today's.
		{time.Date(2026, 12, 4, 11, 59, 0, 0, berlin), "2026-12-04T09:00:00+01:00"},
		// The first Friday of 2027 is New Year's Day: a week later instead.
		{time.Date(2026, 12, 4, 12, 0, 0, 0, berlin), "2027-01-08T09:00:00+01:00"},
		// Good Friday 2027 (26 March) is the fourth Friday, the first (5 March) is not moved.
		{time.Date(2027, 2, 10, 8, 0, 0, 0, berlin), "2027-03-05T09:00:00+01:00"},
		// The first Friday of April 2026 is Good Friday (3 April): 10 April, after
		// the change to summer time (29 March), still 9:00 local.
		{time.Date(2026, 3, 10, 8, 0, 0, 0, berlin), "2026-04-10T09:00:00+02:00"},
		// 1 May 2026 (Labour Day) is a Friday.
		{time.Date(2026, 4, 20, 8, 0, 0, 0, berlin), "2026-05-08T09:00:00+02:00"},
		// All Saints' Day (1 November 2030) is a Friday and the first of the month.
		{time.Date(2030, 10, 20, 8, 0, 0, 0, berlin), "2030-11-08T09:00:00+01:00"},
		// After a moved day has ended, the next month's.
		{time.Date(2027, 1, 8, 12, 0, 0, 0, berlin), "2027-02-05T09:00:00+01:00"},
		{time.Date(2026, 3, 1, 8, 0, 0, 0, berlin), "2026-03-06T09:00:00+01:00"},
		// Across the change back (25 October 2026).
		{time.Date(2026, 10, 20, 8, 0, 0, 0, berlin), "2026-11-06T09:00:00+01:00"},
		// A UTC clock late on Thursday evening is already Friday in Berlin.
		{time.Date(2026, 12, 3, 23, 30, 0, 0, time.UTC), "2026-12-04T09:00:00+01:00"},
	}
	for _, tt := range tests {
		start, end := o.Next(tt.now, berlin)
		if got := start.Format(time.RFC3339); got != tt.want {
			t.Errorf("Next(%s) = %s, want %s", tt.now, got, tt.want)
		}
		if end.Sub(start) != 3*time.Hour {
			t.Errorf("Next(%s) lasts %s", tt.now, end.Sub(start))
		}
	}
	third := Rule{Weekday: int(time.Wednesday), Nth: 3, Start: "bad", End: "14:30"}
	start, end := third.Next(time.Date(2026, 11, 24, 10, 0, 0, 0, berlin), berlin)
	if start.Format("2006-01-02 15:04") != "2026-12-16 09:00" || end.Format("15:04") != "14:30" {
		t.Errorf("third Wednesday with a bad start time: %s–%s", start, end)
	}
}

func TestRuleDays(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	r := Rule{Weekday: int(time.Friday), Nth: 1, Start: "09:00", End: "12:00"}
	tests := []struct {
		now  time.Time
		n    int
		want []string
	}{
		{time.Date(2026, 12, 4, 11, 0, 0, 0, berlin), 3, []string{"2026-12-04", "2027-01-08", "2027-02-05"}},
		// Today's has ended: it is not listed, so two days from three months.
		{time.Date(2026, 12, 4, 12, 0, 0, 0, berlin), 3, []string{"2027-01-08", "2027-02-05"}},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), 3, []string{"2026-03-06", "2026-04-10", "2026-05-08"}},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), 0, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range r.Days(tt.now, tt.n, berlin) {
			if IsHoliday(d) {
				t.Errorf("Days(%s) lists the holiday %s", tt.now, d)
			}
			got = append(got, d.Format(time.DateOnly))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Days(%s, %d) = %v, want %v", tt.now, tt.n, got, tt.want)
		}
	}
}
