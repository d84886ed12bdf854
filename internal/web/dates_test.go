package web

import (
	"testing"
	"time"

	"lotse/internal/i18n"
)

// TestLongDateFollowsLocale checks dates against the CLDR formats of each
// language: an Arabic date separates the weekday with the Arabic comma, a
// Chinese one has no spaces, and every language has a format.
func TestLongDateFollowsLocale(t *testing.T) {
	d := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	want := map[string]string{
		"de":      "Freitag, 4. Dezember 2026",
		"en":      "Friday, 4 December 2026",
		"ar":      "الجمعة، 4 ديسمبر 2026",
		"zh-Hans": "2026年12月4日星期五",
		"uk":      "пʼятниця, 4 грудня 2026 р.",
		"tr":      "4 Aralık 2026 Cuma",
	}
	for code, w := range want {
		if got := longDate(i18n.For(code), d); got != w {
			t.Errorf("%s: %q, want %q", code, got, w)
		}
	}
	for _, l := range i18n.All() {
		if got := longDate(i18n.For(l.Code), d); got == "" || !containsDigit(got) {
			t.Errorf("%s: no date in %q", l.Code, got)
		}
	}
}

func containsDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}
