package web

import (
	"time"

	"lotse/internal/i18n"
)

// longDate writes a date with weekday and month name in the reader's language
// (i18n's CLDR full date format).
func longDate(t *i18n.T, d time.Time) string { return t.LongDate(d) }
