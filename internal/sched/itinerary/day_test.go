package itinerary

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on machines without a zone database
)

func TestDayMinutes(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// Clocks go from 2:00 to 3:00 on 29 March 2026: a day opening at 1:00
	// reaches 4:00 local after 120 minutes.
	dst := Day{Opens: time.Date(2026, 3, 29, 1, 0, 0, 0, berlin), Minutes: 300}
	opens := dst.Opens
	tests := []struct {
		name string
		at   time.Time
		min  int
	}{
		{"opening", opens, 0},
		{"half a minute in", opens.Add(30 * time.Second), 0},
		{"before opening rounds down", opens.Add(-30 * time.Second), -1},
		{"across the clock change", time.Date(2026, 3, 29, 4, 0, 0, 0, berlin), 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dst.MinuteOf(tt.at); got != tt.min {
				t.Errorf("MinuteOf(%v) = %d, want %d", tt.at, got, tt.min)
			}
			if got := dst.At(dst.MinuteOf(tt.at)); tt.at.Sub(got) < 0 || tt.at.Sub(got) >= time.Minute {
				t.Errorf("At(MinuteOf(%v)) = %v, not the minute's start", tt.at, got)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{invalid(CodeUnknownAgency, "Agencies[0]", "agency %q is not present", "zoo"),
			`itinerary: invalid Agencies[0] (unknown_agency): agency "zoo" is not present`},
		{&Violation{Booking: 2, Visit: 1, Minute: 30, Reason: "desk 0 of \"jc\" is taken"},
			`itinerary: booking 2 visit 1 at minute 30: desk 0 of "jc" is taken`},
		{&Violation{Booking: 0, Visit: 0, Minute: -1, Reason: "agency \"zoo\" is not present"},
			`itinerary: booking 0 visit 0: agency "zoo" is not present`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
