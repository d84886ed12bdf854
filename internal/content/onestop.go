package content

import (
	"strconv"
	"strings"
	"time"
)

// Next returns the start and end of the next One-Stop-Shop that has not ended at
// now, in loc, by the county's rule (the Nth weekday of each month). The booking
// issue replaces the rule with dates staff set up; until then the rule is the
// published one.
func (o OneStop) Next(now time.Time, loc *time.Location) (start, end time.Time) {
	now = now.In(loc)
	sh, sm := clock(o.Start, 9, 0)
	eh, em := clock(o.End, 12, 0)
	nth := max(o.Nth, 1)
	for i := 0; i < 3; i++ {
		first := time.Date(now.Year(), now.Month()+time.Month(i), 1, 0, 0, 0, 0, loc)
		offset := (o.Weekday - int(first.Weekday()) + 7) % 7
		day := first.AddDate(0, 0, offset+7*(nth-1))
		start = time.Date(day.Year(), day.Month(), day.Day(), sh, sm, 0, 0, loc)
		end = time.Date(day.Year(), day.Month(), day.Day(), eh, em, 0, 0, loc)
		if end.After(now) {
			return start, end
		}
	}
	return start, end
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
