package booking

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// Stop is one agency of an itinerary, in minutes from the date's opening:
// the visitor is served from Start until End (Start plus the agency's mean
// service time, what the forecast plans with).
type Stop struct {
	Agency string `json:"agency"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Itinerary is one proposed visit of a date: its stops in time order and the
// interpreter language held at every stop ("" for none). Its ID is what a
// client sends back to hold it; the store trusts nothing in it but checks the
// stops against the date's roster again.
type Itinerary struct {
	DateID   int64
	Language string
	Stops    []Stop
}

// ID encodes the itinerary as an opaque, URL-safe string.
func (it Itinerary) ID() string {
	parts := []string{strconv.FormatInt(it.DateID, 10), it.Language}
	for _, s := range it.Stops {
		parts = append(parts, s.Agency+"@"+strconv.Itoa(s.Start))
	}
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(parts, "|")))
}

// maxItineraryID bounds the length of an itinerary id a client sends.
const maxItineraryID = 2048

// ParseItinerary decodes an itinerary id against its date: every stop's
// agency must be on the date's roster with a desk open to booking, once, and
// the stops must follow each other within the day without overlapping. Ends
// come from the roster, never from the id. A malformed id or one that does
// not fit the date is Invalid, naming the field "itinerary".
func ParseItinerary(id string, date func(int64) (onestop.Date, error)) (Itinerary, onestop.Date, error) {
	bad := &errs.Error{Kind: errs.Invalid, MsgKey: "booking.error.itinerary", Field: "itinerary"}
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if len(id) > maxItineraryID || err != nil {
		return Itinerary{}, onestop.Date{}, bad
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) < 3 {
		return Itinerary{}, onestop.Date{}, bad
	}
	dateID, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return Itinerary{}, onestop.Date{}, bad
	}
	d, err := date(dateID)
	if errs.KindOf(err) == errs.NotFound {
		return Itinerary{}, onestop.Date{}, bad
	}
	if err != nil {
		return Itinerary{}, onestop.Date{}, err
	}
	it := Itinerary{DateID: dateID, Language: parts[1]}
	est := d.Estimates()
	for _, p := range parts[2:] {
		agency, min, ok := strings.Cut(p, "@")
		start, err := strconv.Atoi(min)
		if !ok || err != nil {
			return Itinerary{}, onestop.Date{}, bad
		}
		it.Stops = append(it.Stops, Stop{Agency: agency, Start: start, End: start + int(est[agency])})
	}
	if err := it.fits(d); err != nil {
		bad.Err = err
		return Itinerary{}, onestop.Date{}, bad
	}
	return it, d, nil
}

// fits reports why the itinerary does not fit its date's roster, or nil.
func (it Itinerary) fits(d onestop.Date) error {
	if len(it.Stops) == 0 || len(it.Stops) > onestop.MaxRosterSize {
		return fmt.Errorf("%d stops", len(it.Stops))
	}
	if it.Language != "" && interpreters(d, it.Language) == 0 {
		return fmt.Errorf("no %q interpreter", it.Language)
	}
	prev := 0
	for i, s := range it.Stops {
		st, ok := d.Roster.Station(s.Agency)
		switch {
		case !ok || st.Desks-st.WalkIn < 1:
			return fmt.Errorf("agency %q not bookable", s.Agency)
		case slices.ContainsFunc(it.Stops[:i], func(o Stop) bool { return o.Agency == s.Agency }):
			return fmt.Errorf("agency %q twice", s.Agency)
		case s.Start < prev || s.End <= s.Start || s.End > d.Minutes():
			return fmt.Errorf("stop %q at %d outside the day or overlapping", s.Agency, s.Start)
		}
		prev = s.End
	}
	return nil
}

// interpreters counts the date's interpreters of a language.
func interpreters(d onestop.Date, lang string) int {
	n := 0
	for _, in := range d.Roster.Interpreters {
		if in.Lang == lang {
			n += in.Count
		}
	}
	return n
}

// Times returns a stop's start and end as times of the date.
func (s Stop) Times(d onestop.Date) (start, end time.Time) {
	return d.Start.Add(time.Duration(s.Start) * time.Minute), d.Start.Add(time.Duration(s.End) * time.Minute)
}
