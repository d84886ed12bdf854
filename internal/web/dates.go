package web

import (
	"time"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/bg"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en_001"
	"github.com/go-playground/locales/fa"
	"github.com/go-playground/locales/pl"
	"github.com/go-playground/locales/ro"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/uk"
	"github.com/go-playground/locales/zh_Hans"

	"lotse/internal/i18n"
)

// cldr holds the CLDR date formats of each portal language. English is
// international English (en-001: "Friday, 4 December 2026"); German in
// Einfache Sprache writes dates as German does.
var cldr = map[string]locales.Translator{
	"de": de.New(), i18n.Simple: de.New(), "en": en_001.New(), "ar": ar.New(), "fa": fa.New(),
	"uk": uk.New(), "ru": ru.New(), "tr": tr.New(), "pl": pl.New(), "ro": ro.New(), "bg": bg.New(),
	"zh-Hans": zh_Hans.New(),
}

// longDate writes a date with weekday and month name in the reader's language
// by its CLDR full date format, e.g. "Freitag, 4. Dezember 2026" or
// "الجمعة، 4 ديسمبر 2026".
func longDate(t *i18n.T, d time.Time) string {
	l, ok := cldr[t.Lang.Code]
	if !ok {
		l = cldr[i18n.Source]
	}
	return l.FmtDateFull(d)
}
