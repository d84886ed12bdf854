package lotse

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestImpliedQuestionsSkipped checks that someone who came because of the
// war in Ukraine is not asked again for the nationality and the reason for
// the stay, and that the plan takes protection as that reason (issue 9,
// item 12).
func TestImpliedQuestionsSkipped(t *testing.T) {
	ua, _ := Answers{}.Set("citizenship_group", "ukraine")
	asked := askedIDs(ua)
	for _, id := range []string{"nationality", "purpose"} {
		if asked[id] {
			t.Errorf("a Ukrainian under temporary protection is asked %s again", id)
		}
	}
	if !asked["residence"] {
		t.Error("a Ukrainian is not asked for the residence document")
	}
	p, err := BuildAnswers(ua, Options{AsOf: contractDate})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"nationality", "purpose"} {
		if slices.Contains(p.Missing, f) {
			t.Errorf("plan lists %s as missing", f)
		}
	}
	third, _ := Answers{}.Set("citizenship_group", "third_country")
	if asked := askedIDs(third); !asked["nationality"] || !asked["purpose"] {
		t.Errorf("a third-country national is not asked nationality and purpose: %v", asked)
	}
}

// countryCodeRE finds ISO codes such as SY in a help text.
var countryCodeRE = regexp.MustCompile(`\b[A-Z]{2}\b`)

// TestHelpFitsTheInput checks in every language that the help of the
// nationality question speaks of the list of country names the form shows,
// not of codes, and that the children question asks for counts per age
// group, not for one entry per child (issue 9, item 12).
func TestHelpFitsTheInput(t *testing.T) {
	perChild := map[string]string{
		"de": "Eintrag", "de-x-simple": "Eintrag", "en": "entry", "ar": "إدخال", "fa": "مورد", "uk": "запис",
		"ru": "запись", "tr": "giriş", "pl": "wpis", "ro": "intrare", "bg": "запис", "zh-Hans": "填一项",
	}
	for _, lang := range shippedLangs {
		for _, q := range Questions(lang) {
			switch q.Kind {
			case "country":
				if q.Help == "" || countryCodeRE.MatchString(q.Help) || strings.Contains(strings.ToLower(q.Help), "code") {
					t.Errorf("%s: nationality help %q speaks of codes", lang, q.Help)
				}
			case "multi":
				if old := perChild[lang]; old == "" || q.Help == "" || strings.Contains(q.Help, old) {
					t.Errorf("%s: children help %q asks for entries", lang, q.Help)
				}
			}
		}
	}
}
