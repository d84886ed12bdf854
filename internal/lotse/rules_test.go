package lotse

import (
	"slices"
	"strings"
	"testing"
)

// contractSteps are the 23 step ids of contract §b, in catalog order.
var contractSteps = []string{
	"address-registration", "residence-permit", "work-permission-check", "qualification-recognition",
	"job-seeker-registration", "career-orientation", "jobcenter-benefits", "asylum-seeker-benefits",
	"integration-course", "german-course-alternative", "job-language-course", "health-insurance",
	"bank-account", "tax-id", "rundfunkbeitrag", "rundfunkbeitrag-exemption", "child-benefit",
	"childcare-place", "school-registration", "housing-advice", "migration-counselling",
	"welcome-center-visit", "networking",
}

// TestRuleBookLoads fails when any condition in rules.json does not parse
// or type-check, or the texts are incomplete in German.
func TestRuleBookLoads(t *testing.T) {
	if bookErr != nil {
		t.Fatal(bookErr)
	}
	var ids []string
	for _, s := range book.steps {
		ids = append(ids, s.rule.ID)
	}
	if !slices.Equal(ids, contractSteps) {
		t.Errorf("steps %v, want the contract's %v", ids, contractSteps)
	}
	if len(book.rb.Order) != 9 {
		t.Errorf("%d ordering constraints, want the contract's 9", len(book.rb.Order))
	}
}

// shippedLangs are the languages with a texts file, as BCP 47 tags.
var shippedLangs = []string{"de", "de-x-simple", "en", "uk", "ar", "tr", "ro", "pl", "bg", "fa", "ru", "zh-Hans"}

// TestTextsComplete checks that every shipped language has every text, so
// fallbacks are only needed for languages the Lotse does not ship.
func TestTextsComplete(t *testing.T) {
	for _, lang := range shippedLangs {
		tx := book.texts[strings.ToLower(lang)]
		if tx == nil {
			t.Errorf("no texts for %s", lang)
			continue
		}
		if miss := book.missingTexts(tx); len(miss) > 0 {
			t.Errorf("%s lacks %v", lang, miss)
		}
		de := book.texts["de"]
		for key, st := range de.Steps {
			got := tx.Steps[key]
			if (st.Deadline != "") != (got.Deadline != "") || (st.Title != "") != (got.Title != "") || (st.Why != "") != (got.Why != "") || (st.Takes != "") != (got.Takes != "") {
				t.Errorf("%s: step text %s differs in its parts from German", lang, key)
			}
		}
	}
}

// TestMunicipalityRegions checks that every municipality is in exactly one
// of nordkreis and suedkreis (job-com site, VHS).
func TestMunicipalityRegions(t *testing.T) {
	for _, m := range book.rb.Municipalities {
		a, err := Answers{}.Set("municipality", m.Slug)
		if err != nil {
			t.Fatal(err)
		}
		e := book.newEnv(a, map[string]string{}, "2026-11-24")
		if n, s := e.preds["nordkreis"], e.preds["suedkreis"]; (n == triTrue) == (s == triTrue) || n == triUnknown || s == triUnknown {
			t.Errorf("%s: nordkreis %d suedkreis %d", m.Slug, n, s)
		}
	}
	if len(book.rb.Municipalities) != 15 {
		t.Errorf("%d municipalities", len(book.rb.Municipalities))
	}
}

func TestRulesCopy(t *testing.T) {
	a := Rules()
	a.Steps[0].Show = "changed"
	if b := Rules(); b.Steps[0].Show == "changed" || len(b.Steps) != 23 || b.Version == "" {
		t.Error("Rules does not return a fresh copy")
	}
}

// TestBrokenRules checks that compile rejects typical mistakes.
func TestBrokenRules(t *testing.T) {
	tests := []struct {
		name   string
		change func(rb *RuleBook)
	}{
		{"unknown value", func(rb *RuleBook) { rb.Steps[1].Show = "residence_status in {vissa}" }},
		{"unknown name", func(rb *RuleBook) { rb.Steps[1].Show = "regsitered == false" }},
		{"syntax", func(rb *RuleBook) { rb.Steps[1].Show = "third and (registered == false" }},
		{"shown of a later step", func(rb *RuleBook) { rb.Steps[0].Show = "shown(networking)" }},
		{"ordering of enums", func(rb *RuleBook) { rb.Steps[0].Show = "purpose >= work" }},
		{"has on a scalar", func(rb *RuleBook) { rb.Steps[0].Show = "purpose has {work}" }},
		{"not a yes/no name", func(rb *RuleBook) { rb.Steps[0].Show = "purpose" }},
		{"unknown agency", func(rb *RuleBook) { rb.Steps[0].Agency = "rathaus" }},
		{"unknown source", func(rb *RuleBook) { rb.Steps[0].Sources = []string{"S999"} }},
		{"cycle", func(rb *RuleBook) {
			rb.Order = append(rb.Order, Constraint{Before: "residence-permit", After: "address-registration", Sources: []string{"S45"}})
		}},
		{"bad switch", func(rb *RuleBook) { rb.Switches[0].Default = "soon" }},
		{"validation on a predicate", func(rb *RuleBook) { rb.Validation[0].When = "third" }},
		{"duplicate step", func(rb *RuleBook) { rb.Steps[1].ID = rb.Steps[0].ID }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rb := Rules()
			tt.change(rb)
			if _, err := compile(rb); err == nil {
				t.Error("compile accepted the broken rules")
			}
		})
	}
}
