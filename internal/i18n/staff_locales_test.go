package i18n

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// TestStaffLocales checks the staff area's strings: German and English have the
// same keys with the same placeholders, every key is under "staff.", and none
// shadows a key of the main locale files.
func TestStaffLocales(t *testing.T) {
	load := func(name string) map[string]string {
		b, err := fs.ReadFile(locales, "locales/"+name+".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	de, en := load("staff.de"), load("staff.en")
	main := map[string]any{}
	b, _ := fs.ReadFile(locales, "locales/de.json")
	json.Unmarshal(b, &main)
	for key, d := range de {
		if !strings.HasPrefix(key, "staff.") {
			t.Errorf("staff.de.json has %q outside staff.", key)
		}
		if _, ok := main[key]; ok {
			t.Errorf("%q is in both de.json and staff.de.json", key)
		}
		e, ok := en[key]
		if !ok || strings.TrimSpace(e) == "" {
			t.Errorf("staff.en.json lacks %q", key)
			continue
		}
		if a, b := names(d), names(e); !slices.Equal(a, b) {
			t.Errorf("%q: English placeholders %v, German %v", key, b, a)
		}
	}
	for key := range en {
		if _, ok := de[key]; !ok {
			t.Errorf("staff.en.json has %q, which German lacks", key)
		}
	}
	if got := For("en").Get("staff.login.title"); got != "Sign in" {
		t.Errorf("English staff string = %q", got)
	}
}
