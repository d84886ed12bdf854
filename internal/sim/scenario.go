package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
)

// Scenario is one scenario file of the protocol (oss-day.md), plus the
// optional Interpreters field of this simulator.
type Scenario struct {
	Name         string       `json:"name"`
	Days         int          `json:"days"`
	Seed         int64        `json:"seed"`
	OpenMin      int          `json:"open_min"`
	CloseMin     int          `json:"close_min"`
	LastEntryMin int          `json:"last_entry_min"`
	Agencies     []Agency     `json:"agencies"`
	ServiceCV    float64      `json:"service_cv"`
	BookedShare  float64      `json:"booked_share"`
	ArrivalSD    float64      `json:"booking_arrival_sd_min"`
	NoShow       float64      `json:"no_show"`
	ArrivalsMean float64      `json:"arrivals_mean"`
	Disruptions  []Disruption `json:"disruptions"`
	Burst        *Burst       `json:"walkin_burst,omitempty"`
	Policies     []string     `json:"policies"`
	// Interpreters is optional: interpreters of the day by language, and
	// the share of visitors who need each language at every service.
	Interpreters []InterpreterPool `json:"interpreters,omitempty"`
}

// Agency is one agency present at the One-Stop-Shop.
type Agency struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Desks   int     `json:"desks"`
	MeanMin float64 `json:"mean_min"`
	Share   float64 `json:"share"`
}

// Disruption makes DesksAbsent desks of Agency start no new service from
// FromMin to ToMin.
type Disruption struct {
	Agency      string `json:"agency"`
	DesksAbsent int    `json:"desks_absent"`
	FromMin     int    `json:"from_min"`
	ToMin       int    `json:"to_min"`
}

// Burst adds Count walk-ins arriving at AtMin.
type Burst struct {
	AtMin int `json:"at_min"`
	Count int `json:"count"`
}

// InterpreterPool is Count interpreters of Language; each visitor needs that
// language with probability Share (drawn from its own random stream, so a
// scenario without interpreters draws the same days).
type InterpreterPool struct {
	Language string  `json:"language"`
	Count    int     `json:"count"`
	Share    float64 `json:"share"`
}

// LoadScenario reads and validates a scenario file.
func LoadScenario(path string) (*Scenario, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseScenario(b)
}

// ParseScenario decodes and validates a scenario; unknown fields are errors,
// so a misspelt field never silently takes its zero value.
func ParseScenario(b []byte) (*Scenario, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var sc Scenario
	if err := dec.Decode(&sc); err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	if err := sc.Validate(); err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	return &sc, nil
}

// Validate reports the first value outside what the model allows.
func (sc *Scenario) Validate() error {
	switch {
	case sc.Days < 1:
		return errors.New("days must be at least 1")
	case sc.OpenMin != 0:
		return errors.New("open_min must be 0 (times are minutes after opening)")
	case sc.LastEntryMin < 0 || sc.CloseMin < sc.LastEntryMin:
		return errors.New("need 0 <= last_entry_min <= close_min")
	case len(sc.Agencies) == 0:
		return errors.New("no agencies")
	case sc.ServiceCV < 0 || sc.ArrivalSD < 0:
		return errors.New("service_cv and booking_arrival_sd_min must not be negative")
	case !isShare(sc.BookedShare) || !isShare(sc.NoShow):
		return errors.New("booked_share and no_show must be in [0, 1]")
	case sc.ArrivalsMean < 0 || sc.ArrivalsMean > 1000:
		return errors.New("arrivals_mean must be in [0, 1000]")
	}
	ids := map[string]int{}
	anyShare := false
	for _, a := range sc.Agencies {
		switch {
		case a.ID == "":
			return errors.New("an agency has no id")
		case ids[a.ID] > 0:
			return fmt.Errorf("agency %q listed twice", a.ID)
		case a.Desks < 1 || a.Desks > 50:
			return fmt.Errorf("agency %q: desks must be in [1, 50]", a.ID)
		case a.MeanMin < 1 || a.MeanMin > 600:
			return fmt.Errorf("agency %q: mean_min must be in [1, 600]", a.ID)
		case !isShare(a.Share):
			return fmt.Errorf("agency %q: share must be in [0, 1]", a.ID)
		}
		ids[a.ID] = a.Desks
		anyShare = anyShare || a.Share > 0
	}
	if !anyShare {
		return errors.New("every agency has share 0, so no visitor can need anything")
	}
	for _, d := range sc.Disruptions {
		desks, ok := ids[d.Agency]
		switch {
		case !ok:
			return fmt.Errorf("disruption at unknown agency %q", d.Agency)
		case d.DesksAbsent < 1 || d.DesksAbsent > desks:
			return fmt.Errorf("disruption at %q: desks_absent must be in [1, %d]", d.Agency, desks)
		case d.FromMin < 0 || d.ToMin <= d.FromMin:
			return fmt.Errorf("disruption at %q: need 0 <= from_min < to_min", d.Agency)
		}
	}
	if b := sc.Burst; b != nil && (b.Count < 0 || b.Count > 1000 || b.AtMin < 0 || b.AtMin > sc.LastEntryMin) {
		return errors.New("walkin_burst: count must be in [0, 1000] and at_min in [0, last_entry_min]")
	}
	for _, p := range sc.Policies {
		if !slices.Contains(Policies, p) {
			return fmt.Errorf("unknown policy %q (known: %v)", p, Policies)
		}
	}
	langs := map[string]bool{}
	for _, in := range sc.Interpreters {
		switch {
		case in.Language == "" || langs[in.Language]:
			return errors.New("interpreters: every language must be named once")
		case in.Count < 1 || in.Count > 50:
			return fmt.Errorf("interpreters %q: count must be in [1, 50]", in.Language)
		case !isShare(in.Share):
			return fmt.Errorf("interpreters %q: share must be in [0, 1]", in.Language)
		}
		langs[in.Language] = true
	}
	return nil
}

func isShare(x float64) bool { return x >= 0 && x <= 1 }

// absent returns how many desks of agency a are absent at minute t.
func (sc *Scenario) absent(agency string, t int) int {
	n := 0
	for _, d := range sc.Disruptions {
		if d.Agency == agency && d.FromMin <= t && t < d.ToMin {
			n += d.DesksAbsent
		}
	}
	return n
}

// backAt returns when an absence of agency covering minute t ends (0 if
// none covers t).
func (sc *Scenario) backAt(agency string, t int) int {
	back := 0
	for _, d := range sc.Disruptions {
		if d.Agency == agency && d.FromMin <= t && t < d.ToMin {
			back = max(back, d.ToMin)
		}
	}
	return back
}
