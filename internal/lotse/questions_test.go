package lotse

import (
	"slices"
	"testing"
)

func TestQuestions(t *testing.T) {
	for _, lang := range append(shippedLangs, "fr") {
		qs := Questions(lang)
		if len(qs) != len(book.rb.Fields) {
			t.Fatalf("%s: %d questions for %d fields", lang, len(qs), len(book.rb.Fields))
		}
		for _, q := range qs {
			if q.Text == "" || q.Kind == "" {
				t.Errorf("%s %s: no text or kind", lang, q.ID)
			}
			for _, o := range q.Options {
				if o.Label == "" {
					t.Errorf("%s %s: option %s has no label", lang, q.ID, o.Value)
				}
			}
		}
	}
	var muni Question
	for _, q := range Questions("en") {
		if q.Field == "municipality" {
			muni = q
		}
	}
	if muni.Options == nil || muni.Options[1].Label != "Düren" || len(muni.Options) != 16 {
		t.Errorf("municipality question %+v", muni)
	}
}

func TestQuestionsFor(t *testing.T) {
	ids := askedIDs
	all := ids(Answers{})
	if len(all) != len(book.questions) {
		t.Errorf("with no answers %d of %d questions are asked", len(all), len(book.questions))
	}
	eu, _ := Answers{}.Set("citizenship_group", "eu")
	if got := ids(eu); got["residence"] || got["work-authorization"] || got["first-entry"] {
		t.Errorf("EU citizen is asked %v", got)
	}
	ua, _ := Answers{}.Set("citizenship_group", "ukraine")
	if !ids(ua)["first-entry"] {
		t.Error("Ukrainian is not asked the date of first entry")
	}
	ua, _ = ua.Set("benefits", "none")
	if ids(ua)["first-entry"] {
		t.Error("Ukrainian without benefits is asked the date of first entry")
	}
	none, _ := Answers{}.Set("foreign_qualification.level", "none")
	if got := ids(none); got["regulated"] || got["profession"] {
		t.Error("regulated asked without a qualification")
	}
}

// TestWorkAuthorizationAsked checks that the work permission is asked only
// where the contract's work-permission-check depends on it: a third-country
// national with a job offer or looking for work (or whose situation is not
// known yet).
func TestWorkAuthorizationAsked(t *testing.T) {
	for situation, want := range map[string]bool{
		"": true, "job_offer": true, "job_seeking": true,
		"employed": false, "self_employed": false, "in_training_or_study": false, "not_seeking": false,
	} {
		a, _ := Answers{}.Set("citizenship_group", "third_country")
		if situation != "" {
			a, _ = a.Set("job.situation", situation)
		}
		if got := askedIDs(a)["work-authorization"]; got != want {
			t.Errorf("job.situation %q: asked %v, want %v", situation, got, want)
		}
	}
}

// TestFirstEntryAfterBenefits checks that the date of first entry comes
// after the benefits question, so that a Ukrainian who needs no benefits is
// never asked it.
func TestFirstEntryAfterBenefits(t *testing.T) {
	pos := map[string]int{}
	for i, q := range Questions("en") {
		pos[q.ID] = i
	}
	if pos["first-entry"] < pos["benefits"] {
		t.Errorf("first-entry (%d) before benefits (%d)", pos["first-entry"], pos["benefits"])
	}
	a, _ := Answers{}.Set("citizenship_group", "ukraine")
	for _, q := range QuestionsFor(a, "en") {
		if q.ID == "first-entry" {
			t.Fatal("first-entry is asked before benefits is answered")
		}
		if q.ID == "benefits" {
			break
		}
	}
}

// TestAllowed checks that options ruled out by validation are hidden, in
// Allowed and in QuestionsFor.
func TestAllowed(t *testing.T) {
	all := Rules().Fields[2].Values
	tests := []struct {
		group string
		want  []string
	}{
		{"", all},
		{"third_country", all[1:]},
		{"ukraine", all[1:]},
		{"eu", []string{"not_required"}},
		{"german_returnee", []string{"not_required"}},
	}
	for _, tt := range tests {
		var a Answers
		if tt.group != "" {
			a, _ = a.Set("citizenship_group", tt.group)
		}
		if got := Allowed(a, "residence_status"); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Allowed %v, want %v", tt.group, got, tt.want)
		}
		for _, q := range QuestionsFor(a, "en") {
			if q.Field != "residence_status" {
				continue
			}
			var values []string
			for _, o := range q.Options {
				values = append(values, o.Value)
			}
			if !slices.Equal(values, tt.want) {
				t.Errorf("%s: options %v, want %v", tt.group, values, tt.want)
			}
		}
	}
	if got := Allowed(Answers{}, "registered"); !slices.Equal(got, []string{"true", "false"}) {
		t.Errorf("registered: %v", got)
	}
	for _, f := range []string{"nationality", "first_entry_date", "no_such_field"} {
		if got := Allowed(Answers{}, f); got != nil {
			t.Errorf("%s: %v, want nil", f, got)
		}
	}
}

// askedIDs lists the question ids QuestionsFor asks.
func askedIDs(a Answers) map[string]bool {
	out := map[string]bool{}
	for _, q := range QuestionsFor(a, "en") {
		out[q.ID] = true
	}
	return out
}
