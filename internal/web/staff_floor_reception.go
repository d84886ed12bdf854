package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"lotse/internal/floor"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// receptionPage is reception's floor of a date: the check-in and walk-in
// forms (with what was typed and what is wrong with it) and every ticket
// and desk of the day.
type receptionPage struct {
	ID          int64
	Day         string
	Self        string
	Tickets     []receptionTicket
	Desks       []deskRow
	Agencies    []choice // the walk-in form's agencies
	Languages   []choice // and languages
	Interpreter bool
	Code        string   // the check-in code typed
	CheckedIn   string   // the ticket of the check-in just made
	Problems    problems // by field: code, agencies, language
	Row         string   // the ticket whose row has RowProblem
	RowProblem  string

	ticked []string // the walk-in's agencies and language as sent
	lang   string
}

// receptionTicket is one ticket on reception's floor.
type receptionTicket struct {
	Ticket, Path string
	Anchor       string // the row's id: the label without its space
	Booked       bool
	Language     string
	Interpreter  bool
	Since        time.Time
	Gone         bool
	Where        string // the desk the visitor is called to or at, if any
	Needs        []needRow
	Addable      []choice // agencies reception can add
}

// needRow is one need of a ticket, named.
type needRow struct {
	Agency, Name, State string
	Planned             *time.Time
	Droppable           bool
}

// deskRow is one desk as reception and the desks see it, named.
type deskRow struct {
	Name          string
	Desk          int
	Paused        bool
	Ticket, State string
	Since         time.Time
}

// staffFloor shows reception's floor of a date; ?in= names the ticket of
// the check-in just made (after its redirect).
func (s *Server) staffFloor(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	d, err := s.floorDateOf(r)
	if err != nil {
		return err
	}
	page := receptionPage{CheckedIn: r.URL.Query().Get("in")}
	return s.renderReception(w, r, u, http.StatusOK, d, page)
}

// staffFloorCheckIn checks a booked visitor in by the code typed or
// scanned; a wrong code shows the floor again with the code kept.
func (s *Server) staffFloorCheckIn(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	d, err := s.floorDateOf(r)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(r.PostFormValue("code"))
	ticket, err := s.floor.CheckIn(r.Context(), d.ID, code)
	if err == nil {
		http.Redirect(w, r, floorPath(d.ID)+"?in="+url.QueryEscape(ticket)+"#checkin", http.StatusSeeOther)
		return nil
	}
	p, status, err := problemsOf(err, "code")
	if err != nil {
		return err
	}
	return s.renderReception(w, r, u, status, d, receptionPage{Code: code, Problems: p})
}

// staffFloorWalkIn hands out a walk-in ticket and shows its slip; a wrong
// choice shows the floor again with the form kept.
func (s *Server) staffFloorWalkIn(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	d, err := s.floorDateOf(r)
	if err != nil {
		return err
	}
	r.ParseForm()
	agencies, lang := r.PostForm["agencies"], r.PostFormValue("language")
	interpreter := r.PostFormValue("interpreter") != ""
	ticket, token, err := s.floor.WalkIn(r.Context(), d.ID, agencies, lang, interpreter)
	if err == nil {
		http.Redirect(w, r, ticketPath(d.ID, ticket)+"/slip?t="+url.QueryEscape(token), http.StatusSeeOther)
		return nil
	}
	p, status, err := problemsOf(err, "agencies")
	if err != nil {
		return err
	}
	page := receptionPage{Problems: p, Interpreter: interpreter, ticked: agencies, lang: lang}
	return s.renderReception(w, r, u, status, d, page)
}

// staffFloorNeed adds or drops (op) an agency of a ticket's needs.
func (s *Server) staffFloorNeed(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.receptionChange(w, r, u, func(id int64, label string) error {
		agency := r.PostFormValue("agency")
		if r.PostFormValue("op") == "drop" {
			return s.floor.DropNeed(r.Context(), id, label, agency)
		}
		return s.floor.AddNeed(r.Context(), id, label, agency)
	})
}

