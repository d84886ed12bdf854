package content

import (
	"strconv"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
)

// holidaysNRW are the public holidays of North Rhine-Westphalia, where the
// county lies.
var holidaysNRW = func() *cal.Calendar {
	c := &cal.Calendar{}
	c.AddHoliday(de.HolidaysNW...)
	return c
}()

// Next returns the start and end of the next One-Stop-Shop that has not ended at
// now, in loc, by the county's rule (the Nth weekday of each month). When that
// day is a public holiday in North Rhine-Westphalia (New Year's Day on Friday
// 1 January 2027, Good Friday, Labour Day, All Saints' Day…), the One-Stop-Shop
// is held one week later on the same weekday, the next one that is no holiday,
// so that the agencies keep the weekday they reserve. The booking issue replaces
// the rule with dates staff set up; until then the rule is the published one.
func (o OneStop) Next(now time.Time, loc *time.Location) (start, end time.Time) {
	now = now.In(loc)
	sh, sm := clock(o.Start, 9, 0)
	eh, em := clock(o.End, 12, 0)
	nth := max(o.Nth, 1)
	for i := 0; i < 3; i++ {
		first := time.Date(now.Year(), now.Month()+time.Month(i), 1, 0, 0, 0, 0, loc)
		offset := (o.Weekday - int(first.Weekday()) + 7) % 7
		day := first.AddDate(0, 0, offset+7*(nth-1))
		for isHoliday(day) {
			day = day.AddDate(0, 0, 7)
		}
		start = time.Date(day.Year(), day.Month(), day.Day(), sh, sm, 0, 0, loc)
		end = time.Date(day.Year(), day.Month(), day.Day(), eh, em, 0, 0, loc)
		if end.After(now) {
			return start, end
		}
	}
	return start, end
}

// isHoliday reports whether day is a public holiday in North Rhine-Westphalia.
func isHoliday(day time.Time) bool {
	actual, _, _ := holidaysNRW.IsHoliday(day)
	return actual
}

// clock parses "HH:MM", falling back to the given default.
func clock(s string, h, m int) (int, int) {
	hs, ms, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(hs)
	mm, err2 := strconv.Atoi(ms)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return h, m
	}
	return hh, mm
}
