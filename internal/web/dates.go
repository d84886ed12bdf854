package web

import (
	"strconv"
	"time"

	"lotse/internal/i18n"
)

// longDate writes a date with weekday and month name in the reader's language,
// e.g. "Freitag, 4. Dezember 2026" or "Friday, 4 December 2026".
func longDate(t *i18n.T, d time.Time) string {
	return t.Get("date.long",
		"Weekday", t.Get("weekday."+strconv.Itoa(int(d.Weekday()))),
		"Day", d.Day(),
		"Month", t.Get("month."+strconv.Itoa(int(d.Month()))),
		"Year", d.Year())
}
