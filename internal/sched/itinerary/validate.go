package itinerary

import "fmt"

// MaxAgencies bounds the agencies one request may ask for. The planner
// searches all orders through a table over subsets of the request, which
// grows as 2^n.
const MaxAgencies = 12

// maxDesks bounds Agency.Desks; the planner keeps per-minute tables per desk.
const maxDesks = 1000

// maxDayMinutes bounds Day.Minutes (one calendar day); the planner keeps
// per-minute tables of this length.
const maxDayMinutes = 24 * 60

// validate reports the first problem with the day's configuration.
func (d Day) validate() error {
	if d.Minutes <= 0 || d.Minutes > maxDayMinutes {
		return invalid(CodeBadDay, "Minutes", "opening window of %d minutes, want 1..%d", d.Minutes, maxDayMinutes)
	}
	if d.Slot < 0 || d.Slot > d.Minutes {
		return invalid(CodeBadDay, "Slot", "slot of %d minutes, want 0 (default %d) or 1..%d", d.Slot, DefaultSlot, d.Minutes)
	}
	seen := make(map[string]bool, len(d.Agencies))
	for i, a := range d.Agencies {
		field := fmt.Sprintf("Agencies[%d]", i)
		switch {
		case a.ID == "":
			return invalid(CodeBadDay, field+".ID", "empty agency ID")
		case seen[a.ID]:
			return invalid(CodeBadDay, field+".ID", "agency %q listed twice", a.ID)
		case a.Desks < 1 || a.Desks > maxDesks:
			return invalid(CodeBadDay, field+".Desks", "agency %q has %d desks, want 1..%d", a.ID, a.Desks, maxDesks)
		case a.Duration < 1:
			return invalid(CodeBadDay, field+".Duration", "agency %q has a service of %d minutes, want at least 1", a.ID, a.Duration)
		case a.DeskWindows != nil && len(a.DeskWindows) != a.Desks:
			return invalid(CodeBadDay, field+".DeskWindows", "agency %q has %d desks but windows for %d", a.ID, a.Desks, len(a.DeskWindows))
		}
		seen[a.ID] = true
		for k, ws := range a.DeskWindows {
			if err := d.validateWindows(fmt.Sprintf("%s.DeskWindows[%d]", field, k), ws); err != nil {
				return err
			}
		}
	}
	langs := make(map[string]bool, len(d.Interpreters))
	for i, p := range d.Interpreters {
		field := fmt.Sprintf("Interpreters[%d]", i)
		switch {
		case p.Lang == "":
			return invalid(CodeBadDay, field+".Lang", "empty language code")
		case langs[p.Lang]:
			return invalid(CodeBadDay, field+".Lang", "language %q listed twice", p.Lang)
		case p.Count < 0:
			return invalid(CodeBadDay, field+".Count", "%d interpreters for %q", p.Count, p.Lang)
		}
		langs[p.Lang] = true
		if err := d.validateWindows(field+".Windows", p.Windows); err != nil {
			return err
		}
	}
	return nil
}

func (d Day) validateWindows(field string, ws []Window) error {
	for j, w := range ws {
		if w.Start < 0 || w.End > d.Minutes || w.Start >= w.End {
			return invalid(CodeBadDay, fmt.Sprintf("%s[%d]", field, j), "window [%d, %d) not inside [0, %d)", w.Start, w.End, d.Minutes)
		}
	}
	return nil
}

// validate reports the first problem with the request on day d, which must
// itself be valid. It returns the indices of the requested agencies in d and
// the interpreter pool index (-1 for none).
func (r Request) validate(d Day) (agencies []int, pool int, err error) {
	if len(r.Agencies) == 0 {
		return nil, -1, invalid(CodeEmptyRequest, "Agencies", "no agency requested")
	}
	if len(r.Agencies) > MaxAgencies {
		return nil, -1, invalid(CodeTooManyAgencies, "Agencies", "%d agencies requested, at most %d", len(r.Agencies), MaxAgencies)
	}
	agencies = make([]int, len(r.Agencies))
	for i, id := range r.Agencies {
		field := fmt.Sprintf("Agencies[%d]", i)
		a := d.agencyIndex(id)
		if a < 0 {
			return nil, -1, invalid(CodeUnknownAgency, field, "agency %q is not present on this day", id)
		}
		for _, b := range agencies[:i] {
			if a == b {
				return nil, -1, invalid(CodeDuplicateAgency, field, "agency %q requested twice", id)
			}
		}
		agencies[i] = a
	}
	pool = -1
	if r.Interpreter != "" {
		pool = d.interpreterIndex(r.Interpreter)
		if pool < 0 || d.Interpreters[pool].Count == 0 {
			return nil, -1, invalid(CodeNoInterpreter, "Interpreter", "no interpreter for language %q on this day", r.Interpreter)
		}
	}
	switch {
	case r.Earliest < 0 || r.Earliest >= d.Minutes:
		return nil, -1, invalid(CodeWindowOutsideDay, "Earliest", "earliest arrival at minute %d, the day runs [0, %d)", r.Earliest, d.Minutes)
	case r.Latest < 0 || r.Latest >= d.Minutes:
		return nil, -1, invalid(CodeWindowOutsideDay, "Latest", "latest arrival at minute %d, the day runs [0, %d)", r.Latest, d.Minutes)
	case r.Earliest > r.Latest:
		return nil, -1, invalid(CodeBadWindow, "Latest", "latest arrival %d before earliest %d", r.Latest, r.Earliest)
	case r.Gap < 0 || r.Gap > d.Minutes:
		return nil, -1, invalid(CodeBadGap, "Gap", "gap of %d minutes between visits, want 0..%d", r.Gap, d.Minutes)
	case r.K < 1:
		return nil, -1, invalid(CodeBadK, "K", "asked for %d itineraries, want at least 1", r.K)
	}
	return agencies, pool, nil
}
