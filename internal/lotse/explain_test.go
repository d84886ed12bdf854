package lotse

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExplain checks conditions written as sentences (issue 9, item 13).
func TestExplain(t *testing.T) {
	tests := []struct {
		cond, lang string
		want       Sentence
	}{
		{"registered == false", "en", Sentence{Text: "address registration: “No”"}},
		{"registered == false", "de", Sentence{Text: "Anmeldung: „Nein“"}},
		{"not free_work", "en", Sentence{Text: "not: may work without a permission"}},
		{"children == []", "en", Sentence{Text: "children: none"}},
		{"not children has {6_9, 10_17}", "en", Sentence{Text: "children: none of “6 to 9” or “10 to 17”"}},
		{"job.situation not in {employed, self_employed}", "en", Sentence{Text: "work situation: anything except “I have a job” or “I am self-employed”"}},
		{"first_entry_date >= ukraine_asylblg_cutoff", "de", Sentence{Text: "Datum der ersten Einreise: am oder nach dem 1. April 2025"}},
		{"third and residence_status in {visa, none}", "en", Sentence{Lead: "all of these:", Parts: []Sentence{
			{Text: "from outside the EU (third country or Ukraine)"},
			{Text: "residence document: “National visa (D visa), no card yet” or “Nothing yet (visa-free entry, or from Ukraine and not registered yet)”"}}}},
		{"not (a_b or c)", "en", Sentence{}},
	}
	for _, tt := range tests {
		got, err := Explain(tt.cond, tt.lang)
		if tt.want.Text == "" && tt.want.Lead == "" {
			if err == nil {
				t.Errorf("%s: no error", tt.cond)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s in %s (-want +got):\n%s", tt.cond, tt.lang, diff)
		}
	}
}

// rawRE finds what belongs to the condition language, not to a sentence:
// operators, braces and snake_case names.
var rawRE = regexp.MustCompile(`==|!=|>=|<=|[{}]|\b[a-z0-9]+_[a-z0-9_]+\b|\bshown\(`)

// TestRulesInEveryLanguage checks that every condition of the rule book
// reads as words in every language and that the sources come in numeric
// order, each with a link.
func TestRulesInEveryLanguage(t *testing.T) {
	for _, lang := range shippedLangs {
		rr := RulesIn(lang)
		var walk func(where string, s Sentence)
		walk = func(where string, s Sentence) {
			for _, text := range []string{s.Text, s.Lead} {
				if rawRE.MatchString(strings.ReplaceAll(text, "integration_course_voluntary_open", "")) {
					t.Errorf("%s %s: %q is not a sentence", lang, where, text)
				}
			}
			for _, p := range s.Parts {
				walk(where, p)
			}
		}
		for _, s := range rr.Steps {
			if s.Show.Text == "" && s.Show.Lead == "" || s.Title == "" {
				t.Errorf("%s %s: no title or show rule", lang, s.ID)
			}
			walk(s.ID, s.Show)
			walk(s.ID, s.Never)
		}
		for _, p := range rr.Predicates {
			if p.Label == "" {
				t.Errorf("%s: predicate %s has no label", lang, p.Name)
			}
			walk(p.Name, p.When)
		}
		var keys []string
		for _, src := range rr.Sources {
			keys = append(keys, src.Key)
			for _, ref := range src.Refs {
				if !strings.HasPrefix(ref.URL, "http") || ref.Label == "" {
					t.Errorf("%s: source %s has a part without a link: %+v", lang, src.Key, ref)
				}
			}
		}
		if want := sortSources(keys); !slices.Equal(keys, want) || keys[0] != "S1" || keys[1] != "S2" {
			t.Errorf("%s: sources in order %v", lang, keys)
		}
	}
}
