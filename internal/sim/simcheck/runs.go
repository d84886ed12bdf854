package simcheck

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// metrics are one day and policy's figures, recomputed from the log.
type metrics struct {
	arrivals, servedByClose, p95, maxWait, overtime int
	stretch, meanWait, utilisation                  float64
	stretchWalkin, stretchBooked, bookingDelay      float64
}

type interval struct{ start, end int }

func overlapping(iv []interval) bool {
	sort.Slice(iv, func(i, j int) bool { return iv[i].start < iv[j].start })
	for i := 1; i < len(iv); i++ {
		if iv[i-1].end > iv[i].start {
			return true
		}
	}
	return false
}

// checkRun checks the constraints of one day and policy and recomputes its
// metrics.
func (c *checker) checkRun(r run) metrics {
	desks := map[string]int{}
	for _, a := range c.sc.Agencies {
		desks[a.ID] = a.Desks
	}
	var langs []string
	for _, p := range c.sc.Interpreters {
		for range p.Count {
			langs = append(langs, p.Language)
		}
	}
	vs := c.visitors[r]
	perV := map[int][]*event{}
	perDesk := map[string][]interval{}
	perInterp := map[int][]interval{}
	busy := 0
	for _, s := range c.services[r] {
		v := vs[s.Visitor]
		switch {
		case v == nil:
			c.bad("day %d %s: service of unknown visitor %d", r.day, r.policy, s.Visitor)
			continue
		case v.Service[s.Agency] == 0:
			c.bad("day %d %s: visitor %d served at %q, not needed", r.day, r.policy, s.Visitor, s.Agency)
		case s.End-s.Start != v.Service[s.Agency]:
			c.bad("day %d %s: visitor %d at %s took %d, true %d", r.day, r.policy, s.Visitor, s.Agency, s.End-s.Start, v.Service[s.Agency])
		case v.Arrival == nil || s.Start < *v.Arrival:
			c.bad("day %d %s: visitor %d served before arriving", r.day, r.policy, s.Visitor)
		case s.Desk < 0 || s.Desk >= desks[s.Agency]:
			c.bad("day %d %s: desk %d of %s out of range", r.day, r.policy, s.Desk, s.Agency)
		}
		if v.Language != "" {
			if s.Interpreter == nil || *s.Interpreter < 0 || *s.Interpreter >= len(langs) || langs[*s.Interpreter] != v.Language {
				c.bad("day %d %s: visitor %d served without a %s interpreter", r.day, r.policy, s.Visitor, v.Language)
			} else {
				perInterp[*s.Interpreter] = append(perInterp[*s.Interpreter], interval{s.Start, s.End})
			}
		}
		perV[s.Visitor] = append(perV[s.Visitor], s)
		key := fmt.Sprintf("%s/%d", s.Agency, s.Desk)
		perDesk[key] = append(perDesk[key], interval{s.Start, s.End})
		busy += max(0, min(s.End, c.sc.CloseMin)-s.Start)
	}
	for k, iv := range perDesk {
		if overlapping(iv) {
			c.bad("day %d %s: desk %s double-booked", r.day, r.policy, k)
		}
	}
	for k, iv := range perInterp {
		if overlapping(iv) {
			c.bad("day %d %s: interpreter %d at two services at once", r.day, r.policy, k)
		}
	}
	c.checkAbsences(r, desks)
	return c.measure(r, perV, busy)
}

// checkAbsences checks that during a disruption no more desks start or keep
// serving than are present, counted at every start inside it.
func (c *checker) checkAbsences(r run, desks map[string]int) {
	for _, d := range c.sc.Disruptions {
		limit := desks[d.Agency] - d.DesksAbsent
		for _, s := range c.services[r] {
			if s.Agency != d.Agency || s.Start < d.FromMin || s.Start >= d.ToMin {
				continue
			}
			n := 0
			for _, o := range c.services[r] {
				if o.Agency == d.Agency && o.Start <= s.Start && s.Start < o.End {
					n++
				}
			}
			if n > limit {
				c.bad("day %d %s: %s uses %d desks at %d during an absence", r.day, r.policy, d.Agency, n, s.Start)
			}
		}
	}
}

