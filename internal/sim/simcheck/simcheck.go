// Package simcheck re-checks the output of `lotse sim --log` from the
// outside: it reads the scenario, events.jsonl and days.csv, checks every
// constraint of the protocol (shared/benchmarks/oss-day.md) and recomputes
// every metric of days.csv. It shares no code with package sim, so a bug
// there cannot hide itself here.
package simcheck

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// scenario is the part of a scenario file the checks need.
type scenario struct {
	CloseMin     int `json:"close_min"`
	LastEntryMin int `json:"last_entry_min"`
	Agencies     []struct {
		ID    string `json:"id"`
		Desks int    `json:"desks"`
	} `json:"agencies"`
	Disruptions []struct {
		Agency      string `json:"agency"`
		DesksAbsent int    `json:"desks_absent"`
		FromMin     int    `json:"from_min"`
		ToMin       int    `json:"to_min"`
	} `json:"disruptions"`
	Interpreters []struct {
		Language string `json:"language"`
		Count    int    `json:"count"`
	} `json:"interpreters"`
}

// event is one line of events.jsonl, either kind.
type event struct {
	Type             string         `json:"type"`
	Day              int            `json:"day"`
	Policy           string         `json:"policy"`
	Visitor          int            `json:"visitor"`
	Booked           bool           `json:"booked"`
	NoShow           bool           `json:"no_show"`
	Desired          *int           `json:"desired"`
	Arrival          *int           `json:"arrival"`
	Needs            []string       `json:"needs"`
	Service          map[string]int `json:"service"`
	FirstAppointment *int           `json:"first_appointment"`
	Language         string         `json:"language"`
	Agency           string         `json:"agency"`
	Desk             int            `json:"desk"`
	Start            int            `json:"start"`
	End              int            `json:"end"`
	Interpreter      *int           `json:"interpreter"`
}

type run struct {
	day    int
	policy string
}

// Report is what a successful check found: the mean stretch per policy
// recomputed from the log, and the number of days checked.
type Report struct {
	Days    int
	Stretch map[string]float64
}

// CheckDir checks DIR/events.jsonl and DIR/days.csv against the scenario
// file.
func CheckDir(scenarioPath, dir string) (*Report, error) {
	b, err := os.ReadFile(scenarioPath)
	if err != nil {
		return nil, err
	}
	events, err := os.Open(filepath.Join(dir, "events.jsonl"))
	if err != nil {
		return nil, err
	}
	defer events.Close()
	days, err := os.Open(filepath.Join(dir, "days.csv"))
	if err != nil {
		return nil, err
	}
	defer days.Close()
	return Check(b, events, days)
}

// Check checks a log and its days.csv against a scenario (JSON). The error
// lists up to twenty violations.
func Check(scenarioJSON []byte, events, daysCSV io.Reader) (*Report, error) {
	var sc scenario
	if err := json.Unmarshal(scenarioJSON, &sc); err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	c := &checker{sc: sc, visitors: map[run]map[int]*event{}, services: map[run][]*event{}}
	if err := c.read(events); err != nil {
		return nil, err
	}
	c.sameDays()
	metrics := map[run]metrics{}
	for r := range c.visitors {
		metrics[r] = c.checkRun(r)
	}
	if err := c.compare(daysCSV, metrics); err != nil {
		return nil, err
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	rep := &Report{Stretch: map[string]float64{}}
	count := map[string]int{}
	daySet := map[int]bool{}
	for r, m := range metrics {
		rep.Stretch[r.policy] += m.stretch
		count[r.policy]++
		daySet[r.day] = true
	}
	for p := range rep.Stretch {
		rep.Stretch[p] /= float64(count[p])
	}
	rep.Days = len(daySet)
	return rep, nil
}

type checker struct {
	sc       scenario
	visitors map[run]map[int]*event
	services map[run][]*event
	errs     []error
}

func (c *checker) bad(format string, a ...any) {
	if len(c.errs) < 20 {
		c.errs = append(c.errs, fmt.Errorf(format, a...))
	}
}

func (c *checker) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		e := new(event)
		if err := json.Unmarshal(sc.Bytes(), e); err != nil {
			return fmt.Errorf("events.jsonl line %d: %w", line, err)
		}
		k := run{e.Day, e.Policy}
		switch e.Type {
		case "visitor":
			if c.visitors[k] == nil {
				c.visitors[k] = map[int]*event{}
			}
			if c.visitors[k][e.Visitor] != nil {
				c.bad("day %d %s: visitor %d listed twice", e.Day, e.Policy, e.Visitor)
			}
			c.visitors[k][e.Visitor] = e
		case "service":
			c.services[k] = append(c.services[k], e)
		default:
			return fmt.Errorf("events.jsonl line %d: unknown type %q", line, e.Type)
		}
	}
	return sc.Err()
}

// sameDays checks common random numbers: every policy of a day sees the
// same visitors with the same needs, times, bookings and no-shows.
func (c *checker) sameDays() {
	first := map[int]run{}
	keys := make([]run, 0, len(c.visitors))
	for r := range c.visitors {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].day < keys[j].day || keys[i].day == keys[j].day && keys[i].policy < keys[j].policy
	})
	for _, r := range keys {
		ref, ok := first[r.day]
		if !ok {
			first[r.day] = r
			continue
		}
		a, b := c.visitors[ref], c.visitors[r]
		if len(a) != len(b) {
			c.bad("day %d: %s has %d visitors, %s has %d", r.day, ref.policy, len(a), r.policy, len(b))
			continue
		}
		for id, x := range a {
			y := b[id]
			if y == nil || !sameVisitor(x, y) {
				c.bad("day %d: visitor %d differs between %s and %s", r.day, id, ref.policy, r.policy)
			}
		}
	}
}

func sameVisitor(x, y *event) bool {
	if x.Booked != y.Booked || x.NoShow != y.NoShow || x.Language != y.Language ||
		(x.Desired == nil) != (y.Desired == nil) || x.Desired != nil && *x.Desired != *y.Desired ||
		len(x.Service) != len(y.Service) || len(x.Needs) != len(y.Needs) {
		return false
	}
	for a, t := range x.Service {
		if y.Service[a] != t {
			return false
		}
	}
	return true
}
