package itinerary

import (
	"errors"
	"testing"
)

// FuzzPlan feeds arbitrary numbers into a day, one existing visit and a
// request: Plan must never panic, must fail only with a ValidationError or
// a Violation, and whatever it proposes must be correct (verify).
func FuzzPlan(f *testing.F) {
	f.Add(180, 5, 2, 20, 0, 60, 1, 0, 30, 0, 3, 0, 20, 0)
	f.Add(60, 0, 1, 61, -1, 0, 0, 59, 0, -1, 0, 0, 0, -1)
	f.Add(1440, 1, 1000, 1, 1439, 1440, 9, 0, 1439, 1440, 1, 1439, 1440, 999)
	f.Fuzz(func(t *testing.T, minutes, slot, desks, dur, winStart, winEnd, count, earliest, latest, gap, k, visStart, visEnd, desk int) {
		d := Day{
			Minutes: minutes,
			Slot:    slot,
			Agencies: []Agency{
				{ID: "a", Desks: desks, Duration: dur},
				{ID: "b", Desks: 1, Duration: 15, DeskWindows: [][]Window{{{winStart, winEnd}}}},
			},
			Interpreters: []Interpreter{{Lang: "ar", Count: count, Windows: []Window{{winStart, winEnd}}}},
		}
		existing := []Booking{booking(Visit{"a", desk, visStart, visEnd, "ar"})}
		req := Request{Agencies: []string{"b", "a"}, Interpreter: "ar", Earliest: earliest, Latest: latest, Gap: gap, K: k}
		its, err := Plan(d, existing, req)
		var ve *ValidationError
		var v *Violation
		switch {
		case err == nil:
			verify(t, d, existing, req, its)
		case !errors.As(err, &ve) && !errors.As(err, &v):
			t.Fatalf("unexpected error type %T: %v", err, err)
		}
	})
}
