package itinerary

import (
	"errors"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	type v = Visit
	tests := []struct {
		name     string
		bookings []Booking
		booking  int    // of the violation; -1 for none
		minute   int    // of the violation
		reason   string // part of the violation's reason
	}{
		{"nothing booked", nil, -1, 0, ""},
		{"a full, valid morning", []Booking{
			booking(v{"abh", 0, 0, 20, "ar"}, v{"jc", 0, 20, 50, "ar"}),
			booking(v{"jc", 0, 50, 80, "ar"}, v{"abh", AnyDesk, 0, 20, ""}),
			booking(v{"abh", AnyDesk, 20, 40, ""}),
			booking(v{"soz", 0, 30, 60, ""}, v{"soz", 1, 90, 120, "uk"}),
		}, -1, 0, ""},
		{"unknown agency", []Booking{booking(v{"zoo", 0, 0, 10, ""})}, 0, -1, `"zoo" is not present`},
		{"desk out of range", []Booking{booking(v{"jc", 1, 0, 30, ""})}, 0, -1, "no desk 1"},
		{"desk below AnyDesk", []Booking{booking(v{"jc", -2, 0, 30, ""})}, 0, -1, "no desk -2"},
		{"visit after closing", []Booking{booking(v{"jc", 0, 160, 190, ""})}, 0, -1, "not inside the day"},
		{"empty visit", []Booking{booking(v{"jc", 0, 30, 30, ""})}, 0, -1, "not inside the day"},
		{"unknown language", []Booking{booking(v{"jc", 0, 0, 30, "fa"})}, 0, -1, `language "fa"`},
		{"visitor in two places", []Booking{booking(v{"jc", 0, 0, 30, ""}, v{"abh", 0, 25, 45, ""})}, 0, 25, "same time"},
		{"desk twice", []Booking{booking(v{"jc", 0, 0, 30, ""}), booking(v{"jc", 0, 29, 59, ""})}, 1, 29, "desk 0"},
		{"desk outside its window", []Booking{booking(v{"soz", 0, 40, 70, ""})}, 0, 60, "not staffed"},
		{"absent desk window", []Booking{booking(v{"soz", 1, 60, 90, ""})}, 0, 60, "not staffed"},
		{"three visitors, two desks", []Booking{
			booking(v{"abh", AnyDesk, 0, 20, ""}),
			booking(v{"abh", 1, 5, 25, ""}),
			booking(v{"abh", AnyDesk, 15, 35, ""}),
		}, 2, 15, `no desk of "abh"`},
		{"two Arabic services at once", []Booking{booking(v{"jc", 0, 0, 30, "ar"}), booking(v{"abh", 0, 29, 49, "ar"})}, 1, 29, `for "ar"`},
		{"Ukrainian before the pool arrives", []Booking{booking(v{"abh", 0, 50, 70, "uk"})}, 0, 50, `for "uk"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(testDay(), tt.bookings)
			if tt.booking < 0 {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			var viol *Violation
			if !errors.As(err, &viol) {
				t.Fatalf("got %v, want a *Violation", err)
			}
			if viol.Booking != tt.booking || viol.Minute != tt.minute || !strings.Contains(viol.Reason, tt.reason) {
				t.Errorf("got %v, want booking %d minute %d with %q", viol, tt.booking, tt.minute, tt.reason)
			}
		})
	}
}

func TestCheckRejectsBadDay(t *testing.T) {
	d := testDay()
	d.Agencies[0].Desks = 0
	var ve *ValidationError
	if err := Check(d, nil); !errors.As(err, &ve) || ve.Code != CodeBadDay {
		t.Fatalf("got %v, want a bad-day ValidationError", err)
	}
}
