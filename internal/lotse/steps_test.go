package lotse

import (
	"strings"
	"testing"
)

// outcome of one rule for one case.
type outcome int

const (
	shows  outcome = iota // the show-rule is true and the step is in the plan
	never                 // the never-rule is true: the step must not show
	hidden                // neither: the step is not in the plan
)

var outcomeName = map[outcome]string{shows: "show", never: "never", hidden: "hidden"}

type ruleCase struct {
	step string
	name string
	p    patch
	want outcome
}

// ruleCases covers the show and never rules of every step of contract §b.
var ruleCases = []ruleCase{
	{"address-registration", "not registered", patch{"registered": false}, shows},
	{"address-registration", "registered", patch{}, never},

	{"residence-permit", "visa", patch{"residence_status": "visa", "arrival_stage": "just_arrived"}, shows},
	{"residence-permit", "ukrainian not yet registered", patch{"citizenship_group": "ukraine", "residence_status": "none"}, shows},
	{"residence-permit", "EU citizen", patch{"citizenship_group": "eu", "residence_status": nil}, never},
	{"residence-permit", "returnee", patch{"citizenship_group": "german_returnee", "residence_status": nil}, never},
	{"residence-permit", "blue card", patch{"residence_status": "blue_card"}, never},
	{"residence-permit", "residence permit", patch{}, never},
	{"residence-permit", "chancenkarte", patch{"residence_status": "chancenkarte"}, never},
	{"residence-permit", "settlement permit", patch{"residence_status": "settlement_permit"}, never},
	{"residence-permit", "§24", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection"}, never},
	{"residence-permit", "asylum pending", patch{"residence_status": "asylum_pending"}, never},
	{"residence-permit", "duldung", patch{"residence_status": "duldung"}, hidden},

	{"work-permission-check", "asylum seeker seeking", patch{"residence_status": "asylum_pending", "purpose": "protection", "job.situation": "job_seeking"}, shows},
	{"work-permission-check", "duldung employed", patch{"residence_status": "duldung", "purpose": "protection"}, shows},
	{"work-permission-check", "chancenkarte", patch{"residence_status": "chancenkarte", "purpose": "job_search", "job.situation": "job_seeking"}, shows},
	{"work-permission-check", "student with offer", patch{"purpose": "study", "job.situation": "job_offer"}, shows},
	{"work-permission-check", "au pair seeking", patch{"purpose": "au_pair", "job.situation": "job_seeking"}, shows},
	{"work-permission-check", "no authorization, offer", patch{"job.work_authorization": "no", "job.situation": "job_offer"}, shows},
	{"work-permission-check", "unsure, seeking", patch{"job.work_authorization": "unknown", "job.situation": "job_seeking"}, shows},
	{"work-permission-check", "EU", patch{"citizenship_group": "eu", "residence_status": nil, "job.work_authorization": "no", "job.situation": "job_offer"}, never},
	{"work-permission-check", "returnee", patch{"citizenship_group": "german_returnee", "residence_status": nil}, never},
	{"work-permission-check", "ukraine", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "job.work_authorization": "unknown", "job.situation": "job_offer"}, never},
	{"work-permission-check", "recognised", patch{"residence_status": "recognized_protection", "job.work_authorization": "no", "job.situation": "job_offer"}, never},
	{"work-permission-check", "settled permit", patch{"residence_status": "settlement_permit"}, never},
	{"work-permission-check", "duldung not seeking", patch{"residence_status": "duldung", "job.situation": "not_seeking"}, hidden},

	{"qualification-recognition", "regulated academic", patch{"foreign_qualification.level": "academic", "foreign_qualification.regulated": "yes"}, shows},
	{"qualification-recognition", "vocational, unsure", patch{"foreign_qualification.level": "vocational", "foreign_qualification.regulated": "unknown"}, shows},
	{"qualification-recognition", "none", patch{"foreign_qualification.regulated": "yes"}, never},
	{"qualification-recognition", "not regulated", patch{"foreign_qualification.level": "academic", "foreign_qualification.regulated": "no"}, hidden},

	{"job-seeker-registration", "seeking", patch{"job.situation": "job_seeking"}, shows},
	{"job-seeker-registration", "seeking, job-com client", patch{"job.situation": "job_seeking", "residence_status": "settlement_permit", "benefits": "needed"}, hidden},
	{"job-seeker-registration", "employed", patch{}, never},
	{"job-seeker-registration", "not seeking", patch{"job.situation": "not_seeking"}, never},
	{"job-seeker-registration", "self-employed", patch{"job.situation": "self_employed"}, never},
	{"job-seeker-registration", "student", patch{"job.situation": "in_training_or_study"}, never},

	{"career-orientation", "english good, german low", patch{"job.situation": "job_seeking", "languages.german": "A2"}, shows},
	{"career-orientation", "english basic", patch{"job.situation": "job_seeking", "languages.german": "A2", "languages.english": "basic"}, hidden},

	{"jobcenter-benefits", "recognised refugee", patch{"residence_status": "recognized_protection", "purpose": "protection", "benefits": "needed"}, shows},
	{"jobcenter-benefits", "EU worker", patch{"citizenship_group": "eu", "residence_status": nil, "benefits": "needed"}, shows},
	{"jobcenter-benefits", "returnee", patch{"citizenship_group": "german_returnee", "residence_status": nil, "job.situation": "job_seeking", "benefits": "needed"}, shows},
	{"jobcenter-benefits", "family permit", patch{"purpose": "family", "job.situation": "not_seeking", "benefits": "needed"}, shows},
	{"jobcenter-benefits", "ukraine before cut-off", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "purpose": "protection", "first_entry_date": "2024-03-01", "benefits": "needed"}, shows},
	{"jobcenter-benefits", "no benefits", patch{"residence_status": "recognized_protection"}, never},
	{"jobcenter-benefits", "chancenkarte", patch{"residence_status": "chancenkarte", "purpose": "job_search", "benefits": "needed"}, never},
	{"jobcenter-benefits", "asylum seeker", patch{"residence_status": "asylum_pending", "purpose": "protection", "benefits": "needed"}, never},
	{"jobcenter-benefits", "EU job seeker, new", patch{"citizenship_group": "eu", "residence_status": nil, "arrival_stage": "first_months", "job.situation": "job_seeking", "benefits": "needed"}, never},
	{"jobcenter-benefits", "student", patch{"purpose": "study", "benefits": "needed"}, never},
	{"jobcenter-benefits", "ukraine after cut-off", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "purpose": "protection", "first_entry_date": "2025-05-20", "benefits": "needed"}, never},
	{"jobcenter-benefits", "work permit, not family", patch{"benefits": "needed"}, hidden},

	{"asylum-seeker-benefits", "asylum seeker", patch{"residence_status": "asylum_pending", "purpose": "protection", "benefits": "needed"}, shows},
	{"asylum-seeker-benefits", "duldung", patch{"residence_status": "duldung", "purpose": "protection", "benefits": "needed"}, shows},
	{"asylum-seeker-benefits", "ukraine after cut-off", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "purpose": "protection", "first_entry_date": "2025-04-01", "benefits": "needed"}, shows},
	{"asylum-seeker-benefits", "no benefits", patch{"residence_status": "duldung"}, never},
	{"asylum-seeker-benefits", "recognised", patch{"residence_status": "recognized_protection", "benefits": "needed"}, never},
	{"asylum-seeker-benefits", "ukraine before cut-off", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "first_entry_date": "2025-03-31", "benefits": "needed"}, never},
	{"asylum-seeker-benefits", "already receiving", patch{"residence_status": "asylum_pending", "benefits": "receiving"}, hidden},

	{"integration-course", "recognised, A1", patch{"residence_status": "recognized_protection", "purpose": "protection", "languages.german": "A1"}, shows},
	{"integration-course", "family visa", patch{"residence_status": "visa", "purpose": "family", "languages.german": "none"}, shows},
	{"integration-course", "worker, vocational", patch{"foreign_qualification.level": "vocational", "languages.german": "A2"}, shows},
	{"integration-course", "obliged by job-com", patch{"residence_status": "settlement_permit", "purpose": "other", "benefits": "needed", "languages.german": "A1"}, shows},
	{"integration-course", "B1", patch{"residence_status": "recognized_protection", "languages.german": "B1"}, never},
	{"integration-course", "returnee", patch{"citizenship_group": "german_returnee", "residence_status": nil, "languages.german": "A1"}, never},
	{"integration-course", "EU", patch{"citizenship_group": "eu", "residence_status": nil, "languages.german": "A1"}, never},
	{"integration-course", "asylum seeker", patch{"residence_status": "asylum_pending", "languages.german": "none"}, never},
	{"integration-course", "academic worker", patch{"foreign_qualification.level": "academic", "languages.german": "A1"}, hidden},

	{"german-course-alternative", "EU, A1", patch{"citizenship_group": "eu", "residence_status": nil, "languages.german": "A1"}, shows},
	{"german-course-alternative", "academic worker", patch{"foreign_qualification.level": "academic", "languages.german": "A1"}, shows},
	{"german-course-alternative", "integration course instead", patch{"residence_status": "recognized_protection", "languages.german": "A1"}, hidden},
	{"german-course-alternative", "C1", patch{"languages.german": "C1_plus"}, never},

	{"job-language-course", "B2 employed", patch{}, shows},
	{"job-language-course", "B1 regulated, not seeking", patch{"languages.german": "B1", "job.situation": "not_seeking", "foreign_qualification.level": "academic", "foreign_qualification.regulated": "yes"}, shows},
	{"job-language-course", "A1", patch{"languages.german": "A1"}, never},
	{"job-language-course", "none", patch{"languages.german": "none"}, never},
	{"job-language-course", "B1 not seeking", patch{"languages.german": "B1", "job.situation": "not_seeking"}, hidden},

	{"health-insurance", "no", patch{"health_insurance": "no"}, shows},
	{"health-insurance", "unsure", patch{"health_insurance": "unsure"}, shows},
	{"health-insurance", "yes", patch{}, never},

	{"bank-account", "none", patch{"bank_account": false}, shows},
	{"bank-account", "has one", patch{}, never},

	{"tax-id", "new, not registered", patch{"registered": false, "arrival_stage": "just_arrived"}, shows},
	{"tax-id", "returnee", patch{"citizenship_group": "german_returnee", "residence_status": nil, "registered": false, "arrival_stage": "just_arrived"}, hidden},
	{"tax-id", "settled", patch{"registered": false}, never},

	{"rundfunkbeitrag", "shared flat, first year", patch{"housing": "shared_flat", "arrival_stage": "first_year"}, shows},
	{"rundfunkbeitrag", "settled, moved", patch{"registered": false}, shows},
	{"rundfunkbeitrag", "group accommodation", patch{"housing": "group_accommodation", "registered": false}, never},
	{"rundfunkbeitrag", "settled, registered", patch{}, hidden},

	{"rundfunkbeitrag-exemption", "receiving in a flat", patch{"residence_status": "recognized_protection", "benefits": "receiving"}, shows},
	{"rundfunkbeitrag-exemption", "no benefits", patch{}, never},
	{"rundfunkbeitrag-exemption", "group accommodation", patch{"housing": "group_accommodation", "benefits": "receiving"}, never},
	{"rundfunkbeitrag-exemption", "with relatives", patch{"housing": "in_other_household", "benefits": "receiving"}, hidden},

	{"child-benefit", "worker with school child", patch{"children": []string{"6_9"}}, shows},
	{"child-benefit", "blue card", patch{"residence_status": "blue_card", "children": []string{"3_5"}}, shows},
	{"child-benefit", "EU worker", patch{"citizenship_group": "eu", "residence_status": nil, "children": []string{"1_2"}}, shows},
	{"child-benefit", "§24", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "children": []string{"10_17"}}, shows},
	{"child-benefit", "no children", patch{}, never},
	{"child-benefit", "student", patch{"purpose": "study", "children": []string{"3_5"}}, never},
	{"child-benefit", "duldung", patch{"residence_status": "duldung", "children": []string{"6_9"}}, never},
	{"child-benefit", "duldung, Turkish worker", patch{"residence_status": "duldung", "nationality": "TR", "children": []string{"6_9"}}, hidden},
	{"child-benefit", "only adult children", patch{"children": []string{"18_24"}}, hidden},

	{"childcare-place", "toddler, first year", patch{"children": []string{"3_5"}, "arrival_stage": "first_year"}, shows},
	{"childcare-place", "moved, not registered", patch{"children": []string{"1_2"}, "registered": false}, shows},
	{"childcare-place", "school child only", patch{"children": []string{"6_9"}}, never},
	{"childcare-place", "no children", patch{}, never},
	{"childcare-place", "baby", patch{"children": []string{"under_1"}, "arrival_stage": "first_year"}, hidden},
	{"childcare-place", "settled, registered", patch{"children": []string{"3_5"}}, hidden},

	{"school-registration", "primary", patch{"children": []string{"6_9"}, "arrival_stage": "first_months"}, shows},
	{"school-registration", "teen", patch{"children": []string{"10_17"}, "arrival_stage": "first_year"}, shows},
	{"school-registration", "toddler only", patch{"children": []string{"3_5"}}, never},
	{"school-registration", "settled, registered", patch{"children": []string{"6_9"}}, hidden},

	{"housing-advice", "group accommodation", patch{"housing": "group_accommodation"}, shows},
	{"housing-advice", "with relatives", patch{"housing": "in_other_household"}, shows},
	{"housing-advice", "no place", patch{"housing": "temporary_or_none"}, shows},
	{"housing-advice", "own flat", patch{}, hidden},

	{"migration-counselling", "first year", patch{"arrival_stage": "first_year"}, shows},
	{"migration-counselling", "settled, duldung", patch{"residence_status": "duldung"}, shows},
	{"migration-counselling", "settled, benefits", patch{"residence_status": "settlement_permit", "benefits": "receiving"}, shows},
	{"migration-counselling", "returnee", patch{"citizenship_group": "german_returnee", "residence_status": nil, "arrival_stage": "first_year"}, hidden},
	{"migration-counselling", "settled", patch{}, hidden},

	{"welcome-center-visit", "planning", patch{"arrival_stage": "planning"}, shows},
	{"welcome-center-visit", "first year", patch{"arrival_stage": "first_year"}, shows},
	{"welcome-center-visit", "settled", patch{}, hidden},

	{"networking", "settled", patch{}, shows},
	{"networking", "planning", patch{"arrival_stage": "planning"}, hidden},
}

