package sim

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// DaysHeader and SummaryHeader are the fixed headers of days.csv and
// summary.csv (oss-day.md, "Output formats").
const (
	DaysHeader    = "day,policy,arrivals,served_by_close,stretch,mean_wait_min,p95_wait_min,max_wait_min,utilisation,overtime_min,stretch_walkin,stretch_booked,booking_delay_min"
	SummaryHeader = "policy,days,stretch_mean,stretch_ci95,p95_wait_mean,mean_wait_mean,served_by_close_mean,overtime_mean,utilisation_mean"
)

// Write writes days.csv and summary.csv into dir (created if missing), and
// events.jsonl too when log is set.
func (r *Result) Write(dir string, log bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"days.csv", r.WriteDays},
		{"summary.csv", r.WriteSummary},
	}
	if log {
		files = append(files, struct {
			name  string
			write func(io.Writer) error
		}{"events.jsonl", r.WriteEvents})
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// WriteDays writes days.csv.
func (r *Result) WriteDays(w io.Writer) error {
	if _, err := fmt.Fprintln(w, DaysHeader); err != nil {
		return err
	}
	for _, d := range r.Days {
		_, err := fmt.Fprintf(w, "%d,%s,%d,%d,%s,%s,%d,%d,%s,%d,%s,%s,%s\n",
			d.Day, d.Policy, d.Arrivals, d.ServedByClose, num(d.Stretch), num(d.MeanWait),
			d.P95Wait, d.MaxWait, num(d.Utilisation), d.Overtime,
			num(d.StretchWalkin), num(d.StretchBooked), num(d.BookingDelay))
		if err != nil {
			return err
		}
	}
	return nil
}

// WriteSummary writes summary.csv.
func (r *Result) WriteSummary(w io.Writer) error {
	if _, err := fmt.Fprintln(w, SummaryHeader); err != nil {
		return err
	}
	for _, s := range r.Summary {
		_, err := fmt.Fprintf(w, "%s,%d,%s,%s,%s,%s,%s,%s,%s\n", s.Policy, s.Days,
			num(s.StretchMean), num(s.StretchCI95), num(s.P95WaitMean), num(s.MeanWaitMean),
			num(s.ServedByClose), num(s.OvertimeMean), num(s.Utilisation))
		if err != nil {
			return err
		}
	}
	return nil
}

// VisitorEvent is a "visitor" line of events.jsonl. FirstAppointment and
// Language are this simulator's additions: the first appointment (policies
// with appointments; it gives booking_delay) and the interpreter language.
type VisitorEvent struct {
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
	FirstAppointment *int           `json:"first_appointment,omitempty"`
	Language         string         `json:"language,omitempty"`
}

// ServiceEvent is a "service" line of events.jsonl. Interpreter (an index
// into the day's interpreters) is this simulator's addition.
type ServiceEvent struct {
	Type        string `json:"type"`
	Day         int    `json:"day"`
	Policy      string `json:"policy"`
	Visitor     int    `json:"visitor"`
	Agency      string `json:"agency"`
	Desk        int    `json:"desk"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Interpreter *int   `json:"interpreter,omitempty"`
}

// WriteEvents writes events.jsonl.
func (r *Result) WriteEvents(w io.Writer) error {
	enc := json.NewEncoder(w)
	sc := r.Scenario
	for i, d := range r.drawn {
		for _, o := range r.played[i] {
			for v, vis := range d.visitors {
				e := VisitorEvent{Type: "visitor", Day: d.number, Policy: o.policy, Visitor: v,
					Booked: vis.booked, NoShow: vis.noShow, Service: map[string]int{}, Language: vis.lang}
				if vis.booked {
					e.Desired = &vis.desired
				}
				if o.arrival[v] >= 0 {
					e.Arrival = &o.arrival[v]
				}
				if o.first[v] >= 0 {
					e.FirstAppointment = &o.first[v]
				}
				for _, a := range vis.needs {
					e.Needs = append(e.Needs, sc.Agencies[a].ID)
					e.Service[sc.Agencies[a].ID] = vis.service[a]
				}
				if err := enc.Encode(e); err != nil {
					return err
				}
			}
			for _, s := range o.services {
				e := ServiceEvent{Type: "service", Day: d.number, Policy: o.policy, Visitor: s.visitor,
					Agency: sc.Agencies[s.agency].ID, Desk: s.desk, Start: s.start, End: s.end}
				if s.interpreter >= 0 {
					e.Interpreter = &s.interpreter
				}
				if err := enc.Encode(e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
