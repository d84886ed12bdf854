package lotse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// asylumWords name the papers of an asylum procedure or a Duldung; every
// language keeps these German terms, so a plan for anyone else must not
// contain them.
var asylumWords = []string{"Ankunftsnachweis", "Gestattung", "Duldung"}

// TestBringFollowsStatus checks in every language that a plan lists the
// papers of the person's own status and none of another status (issue 9,
// item 10: a Ukrainian under § 24 was told to bring asylum papers).
func TestBringFollowsStatus(t *testing.T) {
	ukr24 := patch{
		"citizenship_group": "ukraine", "nationality": "UA", "residence_status": "temporary_protection", "purpose": "protection",
		"arrival_stage": "first_months", "first_entry_date": "2026-09-15", "languages.german": "none",
		"health_insurance": "no", "bank_account": false, "benefits": "needed",
	}
	asylum := patch{"residence_status": "asylum_pending", "purpose": "protection", "arrival_stage": "first_months",
		"job.situation": "job_seeking", "job.work_authorization": "no", "health_insurance": "no", "bank_account": false, "benefits": "needed"}
	duldung := patch{"residence_status": "duldung", "purpose": "protection", "job.situation": "job_offer",
		"job.work_authorization": "no", "health_insurance": "unsure", "bank_account": false, "benefits": "needed"}
	eu := patch{"citizenship_group": "eu", "nationality": "RO", "residence_status": "not_required", "arrival_stage": "first_year",
		"health_insurance": "no", "bank_account": false, "children": []string{"6_9"}}
	tests := []struct {
		name      string
		p         patch
		want      []string // document keys that some step must list
		foreign   []string // document keys that no step may list
		asylumOK  bool     // the plan may speak of asylum papers
		wantSteps []string
	}{
		{"§ 24 after the cut-off", ukr24, []string{"permit_24"},
			[]string{"asylum_papers", "asylum_pending_papers", "duldung_paper"}, false,
			[]string{"health-insurance", "asylum-seeker-benefits", "bank-account"}},
		{"asylum procedure", asylum, []string{"asylum_pending_papers"},
			[]string{"asylum_papers", "permit_24", "duldung_paper"}, true,
			[]string{"health-insurance", "asylum-seeker-benefits", "bank-account", "work-permission-check"}},
		{"Duldung", duldung, []string{"duldung_paper"},
			[]string{"asylum_papers", "permit_24", "asylum_pending_papers"}, true,
			[]string{"health-insurance", "asylum-seeker-benefits", "bank-account", "work-permission-check"}},
		{"EU citizen", eu, []string{"id_or_document"},
			[]string{"residence_document_or_visa", "residence_document", "permit_24"}, false,
			[]string{"health-insurance", "bank-account", "child-benefit"}},
	}
	for _, tt := range tests {
		answers := mustJSON(t, tt.p.apply(base()))
		for lang, texts := range book.texts {
			t.Run(tt.name+"/"+lang, func(t *testing.T) {
				p, err := Build(answers, Options{Lang: lang, AsOf: contractDate})
				if err != nil {
					t.Fatal(err)
				}
				var ids, bring []string
				for _, s := range p.Steps {
					ids = append(ids, s.ID)
					bring = append(bring, s.Bring...)
					if tt.asylumOK {
						continue
					}
					for _, w := range asylumWords {
						for _, text := range append([]string{s.Title, s.Why}, s.Bring...) {
							if strings.Contains(text, w) {
								t.Errorf("%s mentions %s: %q", s.ID, w, text)
							}
						}
					}
				}
				for _, id := range tt.wantSteps {
					if !slices.Contains(ids, id) {
						t.Errorf("plan lacks %s: %v", id, ids)
					}
				}
				for _, key := range tt.want {
					if doc := texts.Documents[key]; doc == "" || !slices.Contains(bring, doc) {
						t.Errorf("no step asks for %s (%q)", key, doc)
					}
				}
				for _, key := range tt.foreign {
					if doc := texts.Documents[key]; doc != "" && slices.Contains(bring, doc) {
						t.Errorf("a step asks for %s (%q)", key, doc)
					}
				}
			})
		}
	}
}

// TestGoldenCoversEveryStatus checks that the golden plans include a persona
// for every residence status, so that a wording for one status that leaks
// into another shows up as a golden diff.
func TestGoldenCoversEveryStatus(t *testing.T) {
	covered := map[string]bool{}
	for _, g := range goldenCases {
		data, err := os.ReadFile(filepath.Join("testdata/personas", g.persona+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Answers struct {
				Status string `json:"residence_status"`
			} `json:"answers"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatal(err)
		}
		covered[p.Answers.Status] = true
	}
	for _, status := range book.fields["residence_status"].Values {
		if !covered[status] {
			t.Errorf("no golden persona with residence_status %s", status)
		}
	}
}
