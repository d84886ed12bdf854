package onestop

import (
	"slices"
	"strconv"
	"strings"
)

// Site is a county's One-Stop-Shop as the county describes it: where it is
// held, the rule for its dates, the agencies that can take part (each an
// agency id with the place page that names it), the roster a date made from
// the rule starts with, and the concerns visitors can pick. It is part of the
// county's data (content.County), so another county runs the same binary.
type Site struct {
	Place   string `json:"place"`
	Address string `json:"address"`
	Rule
	Agencies []Agency `json:"agencies"`
	// Roster is the template every date made from the rule starts with.
	Roster Roster `json:"roster"`
	// Concerns are what a visitor can pick; each leads to one agency service.
	Concerns []Concern `json:"concerns"`
	Advice   []string  `json:"advice_languages"`
	// BookingURL is where visitors book a slot outside lotse, BookingForm the
	// form's number there.
	BookingURL  string `json:"booking_url,omitempty"`
	BookingForm string `json:"booking_form,omitempty"`
}

// Agency is one agency that can sit at the One-Stop-Shop: a short, stable id
// ("abh", "aa", "jobcom", …) used in rosters, bookings and the API, and the
// slug of the content place whose (translated) name and page stand for it.
type Agency struct {
	ID    string `json:"id"`
	Place string `json:"place"`
}

// Concern is something a visitor can come for ("work permit", "Kindergeld"):
// the service of an agency that handles it. Its label is the UI string
// "onestop.concern.<ID>" in every language.
type Concern struct {
	ID      string `json:"id"`
	Agency  string `json:"agency"`
	Service string `json:"service"`
}

// Where is the One-Stop-Shop's place and address on one line, as a calendar
// entry's location and a booking card give it.
func (s Site) Where() string {
	return strings.Trim(s.Place+", "+s.Address, ", ")
}

// Places returns the place slugs of the site's agencies, in the site's order:
// the offices a Lotse plan may send to the One-Stop-Shop.
func (s Site) Places() []string {
	out := make([]string, 0, len(s.Agencies))
	for _, a := range s.Agencies {
		out = append(out, a.Place)
	}
	return out
}

// Agency returns the agency with the given id.
func (s Site) Agency(id string) (Agency, bool) {
	i := slices.IndexFunc(s.Agencies, func(a Agency) bool { return a.ID == id })
	if i < 0 {
		return Agency{}, false
	}
	return s.Agencies[i], true
}

// Concern returns the concern with the given id.
func (s Site) Concern(id string) (Concern, bool) {
	i := slices.IndexFunc(s.Concerns, func(c Concern) bool { return c.ID == id })
	if i < 0 {
		return Concern{}, false
	}
	return s.Concerns[i], true
}

// parseClock parses "HH:MM" into minutes after midnight.
func parseClock(s string) (int, bool) {
	hs, ms, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(hs)
	mm, err2 := strconv.Atoi(ms)
	if !ok || len(hs) != 2 || len(ms) != 2 || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}