// staffFloorGone marks a ticket's visitor as gone.
func (s *Server) staffFloorGone(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.receptionChange(w, r, u, func(id int64, label string) error {
		return s.floor.Gone(r.Context(), id, label)
	})
}

// receptionChange runs change on the {ticket} of a floor route and goes
// back to the floor, at the ticket's row; a refused change shows the floor
// with the reason in that row.
func (s *Server) receptionChange(w http.ResponseWriter, r *http.Request, u *staff.User, change func(id int64, label string) error) error {
	d, err := s.floorDateOf(r)
	if err != nil {
		return err
	}
	label := r.PathValue("ticket")
	err = change(d.ID, label)
	if err == nil {
		http.Redirect(w, r, floorPath(d.ID)+"#t-"+compactLabel(label), http.StatusSeeOther)
		return nil
	}
	p, status, err := problemsOf(err, "")
	if err != nil {
		return err
	}
	l, _ := floor.ParseLabel(label)
	page := receptionPage{Row: l}
	for _, key := range p {
		page.RowProblem = key
	}
	return s.renderReception(w, r, u, status, d, page)
}

// renderReception fills page with the date's floor and shows it.
func (s *Server) renderReception(w http.ResponseWriter, r *http.Request, u *staff.User, status int, d onestop.Date, page receptionPage) error {
	ctx := r.Context()
	snap, err := s.floor.Snapshot(ctx, d.ID)
	if err != nil {
		return err
	}
	names, err := s.floorNamesOf(ctx, r, d)
	if err != nil {
		return err
	}
	page.ID, page.Day, page.Self = d.ID, d.Day, floorPath(d.ID)
	page.Agencies, page.Languages = names.agencyChoices(d, page.ticked), names.languageChoices(d, page.lang)
	for _, t := range snap.Tickets {
		page.Tickets = append(page.Tickets, receptionRow(names, d, snap.Date, t))
	}
	for _, dk := range snap.Desks {
		page.Desks = append(page.Desks, names.desk(dk))
	}
	return renderStaff(s, w, r, status, "staff_floor", u, "staff.floor.reception", page)
}

// receptionRow is ticket t as reception's floor shows it.
func receptionRow(names floorNames, d onestop.Date, id int64, t floor.TicketView) receptionTicket {
	row := receptionTicket{Ticket: t.Ticket, Path: ticketPath(id, t.Ticket), Anchor: "t-" + compactLabel(t.Ticket), Booked: t.Booked, Language: names.language(t.Language),
		Interpreter: t.Interpreter, Since: t.Since, Gone: t.Gone}
	var has []string
	for _, n := range t.Needs {
		if n.State == floor.StateCalled || n.State == floor.StateServing {
			row.Where = names.t.Get("staff.floor.at_desk", "Agency", names.agency(n.Agency), "Desk", n.Desk)
		}
		row.Needs = append(row.Needs, needRow{Agency: n.Agency, Name: names.agency(n.Agency), State: names.state(n.State),
			Planned: n.Planned, Droppable: !t.Gone && n.State == floor.StateWaiting})
		if n.State == floor.StateWaiting || n.State == floor.StateCalled || n.State == floor.StateServing {
			has = append(has, n.Agency)
		}
	}
	if !t.Gone {
		for _, c := range names.agencyChoices(d, nil) {
			if !slices.Contains(has, c.Value) {
				row.Addable = append(row.Addable, c)
			}
		}
	}
	return row
}

// desk is a desk of the floor, named.
func (n floorNames) desk(dk floor.DeskView) deskRow {
	return deskRow{Name: n.agency(dk.Agency), Desk: dk.Desk, Paused: dk.Paused, Ticket: dk.Ticket, State: n.state(dk.State), Since: dk.Since}
}
