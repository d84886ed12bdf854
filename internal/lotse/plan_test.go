package lotse

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestUkraineDateSwitch checks contract §0: the AsylbLG rule for
// Ukrainians who came on or after the cut-off applies only from
// ukraine_asylblg_active_from, and the job-com benefit's name changes on
// 2026-07-01.
func TestUkraineDateSwitch(t *testing.T) {
	late := patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "purpose": "protection",
		"first_entry_date": "2025-05-20", "benefits": "needed", "arrival_stage": "first_year"}
	tests := []struct {
		name      string
		asOf      time.Time
		overrides map[string]string
		want      string
		notWant   string
		title     string
	}{
		{"before the law applies", time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), nil, "jobcenter-benefits", "asylum-seeker-benefits", "Bürgergeld"},
		{"on the start day", time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), nil, "asylum-seeker-benefits", "jobcenter-benefits", ""},
		{"contract date", contractDate, nil, "asylum-seeker-benefits", "jobcenter-benefits", ""},
		{"start postponed by an admin", contractDate, map[string]string{"ukraine_asylblg_active_from": "2027-01-01"}, "jobcenter-benefits", "asylum-seeker-benefits", "Grundsicherung"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(mustJSON(t, late.apply(base())), Options{AsOf: tt.asOf, Switches: tt.overrides, Lang: "de"})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range p.Steps {
				ids = append(ids, s.ID)
				if s.ID == tt.want && tt.title != "" && !strings.Contains(s.Title, tt.title) {
					t.Errorf("title %q lacks %q", s.Title, tt.title)
				}
			}
			if !slices.Contains(ids, tt.want) || slices.Contains(ids, tt.notWant) {
				t.Errorf("steps %v: want %s, not %s", ids, tt.want, tt.notWant)
			}
		})
	}
}

// TestVoluntaryCourseSwitch checks that opening voluntary BAMF admissions
// offers EU citizens the integration course.
func TestVoluntaryCourseSwitch(t *testing.T) {
	eu := patch{"citizenship_group": "eu", "residence_status": nil, "languages.german": "A1"}
	for open, want := range map[string]bool{"false": false, "true": true} {
		d := decisions(t, eu, contractDate, map[string]string{"integration_course_voluntary_open": open})
		if got := d["integration-course"].shown == triTrue; got != want {
			t.Errorf("open=%s: integration-course shown %v", open, got)
		}
		if got := d["german-course-alternative"].shown == triTrue; got == want {
			t.Errorf("open=%s: alternative shown %v", open, got)
		}
	}
}

func TestSwitchErrors(t *testing.T) {
	for _, o := range []map[string]string{{"no_such_switch": "1"}, {"kindergeld_eur": "many"}, {"ukraine_asylblg_cutoff": "April"}} {
		if _, err := Build(mustJSON(t, base()), Options{AsOf: contractDate, Switches: o}); err == nil {
			t.Errorf("%v: no error", o)
		}
	}
}

// TestHardOrder checks every constraint of contract §c on a plan that holds
// all steps, with ranks that would put them the other way round.
func TestHardOrder(t *testing.T) {
	rb := Rules()
	for i := range rb.Steps {
		rb.Steps[i].Rank = 100 - rb.Steps[i].Rank
	}
	c, err := compile(rb)
	if err != nil {
		t.Fatal(err)
	}
	all := make([]int, len(c.steps))
	for i := range all {
		all[i] = i
	}
	order, err := c.order(all)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for p, i := range order {
		pos[c.steps[i].rule.ID] = p
	}
	for _, o := range c.rb.Order {
		if pos[o.Before] > pos[o.After] {
			t.Errorf("%s after %s", o.Before, o.After)
		}
	}
	if pos["networking"] != 0 {
		t.Errorf("reversed ranks should put networking first, got %d", pos["networking"])
	}
}

// TestSoftOrder checks ranks and the catalog order on ties.
func TestSoftOrder(t *testing.T) {
	ids := planIDs(t, []byte(`{}`), Options{AsOf: contractDate})
	for i := 1; i < len(ids); i++ {
		a, b := book.steps[book.stepIndex[ids[i-1]]], book.steps[book.stepIndex[ids[i]]]
		if a.rule.Rank > b.rule.Rank || a.rule.Rank == b.rule.Rank && book.stepIndex[a.rule.ID] > book.stepIndex[b.rule.ID] {
			t.Errorf("%s before %s", a.rule.ID, b.rule.ID)
		}
	}
}

