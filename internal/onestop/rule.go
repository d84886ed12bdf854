package onestop

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
)

// Rule is the county's recurring rule for One-Stop-Shop dates: the Nth
// Weekday of each month, from Start to End local time ("09:00", "12:00").
type Rule struct {
	Weekday int    `json:"weekday"` // 0 = Sunday … 5 = Friday
	Nth     int    `json:"nth"`     // 1 = first
	Start   string `json:"start"`   // "09:00"
	End     string `json:"end"`     // "12:00"
}

// holidaysNRW are the public holidays of North Rhine-Westphalia, where the
// county lies.
var holidaysNRW = func() *cal.Calendar {
	c := &cal.Calendar{}
	c.AddHoliday(de.HolidaysNW...)
	return c
}()

// IsHoliday reports whether the calendar day of day (in its location) is a
// public holiday in North Rhine-Westphalia. No public date is held on one.
func IsHoliday(day time.Time) bool {
	actual, _, _ := holidaysNRW.IsHoliday(day)
	return actual
}

// Hours returns the opening and closing time of the rule's dates in minutes
// after midnight; a missing or malformed time falls back to 9:00 and 12:00,
// the county's published hours.
func (r Rule) Hours() (open, close int) {
	open, ok := parseClock(r.Start)
	if !ok {
		open = 9 * 60
	}
	close, ok = parseClock(r.End)
	if !ok || close <= open {
		close = max(12*60, open+60)
	}
	return open, min(close, 24*60-1)
}

// DayIn returns the rule's day in the given month, at midnight in loc. When
// the Nth weekday is a public holiday in North Rhine-Westphalia (New Year's
// Day on Friday 1 January 2027, Good Friday, Labour Day, All Saints' Day…),
// the One-Stop-Shop is held one week later on the same weekday, the next one
// that is no holiday, so that the agencies keep the weekday they reserve.
func (r Rule) DayIn(year int, month time.Month, loc *time.Location) time.Time {
	first := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	offset := (r.Weekday - int(first.Weekday()) + 7) % 7
	day := first.AddDate(0, 0, offset+7*(max(r.Nth, 1)-1))
	for IsHoliday(day) {
		day = day.AddDate(0, 0, 7)
	}
	return day
}

// At returns the start and end of the One-Stop-Shop on day (any time of that
// calendar day in loc) by the rule's hours. Across a change to or from summer
// time the hours stay the local ones.
func (r Rule) At(day time.Time, loc *time.Location) (start, end time.Time) {
	open, close := r.Hours()
	return clockOn(day, open, loc), clockOn(day, close, loc)
}

// Next returns the start and end of the next One-Stop-Shop by the rule that
// has not ended at now, in loc.
func (r Rule) Next(now time.Time, loc *time.Location) (start, end time.Time) {
	now = now.In(loc)
	for i := 0; i < 3; i++ {
		start, end = r.At(r.DayIn(now.Year(), now.Month()+time.Month(i), loc), loc)
		if end.After(now) {
			return start, end
		}
	}
	return start, end
}

// Days returns the rule's days of the months from now's month on, months of
// them, that have not ended at now: midnight in loc of each.
func (r Rule) Days(now time.Time, months int, loc *time.Location) []time.Time {
	now = now.In(loc)
	var out []time.Time
	for i := range months {
		day := r.DayIn(now.Year(), now.Month()+time.Month(i), loc)
		if _, end := r.At(day, loc); end.After(now) {
			out = append(out, day)
		}
	}
	return out
}

// clockOn returns the time minutes after midnight on day's calendar day in loc.
func clockOn(day time.Time, minutes int, loc *time.Location) time.Time {
	day = day.In(loc)
	return time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, loc)
}
