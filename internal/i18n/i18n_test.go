package i18n

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		prefs []string
		want  string
	}{
		{nil, "de"},
		{[]string{""}, "de"},
		{[]string{"uk-UA,uk;q=0.9"}, "uk"},
		{[]string{"ar-SY"}, "ar"},
		{[]string{"fa-AF"}, "fa"},
		{[]string{"prs"}, "fa"},
		{[]string{"zh-CN"}, "zh-Hans"},
		{[]string{"en-US,en;q=0.8"}, "en"},
		{[]string{"fr"}, "de"},
		{[]string{";;;q=zz,,"}, "de"},
		{[]string{"", "tr"}, "tr"},
		{[]string{"ru", "uk"}, "ru"},
	}
	for _, tt := range tests {
		if got := Match(tt.prefs...).Code; got != tt.want {
			t.Errorf("Match(%q) = %s, want %s", tt.prefs, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	for code, want := range map[string]string{"en-US": "en", "zh": "zh-Hans", "zh-CN": "zh-Hans", "uk-UA": "uk", "ar-EG": "ar", "xx": "", "fr": "", "en-": ""} {
		l, ok := Closest(code)
		if got := l.Code; got != want || ok != (want != "") {
			t.Errorf("Closest(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
}

func TestLookupAndDirection(t *testing.T) {
	for code, dir := range map[string]string{"ar": "rtl", "fa": "rtl", "de": "ltr", "zh-hans": "ltr", "de-x-simple": "ltr"} {
		l, ok := Lookup(code)
		if !ok || l.Dir != dir {
			t.Errorf("Lookup(%q) = %+v, %v", code, l, ok)
		}
	}
	if _, ok := Lookup("xx"); ok {
		t.Error("Lookup(xx) found a language")
	}
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// pluralForms are the CLDR plural categories each UI language needs.
var pluralForms = map[string][]string{
	"de": {"one", "other"}, "de-x-simple": {"one", "other"}, "en": {"one", "other"}, "tr": {"one", "other"},
	"uk": {"few", "many", "one", "other"}, "ru": {"few", "many", "one", "other"}, "pl": {"few", "many", "one", "other"},
	"ro": {"few", "one", "other"}, "ar": {"few", "many", "one", "other", "two", "zero"}, "bg": {"one", "other"},
	"fa": {"one", "other"}, "zh-Hans": {"other"},
}

// TestLocalesComplete checks that every language of the portal has every UI string
// of the German source, with the same placeholders and its own plural forms.
func TestLocalesComplete(t *testing.T) {
	load := func(code string) map[string]any {
		b, err := fs.ReadFile(locales, "locales/"+code+".json")
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		return m
	}
	source := load(Source)
	for _, l := range All() {
		m := load(l.Code)
		for key, want := range source {
			got, ok := m[key]
			if !ok {
				t.Errorf("%s lacks %q", l.Code, key)
				continue
			}
			switch w := want.(type) {
			case string:
				g, ok := got.(string)
				if !ok || strings.TrimSpace(g) == "" {
					t.Errorf("%s %q is empty or not a string", l.Code, key)
					continue
				}
				if a, b := names(w), names(g); !slices.Equal(a, b) {
					t.Errorf("%s %q has placeholders %v, German has %v", l.Code, key, b, a)
				}
			case map[string]any:
				g, ok := got.(map[string]any)
				if !ok {
					t.Errorf("%s %q is not a plural message", l.Code, key)
					continue
				}
				var forms []string
				for f := range g {
					forms = append(forms, f)
				}
				sort.Strings(forms)
				if !slices.Equal(forms, pluralForms[l.Code]) {
					t.Errorf("%s %q has plural forms %v, want %v", l.Code, key, forms, pluralForms[l.Code])
				}
			}
		}
		for key := range m {
			if _, ok := source[key]; !ok {
				t.Errorf("%s has %q, which German lacks", l.Code, key)
			}
		}
	}
}

func names(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func TestTranslator(t *testing.T) {
	if got := For("en").Get("home.title", "County", "Kreis Düren"); got != "Welcome to Kreis Düren" {
		t.Errorf("en home.title = %q", got)
	}
	if got := For("xx").Lang.Code; got != Source {
		t.Errorf("For(xx) speaks %s", got)
	}
	if got := For("en").Get("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
	if got := For("de").Plural("home.municipalities_count", 1); !strings.Contains(got, "1 Stadt") {
		t.Errorf("de plural one = %q", got)
	}
	if got := For("en").Plural("home.municipalities_count", 15); !strings.Contains(got, "15 towns") {
		t.Errorf("en plural other = %q", got)
	}
}
