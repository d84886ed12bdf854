package itinerary

import (
	"errors"
	"strings"
	"testing"
)

func TestPlanValidation(t *testing.T) {
	ok := Request{Agencies: []string{"abh"}, Latest: 60, K: 1}
	tests := []struct {
		name  string
		day   func(*Day)
		req   func(*Request)
		code  Code
		field string
	}{
		{"no agencies", nil, func(r *Request) { r.Agencies = nil }, CodeEmptyRequest, "Agencies"},
		{"unknown agency", nil, func(r *Request) { r.Agencies = []string{"abh", "zoo"} }, CodeUnknownAgency, "Agencies[1]"},
		{"agency twice", nil, func(r *Request) { r.Agencies = []string{"abh", "abh"} }, CodeDuplicateAgency, "Agencies[1]"},
		{"too many agencies", nil, func(r *Request) { r.Agencies = make([]string, MaxAgencies+1) }, CodeTooManyAgencies, "Agencies"},
		{"unknown language", nil, func(r *Request) { r.Interpreter = "fa" }, CodeNoInterpreter, "Interpreter"},
		{"pool of zero", func(d *Day) { d.Interpreters[0].Count = 0 }, func(r *Request) { r.Interpreter = "ar" }, CodeNoInterpreter, "Interpreter"},
		{"earliest before opening", nil, func(r *Request) { r.Earliest = -5 }, CodeWindowOutsideDay, "Earliest"},
		{"latest after closing", nil, func(r *Request) { r.Latest = 180 }, CodeWindowOutsideDay, "Latest"},
		{"latest before earliest", nil, func(r *Request) { r.Earliest = 70 }, CodeBadWindow, "Latest"},
		{"negative gap", nil, func(r *Request) { r.Gap = -1 }, CodeBadGap, "Gap"},
		{"zero K", nil, func(r *Request) { r.K = 0 }, CodeBadK, "K"},
		{"day without minutes", func(d *Day) { d.Minutes = 0 }, nil, CodeBadDay, "Minutes"},
		{"day longer than a day", func(d *Day) { d.Minutes = 24*60 + 1 }, nil, CodeBadDay, "Minutes"},
		{"negative slot", func(d *Day) { d.Slot = -5 }, nil, CodeBadDay, "Slot"},
		{"empty agency ID", func(d *Day) { d.Agencies[1].ID = "" }, nil, CodeBadDay, "Agencies[1].ID"},
		{"agency ID twice", func(d *Day) { d.Agencies[1].ID = "abh" }, nil, CodeBadDay, "Agencies[1].ID"},
		{"no desks", func(d *Day) { d.Agencies[2].Desks = 0 }, nil, CodeBadDay, "Agencies[2].Desks"},
		{"zero duration", func(d *Day) { d.Agencies[0].Duration = 0 }, nil, CodeBadDay, "Agencies[0].Duration"},
		{"windows for too few desks", func(d *Day) { d.Agencies[3].Desks = 3 }, nil, CodeBadDay, "Agencies[3].DeskWindows"},
		{"desk window past closing", func(d *Day) { d.Agencies[3].DeskWindows[1][0].End = 181 }, nil, CodeBadDay, "Agencies[3].DeskWindows[1][0]"},
		{"empty desk window", func(d *Day) { d.Agencies[3].DeskWindows[0][0].End = 0 }, nil, CodeBadDay, "Agencies[3].DeskWindows[0][0]"},
		{"language twice", func(d *Day) { d.Interpreters[1].Lang = "ar" }, nil, CodeBadDay, "Interpreters[1].Lang"},
		{"empty language", func(d *Day) { d.Interpreters[1].Lang = "" }, nil, CodeBadDay, "Interpreters[1].Lang"},
		{"negative count", func(d *Day) { d.Interpreters[1].Count = -1 }, nil, CodeBadDay, "Interpreters[1].Count"},
		{"interpreter window reversed", func(d *Day) { d.Interpreters[1].Windows[0] = Window{90, 80} }, nil, CodeBadDay, "Interpreters[1].Windows[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, r := testDay(), ok
			if tt.day != nil {
				tt.day(&d)
			}
			if tt.req != nil {
				tt.req(&r)
			}
			its, err := Plan(d, nil, r)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, %v; want a *ValidationError", its, err)
			}
			if ve.Code != tt.code || ve.Field != tt.field {
				t.Errorf("got code %q field %q, want %q %q", ve.Code, ve.Field, tt.code, tt.field)
			}
			if msg := err.Error(); !strings.Contains(msg, string(tt.code)) || ve.Detail == "" {
				t.Errorf("message %q lacks the code or a detail", msg)
			}
		})
	}
}

func TestPlanAcceptsBoundaries(t *testing.T) {
	d := testDay()
	d.Slot = 0 // DefaultSlot
	its, err := Plan(d, nil, Request{Agencies: []string{"fam"}, Earliest: 0, Latest: 179, Gap: 180, K: 100})
	if err != nil {
		t.Fatal(err)
	}
	if want := (180-15)/DefaultSlot + 1; len(its) != want {
		t.Errorf("%d itineraries, want one per slot: %d", len(its), want)
	}
}
