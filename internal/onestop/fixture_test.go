package onestop

import (
	"errors"
	"lotse/internal/errs"
	"testing"
	"time"
)

// testSite is a small county site: three agencies, a first-Friday rule.
func testSite() Site {
	return Site{
		Rule:     Rule{Weekday: int(time.Friday), Nth: 1, Start: "09:00", End: "12:00"},
		Agencies: []Agency{{ID: "abh", Place: "auslaenderamt"}, {ID: "aa", Place: "agentur-fuer-arbeit"}, {ID: "bank", Place: "bank"}},
		Roster: Roster{
			Agencies: []Station{
				{Agency: "abh", Desks: 3, WalkIn: 1, Services: []Service{{ID: "work-permit", Minutes: 20}, {ID: "residence", Minutes: 30}}},
				{Agency: "aa", Desks: 2, Services: []Service{{ID: "job-seeker", Minutes: 25}}},
				{Agency: "bank", Desks: 1, WalkIn: 0, Services: []Service{{ID: "account", Minutes: 15}}},
			},
			Interpreters: []Interpreter{{Lang: "uk", Count: 2}, {Lang: "ar", Count: 1, From: "10:00", To: "11:30"}},
		},
		Concerns: []Concern{{ID: "work-permit", Agency: "abh", Service: "work-permit"}},
	}
}

func berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// errOf returns err as *errs.Error, or an empty one (kind Internal) when it
// is none.
func errOf(err error) *errs.Error {
	var e *errs.Error
	if errors.As(err, &e) {
		return e
	}
	return &errs.Error{}
}
