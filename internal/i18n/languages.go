// Package i18n knows the languages lotse speaks: which exist, how each is written
// (its own name, left-to-right or right-to-left), how a visitor's browser preference
// maps to one of them, and the UI strings of each, with CLDR plural rules. German is
// the source language; a string missing in another language falls back to German.
package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// Source is the language content is written in and falls back to.
const Source = "de"

// Simple is German in Einfache Sprache, a content language that uses the German UI.
const Simple = "de-x-simple"

// Language is a language of the portal.
type Language struct {
	Code    string // BCP 47, as in URLs: "uk", "zh-Hans", "de-x-simple"
	Name    string // the language's name in its own script
	English string // the English name, for staff screens and logs
	Dir     string // "ltr" or "rtl"
}

// RTL reports whether the language is written right to left.
func (l Language) RTL() bool { return l.Dir == "rtl" }

// languages lists the portal's languages in the order the picker shows them:
// German and English first, then by the size of the county's origin groups.
var languages = []Language{
	{"de", "Deutsch", "German", "ltr"},
	{Simple, "Einfache Sprache", "German (Easy Language)", "ltr"},
	{"en", "English", "English", "ltr"},
	{"tr", "Türkçe", "Turkish", "ltr"},
	{"uk", "Українська", "Ukrainian", "ltr"},
	{"ro", "Română", "Romanian", "ltr"},
	{"ar", "العربية", "Arabic", "rtl"},
	{"pl", "Polski", "Polish", "ltr"},
	{"bg", "Български", "Bulgarian", "ltr"},
	{"fa", "دری / فارسی", "Dari / Persian", "rtl"},
	{"ru", "Русский", "Russian", "ltr"},
	{"zh-Hans", "简体中文", "Chinese (Simplified)", "ltr"},
}

var (
	byCode  = map[string]Language{}
	matcher language.Matcher
	// matchable are the languages a browser preference can select, parallel to
	// the matcher's tags; Einfache Sprache is chosen only explicitly.
	matchable []Language
	// aliases are further tags that select a portal language: Dari (prs) reads
	// the Persian pages.
	aliases = map[string]string{"prs": "fa"}
)

func init() {
	var tags []language.Tag
	for _, l := range languages {
		byCode[strings.ToLower(l.Code)] = l
		if l.Code == Simple {
			continue
		}
		matchable = append(matchable, l)
		tags = append(tags, language.MustParse(l.Code))
	}
	for alias, code := range aliases {
		matchable = append(matchable, byCode[code])
		tags = append(tags, language.MustParse(alias))
	}
	matcher = language.NewMatcher(tags)
}

// All returns the portal's languages in picker order.
func All() []Language { return languages }

// Lookup finds a language by its code, ignoring case ("zh-hans" finds "zh-Hans").
func Lookup(code string) (Language, bool) {
	l, ok := byCode[strings.ToLower(code)]
	return l, ok
}

// MustLookup is Lookup for codes known to exist, such as Source.
func MustLookup(code string) Language {
	l, ok := Lookup(code)
	if !ok {
		panic("i18n: unknown language " + code)
	}
	return l
}

// Match picks the best portal language for an Accept-Language header (or any list of
// preferences). A malformed header or one with no acceptable match gives German.
func Match(prefs ...string) Language {
	var tags []language.Tag
	for _, p := range prefs {
		t, _, err := language.ParseAcceptLanguage(p)
		if err != nil {
			continue
		}
		tags = append(tags, t...)
	}
	if len(tags) == 0 {
		return MustLookup(Source)
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return MustLookup(Source)
	}
	return matchable[idx]
}

// Closest returns the portal language a URL's language code stands for when it
// is not one of ours but clearly means one ("en-US" → en, "zh-CN" → zh-Hans),
// so such links redirect instead of failing.
func Closest(code string) (Language, bool) {
	tag, err := language.Parse(code)
	if err != nil {
		return Language{}, false
	}
	_, idx, conf := matcher.Match(tag)
	if conf < language.High {
		return Language{}, false
	}
	return matchable[idx], true
}