// TestUnanswered checks the handling of missing answers: never-rules do not
// fire on unknowns, steps that may apply are shown as "maybe" with the
// questions they depend on, and "missing" lists the open questions.
func TestUnanswered(t *testing.T) {
	p, err := Build([]byte(`{"citizenship_group": "eu", "arrival_stage": "just_arrived", "housing": "own_flat"}`), Options{AsOf: contractDate})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Step{}
	for _, s := range p.Steps {
		byID[s.ID] = s
	}
	if s, ok := byID["address-registration"]; !ok || !s.Maybe || !slices.Equal(s.DependsOn, []string{"registered"}) {
		t.Errorf("address-registration: %+v", s)
	}
	if s, ok := byID["welcome-center-visit"]; !ok || s.Maybe {
		t.Errorf("welcome-center-visit should be certain: %+v", s)
	}
	for _, id := range []string{"residence-permit", "work-permission-check", "integration-course"} {
		if _, ok := byID[id]; ok {
			t.Errorf("%s shown for an EU citizen", id)
		}
	}
	for _, f := range []string{"residence_status", "nationality", "foreign_qualification.profession", "job.work_authorization", "first_entry_date"} {
		if slices.Contains(p.Missing, f) {
			t.Errorf("missing lists %s", f)
		}
	}
	for _, f := range []string{"purpose", "registered", "children", "benefits"} {
		if !slices.Contains(p.Missing, f) {
			t.Errorf("missing lacks %s: %v", f, p.Missing)
		}
	}
}

func TestOneStop(t *testing.T) {
	answers := mustJSON(t, patch{"registered": false, "children": []string{"3_5"}, "arrival_stage": "first_year", "municipality": "juelich"}.apply(base()))
	p, err := Build(answers, Options{AsOf: contractDate, OneStopAgencies: []string{"welcome-center", "familienbuero", "auslaenderamt", "bank"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"familienbuero", "welcome-center"}
	if !slices.Equal(p.OneStopAgencies, want) {
		t.Errorf("onestop_agencies %v, want %v", p.OneStopAgencies, want)
	}
	for _, s := range p.Steps {
		wantOS := s.ID == "childcare-place" || s.ID == "welcome-center-visit" || s.ID == "networking"
		if s.OneStop != wantOS {
			t.Errorf("%s onestop %v", s.ID, s.OneStop)
		}
	}
	p, err = Build(answers, Options{AsOf: contractDate})
	if err != nil || p.OneStopAgencies == nil || len(p.OneStopAgencies) != 0 {
		t.Errorf("no One-Stop-Shop: %v %v", p.OneStopAgencies, err)
	}
}

// TestLanguages checks that every language gives texts, RTL for Arabic and
// Dari/Persian, that tags match case-insensitively and by prefix, and that
// an unknown language falls back to English.
func TestLanguages(t *testing.T) {
	answers := mustJSON(t, patch{"registered": false, "health_insurance": "no"}.apply(base()))
	tests := []struct{ lang, wantLang, wantDir string }{
		{"de", "de", "ltr"}, {"en", "en", "ltr"}, {"uk", "uk", "ltr"}, {"ar", "ar", "rtl"}, {"tr", "tr", "ltr"},
		{"ro", "ro", "ltr"}, {"ro-RO", "ro", "ltr"}, {"pl", "pl", "ltr"}, {"bg", "bg", "ltr"}, {"fa", "fa", "rtl"}, {"ru", "ru", "ltr"},
		{"zh-Hans", "zh-Hans", "ltr"}, {"zh-hans-CN", "zh-Hans", "ltr"}, {"de-x-simple", "de-x-simple", "ltr"},
		{"de-AT", "de", "ltr"}, {"fr", "en", "ltr"}, {"", "en", "ltr"},
	}
	for _, tt := range tests {
		p, err := Build(answers, Options{AsOf: contractDate, Lang: tt.lang})
		if err != nil {
			t.Fatal(err)
		}
		if p.Lang != tt.wantLang || p.Dir != tt.wantDir || p.Disclaimer == "" {
			t.Errorf("%s: lang %s dir %s", tt.lang, p.Lang, p.Dir)
		}
		for _, s := range p.Steps {
			if s.Title == "" || s.Why == "" || s.Where == "" || s.Takes == "" || strings.Contains(s.Title+s.Why+s.Deadline+s.Takes, "{") {
				t.Errorf("%s %s: incomplete texts %+v", tt.lang, s.ID, s)
			}
		}
	}
}

func TestAsOfDefault(t *testing.T) {
	p, err := Build(mustJSON(t, base()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := time.Parse(time.DateOnly, p.AsOf); err != nil {
		t.Errorf("as_of %q", p.AsOf)
	}
}
