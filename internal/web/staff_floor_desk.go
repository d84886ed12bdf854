package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"lotse/internal/errs"
	"lotse/internal/floor"
	"lotse/internal/staff"
)

// deskPage is one agency desk on a date: what it holds, whom it may call,
// its agency's other desks, and the handovers it deals with. It is built
// from floor.ForAgency alone, so it shows nothing of other agencies.
type deskPage struct {
	ID        int64
	Day       string
	Agency    string
	Name      string
	Desk      int
	Self      string
	Paused    bool
	Current   *deskTicket
	Waiting   []deskTicket
	Desks     []deskRow
	Called    string // the ticket the last "call next" called
	Nobody    bool   // the last "call next" found nobody
	Problem   string // message key of a refused action
	Handover  handoverView
	BackAfter []int // the minutes a pause may last
}

// deskTicket is a ticket as the desk sees it: its need at this agency, the
// visitor's language and whether they need an interpreter.
type deskTicket struct {
	Ticket      string
	State       string
	Missed      bool
	Serving     bool
	Lang        string // the visitor's language code
	Language    string // and its name
	Interpreter bool
	Since       time.Time
	Planned     *time.Time
}

// pauseMinutes are the lengths of a pause a desk can choose; 0 is "not back
// today".
var pauseMinutes = []int{15, 30, 60, 0}

// staffDesk shows a desk; ?called= names whom "call next" called, ?nobody=
// that it found nobody.
func (s *Server) staffDesk(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	q := r.URL.Query()
	page := deskPage{Called: q.Get("called"), Nobody: q.Has("nobody")}
	return s.renderDesk(w, r, u, http.StatusOK, page)
}

// deskActions are what a desk's buttons do, by the {action} of the route;
// each returns where to go next, relative to the desk's page.
var deskActions = map[string]func(s *Server, r *http.Request, id int64, agency string, n int) (string, error){
	"call": func(s *Server, r *http.Request, id int64, agency string, n int) (string, error) {
		c, ok, err := s.floor.Call(r.Context(), id, agency, n)
		if err != nil || !ok {
			return "?nobody=1", err
		}
		return "?called=" + url.QueryEscape(c.Ticket), nil
	},
	"call-ticket": func(s *Server, r *http.Request, id int64, agency string, n int) (string, error) {
		c, err := s.floor.CallTicket(r.Context(), id, agency, n, r.PostFormValue("ticket"))
		return "?called=" + url.QueryEscape(c.Ticket), err
	},
	"start":   deskStep((*floor.Store).Start),
	"done":    deskStep((*floor.Store).Done),
	"no-show": deskStep((*floor.Store).NoShow),
	"recall":  deskStep((*floor.Store).Recall),
	"pause": func(s *Server, r *http.Request, id int64, agency string, n int) (string, error) {
		var back time.Time
		if m, err := strconv.Atoi(r.PostFormValue("back")); err == nil && m > 0 && m <= 8*60 {
			back = s.now().Add(time.Duration(m) * time.Minute)
		}
		return "", s.floor.Pause(r.Context(), id, agency, n, back)
	},
	"resume": func(s *Server, r *http.Request, id int64, agency string, n int) (string, error) {
		return "", s.floor.Resume(r.Context(), id, agency, n)
	},
}

// deskStep is a desk action that moves the desk's visitor on.
func deskStep(step func(*floor.Store, context.Context, int64, string, int) (floor.Call, error)) func(s *Server, r *http.Request, id int64, agency string, n int) (string, error) {
	return func(s *Server, r *http.Request, id int64, agency string, n int) (string, error) {
		_, err := step(s.floor, r.Context(), id, agency, n)
		return "", err
	}
}

// staffDeskAction runs a desk's button and goes back to the desk; a refused
// action shows the desk with the reason.
func (s *Server) staffDeskAction(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	id, agency, n, err := floorDesk(r, u)
	if err != nil {
		return err
	}
	act, ok := deskActions[r.PathValue("action")]
	if !ok {
		return errs.E(errs.NotFound, "error.not_found")
	}
	next, err := act(s, r, id, agency, n)
	if err == nil {
		http.Redirect(w, r, deskPath(id, agency, n)+next, http.StatusSeeOther)
		return nil
	}
	p, status, err := problemsOf(err, "")
	if err != nil {
		return err
	}
	return s.renderDesk(w, r, u, status, deskPage{Problem: p[""]})
}

// renderDesk fills page with the desk's floor and shows it.
func (s *Server) renderDesk(w http.ResponseWriter, r *http.Request, u *staff.User, status int, page deskPage) error {
	ctx := r.Context()
	id, agency, n, err := floorDesk(r, u)
	if err != nil {
		return err
	}
	d, err := s.dates.Date(ctx, id)
	if err != nil {
		return err
	}
	st, ok := d.Roster.Station(agency)
	if !ok || n < 1 || n > st.Desks {
		return errs.E(errs.NotFound, "error.not_found")
	}
	af, err := s.floor.ForAgency(ctx, id, agency)
	if err != nil {
		return err
	}
	names, err := s.floorNamesOf(ctx, r, d)
	if err != nil {
		return err
	}
	page.ID, page.Day, page.Agency, page.Name, page.Desk = id, d.Day, agency, names.agency(agency), n
	page.Self, page.BackAfter = deskPath(id, agency, n), pauseMinutes
	for _, dk := range af.Desks {
		page.Desks = append(page.Desks, names.desk(dk))
		if dk.Desk == n {
			page.Paused = dk.Paused
		}
	}
	for _, t := range af.Tickets {
		dt := deskTicket{Ticket: t.Ticket, State: names.state(t.Need.State), Missed: t.Need.State == "missed",
			Serving: t.Need.State == floor.StateServing, Lang: t.Language, Language: names.language(t.Language), Interpreter: t.Interpreter, Since: t.Since, Planned: t.Need.Planned}
		switch {
		case t.Need.Desk == n && (t.Need.State == floor.StateCalled || t.Need.State == floor.StateServing):
			page.Current = &dt
		case t.Need.State == floor.StateWaiting || t.Need.State == "missed":
			page.Waiting = append(page.Waiting, dt)
		}
	}
	hv, err := s.handoverView(r, d, names, agency, page.Current)
	if err != nil {
		return err
	}
	hv.Note, hv.Problems = page.Handover.Note, page.Handover.Problems
	page.Handover = hv
	return renderStaff(s, w, r, status, "staff_floor_desk", u, "staff.floor.desk", page)
}
