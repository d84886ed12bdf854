package i18n

import (
	"time"

	cldrfmt "github.com/go-playground/locales"
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
)

// cldr holds the CLDR date and time formats of each portal language. English
// is international English (en-001: "Friday, 4 December 2026"); German in
// Einfache Sprache writes dates as German does.
var cldr = map[string]cldrfmt.Translator{
	"de": de.New(), Simple: de.New(), "en": en_001.New(), "ar": ar.New(), "fa": fa.New(),
	"uk": uk.New(), "ru": ru.New(), "tr": tr.New(), "pl": pl.New(), "ro": ro.New(), "bg": bg.New(),
	"zh-Hans": zh_Hans.New(),
}

// formats returns the CLDR formats of the translator's language.
func (t *T) formats() cldrfmt.Translator {
	if l, ok := cldr[t.Lang.Code]; ok {
		return l
	}
	return cldr[Source]
}

// LongDate writes a date with weekday and month name by the language's CLDR
// full date format, e.g. "Freitag, 4. Dezember 2026" or "الجمعة، 4 ديسمبر 2026".
// The caller converts d to the time zone it means.
func (t *T) LongDate(d time.Time) string { return t.formats().FmtDateFull(d) }

// ShortTime writes a time of day by the language's CLDR short time format,
// e.g. "09:20" in German or "9:20 ص" in Arabic.
func (t *T) ShortTime(d time.Time) string { return t.formats().FmtTimeShort(d) }
