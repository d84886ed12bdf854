package lotse

import (
	"slices"
	"strings"
	"testing"
)

// TestVariantTexts checks that legal references and papers fit the person:
// § 24 AufenthG only for temporary protection, the AsylbLG only for AsylbLG
// care, a university letter only for students, in every language.
func TestVariantTexts(t *testing.T) {
	// An Egyptian on a family-reunion visa, employed, unsure about insurance.
	family := patch{"nationality": "EG", "residence_status": "visa", "purpose": "family", "arrival_stage": "just_arrived",
		"health_insurance": "unsure", "registered": false}
	tests := []struct {
		name      string
		p         patch
		step      string
		legal     string // the legal reference must contain this
		notLegal  string // and must not contain this
		bring     string // a document key that must be in the list
		notBrings []string
	}{
		{"family reunion permit", family, "residence-permit", "§ 81 AufenthG", "§ 24", "purpose_papers", []string{"entry_papers"}},
		{"family reunion insurance", family, "health-insurance", "SGB V", "AsylbLG", "employment_contract_if_employed", []string{"university_admission", "asylum_papers"}},
		{"§ 24 permit", patch{"citizenship_group": "ukraine", "residence_status": "none", "purpose": "protection"}, "residence-permit", "§ 24 AufenthG", "§ 81", "entry_papers", []string{"purpose_papers"}},
		{"AsylbLG care", patch{"residence_status": "asylum_pending", "purpose": "protection", "health_insurance": "no"}, "health-insurance", "AsylbLG", "SGB V", "asylum_pending_papers", []string{"employment_contract_if_employed"}},
		{"student insurance", patch{"residence_status": "visa", "purpose": "study", "health_insurance": "no"}, "health-insurance", "SGB V", "AsylbLG", "university_admission", []string{"employment_contract_if_employed"}},
		{"Gestattung work", patch{"residence_status": "asylum_pending", "purpose": "protection", "job.situation": "job_offer"}, "work-permission-check", "§ 61 AsylG", "§ 20a", "job_offer_form", nil},
		{"Chancenkarte work", patch{"residence_status": "chancenkarte", "purpose": "job_search", "job.situation": "job_seeking"}, "work-permission-check", "§ 20a AufenthG", "AsylG", "job_offer_form", nil},
		{"student work", patch{"residence_status": "residence_permit", "purpose": "study", "job.situation": "job_offer"}, "work-permission-check", "§ 16b AufenthG", "AsylG", "job_offer_form", nil},
		{"EU child benefit", patch{"citizenship_group": "eu", "residence_status": nil, "children": []string{"3_5"}}, "child-benefit", "EStG", "", "id_or_document", []string{"residence_document"}},
		{"recognition", patch{"foreign_qualification.level": "academic", "foreign_qualification.regulated": "yes"}, "qualification-recognition", "BQFG NRW", " and ", "certificates_translated", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lang := range shippedLangs {
				st := findStep(t, tt.p, lang, tt.step)
				if !strings.Contains(st.Legal, tt.legal) || tt.notLegal != "" && strings.Contains(st.Legal, tt.notLegal) {
					t.Errorf("%s: legal %q, want %q without %q", lang, st.Legal, tt.legal, tt.notLegal)
				}
				tx := book.texts[strings.ToLower(lang)]
				if !slices.Contains(st.Bring, tx.Documents[tt.bring]) {
					t.Errorf("%s: bring %q lacks %s", lang, st.Bring, tt.bring)
				}
				for _, doc := range tt.notBrings {
					if slices.Contains(st.Bring, tx.Documents[doc]) {
						t.Errorf("%s: bring %q has %s", lang, st.Bring, doc)
					}
				}
			}
		})
	}
}

// TestNoDoubleStop checks that a date ending in an abbreviation point
// (uk "р.", bg and ru "г.") is not followed by a second full stop, in the
// disclaimer and in step texts.
func TestNoDoubleStop(t *testing.T) {
	ukr := patch{"citizenship_group": "ukraine", "residence_status": "none", "purpose": "protection"}
	for _, lang := range shippedLangs {
		p, err := Build(mustJSON(t, ukr.apply(base())), Options{AsOf: contractDate, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p.Disclaimer, "2026") || strings.Contains(p.Disclaimer, "..") {
			t.Errorf("%s: disclaimer %q", lang, p.Disclaimer)
		}
		for _, st := range p.Steps {
			if strings.Contains(st.Title+st.Why+st.Deadline+st.Takes, "..") {
				t.Errorf("%s %s: double stop in %q", lang, st.ID, st.Why)
			}
		}
	}
}

func TestExpand(t *testing.T) {
	value := func(name string) (string, bool) {
		v, ok := map[string]string{"d": "24 листопада 2026 р.", "n": "3"}[name]
		return v, ok
	}
	tests := []struct{ in, want string }{
		{"до {d}.", "до 24 листопада 2026 р."},
		{"до {d}, далі", "до 24 листопада 2026 р., далі"},
		{"{n}. {x}.", "3. {x}."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := expand(tt.in, value); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// findStep builds the plan for base+p in a language and returns one step.
func findStep(t *testing.T, p patch, lang, id string) Step {
	t.Helper()
	plan, err := Build(mustJSON(t, p.apply(base())), Options{AsOf: contractDate, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range plan.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("%s: step %s not in the plan", lang, id)
	return Step{}
}
