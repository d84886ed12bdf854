package itinerary

import "time"

// DefaultSlot is the slot granularity in minutes used when Day.Slot is 0.
const DefaultSlot = 5

// Day is one One-Stop-Shop day as the planner sees it: the agencies present
// with their desks and service durations, and the interpreters on call.
// All times are whole minutes from the day's opening (minute 0).
type Day struct {
	// Opens is the wall-clock time of minute 0. Only the conversion helpers
	// At and MinuteOf use it; the planner itself works in minutes.
	Opens time.Time
	// Minutes is the length of the opening window: every service runs
	// inside [0, Minutes).
	Minutes int
	// Slot is the granularity of service starts in minutes: a service starts
	// at a multiple of Slot from opening. 0 means DefaultSlot.
	Slot int
	// Agencies present on the day, each with a unique ID.
	Agencies []Agency
	// Interpreters on call, at most one entry per language.
	Interpreters []Interpreter
}

// Agency is one agency's offer on the day: Desks identical desks, each
// serving one visitor at a time for Duration minutes.
type Agency struct {
	ID       string
	Desks    int // 1..1000
	Duration int // minutes of one service, at least 1
	// DeskWindows, when nil, means every desk is staffed for the whole day.
	// Otherwise it holds one list per desk (len(DeskWindows) == Desks) of
	// the windows in which that desk is staffed; an empty list means the
	// desk is absent that day. A service lies inside one window of its desk.
	DeskWindows [][]Window
}

// Interpreter is the pool of Count interpreters for one language. The whole
// pool is present during Windows (nil or empty: the whole day). An
// interpreter is held for the whole of each service that needs one, so at
// no minute may more than Count such services of that language run.
// Because the pool is present or absent as a whole, any set of services
// that respects this count can be given to individual interpreters without
// a handover in the middle of a service.
type Interpreter struct {
	Lang    string // language code, e.g. "ar", "uk", "tr"
	Count   int
	Windows []Window
}

// Window is the half-open interval [Start, End) in minutes from opening.
type Window struct {
	Start, End int
}

// At returns the wall-clock time of minute m of the day.
func (d Day) At(m int) time.Time {
	return d.Opens.Add(time.Duration(m) * time.Minute)
}

// MinuteOf returns the whole minutes from opening to t, rounded down. The
// result may lie outside the day; Plan reports that as a ValidationError.
func (d Day) MinuteOf(t time.Time) int {
	dt := t.Sub(d.Opens)
	m := int(dt / time.Minute)
	if dt < 0 && dt%time.Minute != 0 {
		m--
	}
	return m
}

func (d Day) slot() int {
	if d.Slot == 0 {
		return DefaultSlot
	}
	return d.Slot
}

// agencyIndex returns the index of the agency with the given ID, or -1.
func (d Day) agencyIndex(id string) int {
	for i, a := range d.Agencies {
		if a.ID == id {
			return i
		}
	}
	return -1
}

// interpreterIndex returns the index of the pool for lang, or -1.
func (d Day) interpreterIndex(lang string) int {
	for i, p := range d.Interpreters {
		if p.Lang == lang {
			return i
		}
	}
	return -1
}
