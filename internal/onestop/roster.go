package onestop

import (
	"slices"
	"strconv"

	"lotse/internal/errs"
)

// Limits of a roster, so that bad input is refused, not stored.
const (
	MaxDesks      = 50  // desks of one agency on one date
	MaxMinutes    = 240 // length of one service
	MaxServices   = 30  // services of one agency
	MaxRosterSize = 50  // agencies and interpreter pools of one date, each
	MaxWalkins    = 1000
)

// Roster is who serves on a date: the agencies present with their desks and
// services, and the interpreters on call.
type Roster struct {
	Agencies     []Station     `json:"agencies"`
	Interpreters []Interpreter `json:"interpreters,omitempty"`
	// Walkins is how many visitors without a booking the county expects;
	// the booking forecasts model them (Date.BookingDay).
	Walkins int `json:"walkins,omitempty"`
	// LastEntry is the latest first start a booking is offered, in
	// minutes after the opening; 0 is the latest at which the longest
	// service still ends by closing (Date.BookingDay).
	LastEntry int `json:"last_entry,omitempty"`
}

// Station is one agency on a date: Desks desks, WalkIn of them kept for
// visitors without a booking, the services it offers with their length, and
// WalkinShare, the share (0..1) of walk-ins expected to need the agency.
type Station struct {
	Agency      string    `json:"agency"`
	Desks       int       `json:"desks"`
	WalkIn      int       `json:"walk_in,omitempty"`
	WalkinShare float64   `json:"walkin_share,omitempty"`
	Services    []Service `json:"services"`
}

// Service is one service of an agency ("work-permit", "kindergeld") and how
// many minutes a desk plans for it.
type Service struct {
	ID      string `json:"id"`
	Minutes int    `json:"minutes"`
}

// Interpreter is the pool of Count interpreters for one language on a date,
// present From to To local time ("09:00"; both empty: the whole day).
type Interpreter struct {
	Lang  string `json:"lang"`
	Count int    `json:"count"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
}

// Station returns the station of agency id.
func (r Roster) Station(id string) (Station, bool) {
	i := slices.IndexFunc(r.Agencies, func(s Station) bool { return s.Agency == id })
	if i < 0 {
		return Station{}, false
	}
	return r.Agencies[i], true
}

// Service returns the service with the given id.
func (s Station) Service(id string) (Service, bool) {
	i := slices.IndexFunc(s.Services, func(v Service) bool { return v.ID == id })
	if i < 0 {
		return Service{}, false
	}
	return s.Services[i], true
}

// Validate checks the roster against the site's agencies: every agency known
// and listed once, 1..MaxDesks desks with fewer kept for walk-ins than there
// are, a walk-in share in 0..1 and 0..MaxWalkins walk-ins expected, at least one service of 1..MaxMinutes minutes with unique ids, and
// interpreter pools with a language, a count and hours inside open..close
// (minutes after midnight). The error names the field in JSON path form
// ("roster[2].desks").
func (r Roster) Validate(site Site, open, close int) error {
	if len(r.Agencies) == 0 {
		return invalid("onestop.error.roster", "roster")
	}
	if len(r.Agencies) > MaxRosterSize || len(r.Interpreters) > MaxRosterSize {
		return invalid("onestop.error.roster", "roster")
	}
	if r.Walkins < 0 || r.Walkins > MaxWalkins {
		return invalid("onestop.error.roster", "walkins")
	}
	if r.LastEntry < 0 || r.LastEntry > close-open {
		return invalid("onestop.error.roster", "last_entry")
	}
	seen := map[string]bool{}
	for i, st := range r.Agencies {
		at := "roster[" + strconv.Itoa(i) + "]"
		if _, ok := site.Agency(st.Agency); !ok || seen[st.Agency] {
			return invalid("onestop.error.agency", at+".agency")
		}
		seen[st.Agency] = true
		if st.Desks < 1 || st.Desks > MaxDesks {
			return invalid("onestop.error.roster", at+".desks")
		}
		if st.WalkIn < 0 || st.WalkIn >= st.Desks {
			return invalid("onestop.error.roster", at+".walk_in")
		}
		if !(st.WalkinShare >= 0 && st.WalkinShare <= 1) {
			return invalid("onestop.error.roster", at+".walkin_share")
		}
		if len(st.Services) == 0 || len(st.Services) > MaxServices {
			return invalid("onestop.error.roster", at+".services")
		}
		ids := map[string]bool{}
		for j, sv := range st.Services {
			sat := at + ".services[" + strconv.Itoa(j) + "]"
			if !isID(sv.ID) || ids[sv.ID] {
				return invalid("onestop.error.roster", sat+".id")
			}
			ids[sv.ID] = true
			if sv.Minutes < 1 || sv.Minutes > MaxMinutes || sv.Minutes > close-open {
				return invalid("onestop.error.roster", sat+".minutes")
			}
		}
	}
	langs := map[string]bool{}
	for i, in := range r.Interpreters {
		at := "interpreters[" + strconv.Itoa(i) + "]"
		if !isID(in.Lang) || langs[in.Lang] {
			return invalid("onestop.error.roster", at+".lang")
		}
		langs[in.Lang] = true
		if in.Count < 1 || in.Count > MaxDesks {
			return invalid("onestop.error.roster", at+".count")
		}
		if _, _, ok := in.window(open, close); !ok {
			return invalid("onestop.error.roster", at+".from")
		}
	}
	return nil
}

// window returns the pool's hours in minutes after midnight, the whole day
// open..close when From and To are empty; false when they are malformed or
// outside the day.
func (in Interpreter) window(open, close int) (from, to int, ok bool) {
	if in.From == "" && in.To == "" {
		return open, close, true
	}
	from, ok1 := parseClock(in.From)
	to, ok2 := parseClock(in.To)
	return from, to, ok1 && ok2 && open <= from && from < to && to <= close
}

// isID reports whether s is a short id of ASCII letters, digits and dashes:
// agency, service and language ids ("abh", "work-permit", "zh-Hans").
func isID(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// invalid is a bad-input error naming the field.
func invalid(key, field string) error {
	e := errs.E(errs.Invalid, key)
	e.Field = field
	return e
}