func TestRules(t *testing.T) {
	covered := map[string]map[outcome]bool{}
	for _, c := range ruleCases {
		t.Run(c.step+"/"+c.name, func(t *testing.T) {
			d, ok := decisions(t, c.p, contractDate, nil)[c.step]
			if !ok {
				t.Fatalf("no step %s", c.step)
			}
			var got outcome
			switch {
			case d.never == triTrue:
				got = never
			case d.shown == triTrue:
				got = shows
			case d.shown == triFalse:
				got = hidden
			default:
				t.Fatalf("unknown outcome %+v for complete answers", d)
			}
			if got != c.want {
				t.Errorf("got %s, want %s (%+v)", outcomeName[got], outcomeName[c.want], d)
			}
		})
		if covered[c.step] == nil {
			covered[c.step] = map[outcome]bool{}
		}
		covered[c.step][c.want] = true
	}
	for _, s := range book.steps {
		if !covered[s.rule.ID][shows] || (s.never != nil && !covered[s.rule.ID][never]) {
			t.Errorf("step %s lacks a show or never case", s.rule.ID)
		}
	}
}

// TestVariants checks the agency and place variants of contract §b.
func TestVariants(t *testing.T) {
	tests := []struct {
		name       string
		p          patch
		step       string
		wantAgency string
		wantPlace  string
	}{
		{"municipal place", patch{"registered": false, "municipality": "titz"}, "address-registration", "buergerbuero", "titz/buergerbuero"},
		{"municipality unknown", patch{"registered": false, "municipality": "unknown"}, "address-registration", "buergerbuero", "buergerbuero"},
		{"AsylbLG health care", patch{"residence_status": "asylum_pending", "health_insurance": "no", "municipality": "inden"}, "health-insurance", "sozialamt", "inden/sozialamt"},
		{"health insurer", patch{"health_insurance": "no"}, "health-insurance", "krankenkasse", "krankenkasse"},
		{"primary school", patch{"children": []string{"6_9"}, "arrival_stage": "first_year"}, "school-registration", "schule", "schule"},
		{"KI for teens", patch{"children": []string{"6_9", "10_17"}, "arrival_stage": "first_year"}, "school-registration", "kim", "kim"},
		{"VHS in the north", patch{"residence_status": "recognized_protection", "languages.german": "A1", "municipality": "linnich"}, "integration-course", "vhs-juelicher-land", "vhs-juelicher-land"},
		{"VHS in the south", patch{"residence_status": "recognized_protection", "languages.german": "A1", "municipality": "nideggen"}, "integration-course", "vhs-rur-eifel", "vhs-rur-eifel"},
		{"job-language via job-com", patch{"residence_status": "settlement_permit", "benefits": "receiving"}, "job-language-course", "jobcenter", "jobcenter"},
		{"Sozialamt for late Ukrainians", patch{"citizenship_group": "ukraine", "residence_status": "temporary_protection", "first_entry_date": "2025-06-01", "benefits": "needed", "municipality": "kreuzau"}, "asylum-seeker-benefits", "sozialamt", "kreuzau/sozialamt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(mustJSON(t, tt.p.apply(base())), Options{AsOf: contractDate})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range p.Steps {
				if s.ID == tt.step {
					if s.Agency != tt.wantAgency || s.Place != tt.wantPlace {
						t.Errorf("agency %s place %s, want %s %s", s.Agency, s.Place, tt.wantAgency, tt.wantPlace)
					}
					return
				}
			}
			t.Errorf("step %s not in plan", tt.step)
		})
	}
}

// TestJobcomSite checks that the job-com site follows the municipality
// (facts §2: Nordkreis in Jülich).
func TestJobcomSite(t *testing.T) {
	north := map[string]bool{"aldenhoven": true, "inden": true, "juelich": true, "linnich": true, "niederzier": true, "titz": true}
	for _, m := range Rules().Municipalities {
		p, err := Build(mustJSON(t, patch{"residence_status": "recognized_protection", "benefits": "needed", "municipality": m.Slug}.apply(base())),
			Options{AsOf: contractDate, Lang: "de"})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Steps {
			if s.ID != "jobcenter-benefits" {
				continue
			}
			if s.Place != "jobcenter" || strings.Contains(s.Where, "Jülich") != north[m.Slug] {
				t.Errorf("%s: place %q where %q", m.Slug, s.Place, s.Where)
			}
		}
	}
}
