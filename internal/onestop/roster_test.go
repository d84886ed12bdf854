package onestop

import (
	"testing"

	"lotse/internal/errs"
)

func TestRosterValidate(t *testing.T) {
	site := testSite()
	ok := func() Roster { return testSite().Roster }
	tests := []struct {
		name   string
		edit   func(r *Roster)
		field  string
		msgKey string
	}{
		{"valid", func(r *Roster) {}, "", ""},
		{"empty", func(r *Roster) { r.Agencies = nil }, "roster", "onestop.error.roster"},
		{"unknown agency", func(r *Roster) { r.Agencies[1].Agency = "zoo" }, "roster[1].agency", "onestop.error.agency"},
		{"agency twice", func(r *Roster) { r.Agencies[2].Agency = "abh" }, "roster[2].agency", "onestop.error.agency"},
		{"no desks", func(r *Roster) { r.Agencies[0].Desks = 0 }, "roster[0].desks", "onestop.error.roster"},
		{"too many desks", func(r *Roster) { r.Agencies[0].Desks = MaxDesks + 1 }, "roster[0].desks", "onestop.error.roster"},
		{"every desk walk-in", func(r *Roster) { r.Agencies[0].WalkIn = 3 }, "roster[0].walk_in", "onestop.error.roster"},
		{"walk-in share above 1", func(r *Roster) { r.Agencies[1].WalkinShare = 1.5 }, "roster[1].walkin_share", "onestop.error.roster"},
		{"negative walk-ins", func(r *Roster) { r.Walkins = -1 }, "walkins", "onestop.error.roster"},
		{"last entry after closing", func(r *Roster) { r.LastEntry = 181 }, "last_entry", "onestop.error.roster"},
		{"negative last entry", func(r *Roster) { r.LastEntry = -1 }, "last_entry", "onestop.error.roster"},
		{"negative walk-in", func(r *Roster) { r.Agencies[0].WalkIn = -1 }, "roster[0].walk_in", "onestop.error.roster"},
		{"no services", func(r *Roster) { r.Agencies[1].Services = nil }, "roster[1].services", "onestop.error.roster"},
		{"bad service id", func(r *Roster) { r.Agencies[0].Services[1].ID = "a b" }, "roster[0].services[1].id", "onestop.error.roster"},
		{"service twice", func(r *Roster) { r.Agencies[0].Services[1].ID = "work-permit" }, "roster[0].services[1].id", "onestop.error.roster"},
		{"zero minutes", func(r *Roster) { r.Agencies[2].Services[0].Minutes = 0 }, "roster[2].services[0].minutes", "onestop.error.roster"},
		{"longer than the day", func(r *Roster) { r.Agencies[2].Services[0].Minutes = 181 }, "roster[2].services[0].minutes", "onestop.error.roster"},
		{"interpreter without language", func(r *Roster) { r.Interpreters[0].Lang = "" }, "interpreters[0].lang", "onestop.error.roster"},
		{"interpreter twice", func(r *Roster) { r.Interpreters[1].Lang = "uk" }, "interpreters[1].lang", "onestop.error.roster"},
		{"no interpreters", func(r *Roster) { r.Interpreters[1].Count = 0 }, "interpreters[1].count", "onestop.error.roster"},
		{"interpreter after closing", func(r *Roster) { r.Interpreters[1].To = "12:30" }, "interpreters[1].from", "onestop.error.roster"},
		{"interpreter bad time", func(r *Roster) { r.Interpreters[1].From = "10" }, "interpreters[1].from", "onestop.error.roster"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok()
			tt.edit(&r)
			err := r.Validate(site, 9*60, 12*60)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("valid roster: %v", err)
				}
				return
			}
			if e := errOf(err); e.Kind != errs.Invalid || e.Field != tt.field || e.MsgKey != tt.msgKey {
				t.Errorf("got %v, want Invalid %s on %s", err, tt.msgKey, tt.field)
			}
		})
	}
}
