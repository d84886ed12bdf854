package lotse

import (
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
	ids := func(a Answers) map[string]bool {
		out := map[string]bool{}
		for _, q := range QuestionsFor(a, "en") {
			out[q.ID] = true
		}
		return out
	}
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
