package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"lotse/internal/errs"
	"lotse/internal/floor"
	"lotse/internal/staff"
)

var (
	// receptionists check visitors in and hand out walk-in tickets.
	receptionists = []staff.Role{staff.Admin, staff.Reception}
	// deskWorkers work an agency's desks: an admin any, an agency account
	// its own agency's (floorDesk).
	deskWorkers = []staff.Role{staff.Admin, staff.Agency}
)

// floorDate is the {date} of a floor route; a malformed id is NotFound.
func floorDate(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("date"), 10, 64)
	if err != nil {
		return 0, errs.E(errs.NotFound, "error.not_found")
	}
	return id, nil
}

// floorDesk reads the date, agency and desk number (1-based) of a desk
// route, and refuses an agency account another agency's desk.
func floorDesk(r *http.Request, u *staff.User) (int64, string, int, error) {
	id, err := floorDate(r)
	if err != nil {
		return 0, "", 0, err
	}
	agency := r.PathValue("agency")
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return 0, "", 0, errs.E(errs.NotFound, "error.not_found")
	}
	if u.Role == staff.Agency && u.Agency != agency {
		return 0, "", 0, errs.E(errs.Forbidden, "onestop.error.forbidden")
	}
	return id, agency, n, nil
}

// apiCheckIn checks a booked visitor in by the booking's code: 200 with
// the ticket's label, the same again for a second check-in.
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request, _ *staff.User) error {
	var in struct {
		Code string `json:"code"`
	}
	if err := readBody(w, r, &in); err != nil {
		return err
	}
	id, err := floorDate(r)
	if err != nil {
		return err
	}
	ticket, err := s.floor.CheckIn(r.Context(), id, in.Code)
	if err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusOK, struct {
		Ticket string `json:"ticket"`
	}{ticket})
	return nil
}

// apiWalkIn hands out a walk-in ticket: 201 with its label and the token
// the visitor's phone follows it with.
func (s *Server) apiWalkIn(w http.ResponseWriter, r *http.Request, _ *staff.User) error {
	var in struct {
		Agencies    []string `json:"agencies"`
		Language    string   `json:"language"`
		Interpreter bool     `json:"interpreter"`
	}
	if err := readBody(w, r, &in); err != nil {
		return err
	}
	id, err := floorDate(r)
	if err != nil {
		return err
	}
	ticket, token, err := s.floor.WalkIn(r.Context(), id, in.Agencies, in.Language, in.Interpreter)
	if err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusCreated, struct {
		Ticket string `json:"ticket"`
		Token  string `json:"token"`
	}{ticket, token})
	return nil
}

// apiCall is a desk's "call next": 200 with whom the dispatcher called,
// 204 when nobody can be called now.
func (s *Server) apiCall(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	id, agency, n, err := floorDesk(r, u)
	if err != nil {
		return err
	}
	c, ok, err := s.floor.Call(r.Context(), id, agency, n)
	if err != nil {
		return err
	}
	if !ok {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	writeJSONStatus(w, http.StatusOK, apiCallOf(c))
	return nil
}

// apiDeskDone ends the service of the desk's visitor.
func (s *Server) apiDeskDone(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.deskEnd(w, r, u, s.floor.Done)
}

// apiDeskNoShow ends the desk's call of a visitor who did not come.
func (s *Server) apiDeskNoShow(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.deskEnd(w, r, u, s.floor.NoShow)
}

// deskEnd runs end on the desk of the route and answers with whom it ended.
func (s *Server) deskEnd(w http.ResponseWriter, r *http.Request, u *staff.User, end func(ctx context.Context, date int64, agency string, desk int) (floor.Call, error)) error {
	id, agency, n, err := floorDesk(r, u)
	if err != nil {
		return err
	}
	c, err := end(r.Context(), id, agency, n)
	if err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusOK, apiCallOf(c))
	return nil
}

// apiFloorCall is a desk's call in the floor API.
type apiFloorCall struct {
	Ticket string `json:"ticket"`
	Agency string `json:"agency"`
	Desk   int    `json:"desk"`
}

func apiCallOf(c floor.Call) apiFloorCall {
	return apiFloorCall{Ticket: c.Ticket, Agency: c.Agency, Desk: c.Desk}
}

// apiTicketStatus is a visitor's ticket as their phone shows it.
type apiTicketStatus struct {
	Ticket    string   `json:"ticket"`
	State     string   `json:"state"`
	Agency    string   `json:"agency,omitempty"`
	Desk      int      `json:"desk,omitempty"`
	Position  int      `json:"position,omitempty"`
	Expected  string   `json:"expected,omitempty"`
	Remaining []string `json:"remaining"`
	Missed    []string `json:"missed"`
}

// apiTicket is the visitor's status of their ticket, for whoever has its
// token; a wrong token is the same 404 as an unknown ticket.
func (s *Server) apiTicket(w http.ResponseWriter, r *http.Request) error {
	st, err := s.floor.Status(r.Context(), r.PathValue("ticket"), r.URL.Query().Get("token"))
	if err != nil {
		return err
	}
	out := apiTicketStatus{Ticket: st.Ticket, State: st.State, Agency: st.Agency, Desk: st.Desk, Position: st.Position,
		Remaining: append([]string{}, st.Remaining...), Missed: append([]string{}, st.Missed...)}
	if !st.Expected.IsZero() {
		out.Expected = st.Expected.In(s.loc).Format(time.RFC3339)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSONStatus(w, http.StatusOK, out)
	return nil
}