func (c *checker) measure(r run, perV map[int][]*event, busy int) metrics {
	var m metrics
	var site, own, siteW, ownW, siteB, ownB float64
	var waits []int
	last, delays, delayN := 0, 0, 0
	for id, v := range c.visitors[r] {
		if v.Booked && v.FirstAppointment != nil && v.Desired != nil {
			delays += *v.FirstAppointment - *v.Desired
			delayN++
		}
		if v.NoShow {
			if v.Arrival != nil || len(perV[id]) > 0 {
				c.bad("day %d %s: no-show %d arrived or was served", r.day, r.policy, id)
			}
			continue
		}
		if v.Arrival == nil || *v.Arrival < 0 || *v.Arrival > c.sc.LastEntryMin {
			c.bad("day %d %s: visitor %d arrival outside [0, last entry]", r.day, r.policy, id)
			continue
		}
		got := map[string]int{}
		var iv []interval
		dep := 0
		for _, s := range perV[id] {
			got[s.Agency]++
			iv = append(iv, interval{s.Start, s.End})
			dep = max(dep, s.End)
		}
		work := 0
		for _, a := range v.Needs {
			work += v.Service[a]
			if got[a] != 1 {
				c.bad("day %d %s: visitor %d served %d times at %s", r.day, r.policy, id, got[a], a)
			}
		}
		if len(perV[id]) != len(v.Needs) || overlapping(iv) {
			c.bad("day %d %s: visitor %d not served exactly once per need, one at a time", r.day, r.policy, id)
		}
		stay := dep - *v.Arrival
		m.arrivals++
		site, own = site+float64(stay), own+float64(work)
		if v.Booked {
			siteB, ownB = siteB+float64(stay), ownB+float64(work)
		} else {
			siteW, ownW = siteW+float64(stay), ownW+float64(work)
		}
		waits = append(waits, stay-work)
		if dep <= c.sc.CloseMin {
			m.servedByClose++
		}
		last = max(last, dep)
	}
	ratio := func(a, b float64) float64 {
		if b == 0 {
			return 1
		}
		return a / b
	}
	m.stretch, m.stretchWalkin, m.stretchBooked = ratio(site, own), ratio(siteW, ownW), ratio(siteB, ownB)
	if len(waits) > 0 {
		sort.Ints(waits)
		sum := 0
		for _, w := range waits {
			sum += w
		}
		m.meanWait = float64(sum) / float64(len(waits))
		m.p95 = waits[max(0, int(math.Ceil(0.95*float64(len(waits))))-1)]
		m.maxWait = waits[len(waits)-1]
	}
	m.overtime = max(0, last-c.sc.CloseMin)
	if delayN > 0 {
		m.bookingDelay = float64(delays) / float64(delayN)
	}
	avail := 0
	for _, a := range c.sc.Agencies {
		for t := range c.sc.CloseMin {
			n := a.Desks
			for _, d := range c.sc.Disruptions {
				if d.Agency == a.ID && d.FromMin <= t && t < d.ToMin {
					n -= d.DesksAbsent
				}
			}
			avail += max(n, 0)
		}
	}
	if avail > 0 {
		m.utilisation = float64(busy) / float64(avail)
	}
	return m
}

const daysHeader = "day,policy,arrivals,served_by_close,stretch,mean_wait_min,p95_wait_min,max_wait_min,utilisation,overtime_min,stretch_walkin,stretch_booked,booking_delay_min"

// compare reads days.csv and checks every row against the recomputed
// metrics, and that rows and log cover the same days and policies.
func (c *checker) compare(r io.Reader, got map[run]metrics) error {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return fmt.Errorf("days.csv: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != daysHeader {
		return fmt.Errorf("days.csv: header is not %q", daysHeader)
	}
	seen := map[run]bool{}
	for i, row := range rows[1:] {
		f := make([]float64, len(row))
		for j, x := range row {
			if j == 1 {
				continue
			}
			if f[j], err = strconv.ParseFloat(x, 64); err != nil {
				return fmt.Errorf("days.csv row %d: %w", i+2, err)
			}
		}
		k := run{int(f[0]), row[1]}
		seen[k] = true
		m, ok := got[k]
		if !ok {
			c.bad("days.csv: day %d %s has no log", k.day, k.policy)
			continue
		}
		want := []float64{float64(m.arrivals), float64(m.servedByClose), m.stretch, m.meanWait,
			float64(m.p95), float64(m.maxWait), m.utilisation, float64(m.overtime),
			m.stretchWalkin, m.stretchBooked, m.bookingDelay}
		for j, w := range want {
			if math.Abs(f[j+2]-w) > 1e-3*max(1, math.Abs(w)) {
				c.bad("days.csv day %d %s: %s is %v, recomputed %.4f", k.day, k.policy, strings.Split(daysHeader, ",")[j+2], f[j+2], w)
			}
		}
	}
	for k := range got {
		if !seen[k] {
			c.bad("log: day %d %s has no row in days.csv", k.day, k.policy)
		}
	}
	return nil
}
