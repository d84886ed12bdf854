package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// upcomingOneStop returns the public One-Stop-Shop dates that have not ended,
// after making the county rule's dates of the coming months that are missing.
func (s *Server) upcomingOneStop(ctx context.Context, county content.County) ([]onestop.Date, error) {
	if err := s.dates.Ensure(ctx, county.OneStop, s.now()); err != nil {
		return nil, err
	}
	return s.dates.Upcoming(ctx, s.now())
}

// apiOneStopDate is a date of GET /api/v1/onestop/dates.
type apiOneStopDate struct {
	ID       string             `json:"id"`
	Date     string             `json:"date"`
	Start    string             `json:"start"`
	End      string             `json:"end"`
	Agencies []apiOneStopAgency `json:"agencies"`
}

type apiOneStopAgency struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Desks int    `json:"desks"`
}

// apiOneStopDates lists the coming public dates with the agencies present,
// named in the request's language (else German).
func (s *Server) apiOneStopDates(w http.ResponseWriter, r *http.Request) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	dates, err := s.upcomingOneStop(ctx, county)
	if err != nil {
		return err
	}
	out := []apiOneStopDate{}
	for _, d := range dates {
		ad := apiOneStopDate{ID: strconv.FormatInt(d.ID, 10), Date: d.Day, Start: d.Start.Format(time.RFC3339),
			End: d.End.Format(time.RFC3339), Agencies: []apiOneStopAgency{}}
		for _, st := range d.Roster.Agencies {
			ad.Agencies = append(ad.Agencies, apiOneStopAgency{ID: st.Agency, Name: s.content.AgencyName(ctx, county.OneStop, st.Agency, lang.Code), Desks: st.Desks})
		}
		out = append(out, ad)
	}
	return writeJSON(w, out)
}

// apiDateBody is the body of POST /api/v1/onestop/dates.
type apiDateBody struct {
	Date         string                `json:"date"`
	Start        string                `json:"start"`
	End          string                `json:"end"`
	Practice     bool                  `json:"practice"`
	Roster       []onestop.Station     `json:"roster"`
	Interpreters []onestop.Interpreter `json:"interpreters"`
	Walkins      int                   `json:"walkins"`
}

// maxDateBody bounds the body of POST /api/v1/onestop/dates.
const maxDateBody = 64 << 10

// apiCreateOneStopDate sets up a date (role admin): 201 with its id, or 400
// naming the field that is wrong.
func (s *Server) apiCreateOneStopDate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	if _, err := apiLang(r); err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxDateBody))
	if err != nil {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "error.too_large", Field: "body"}
	}
	var in apiDateBody
	if err := json.Unmarshal(body, &in); err != nil {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "onestop.error.body", Field: "body", Err: err}
	}
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	id, err := s.dates.Create(ctx, county.OneStop, onestop.Input{Date: in.Date, Start: in.Start, End: in.End, Practice: in.Practice,
		Roster: onestop.Roster{Agencies: in.Roster, Interpreters: in.Interpreters, Walkins: in.Walkins}}, s.now())
	if err != nil {
		return err
	}
	if err := s.staff.svc.Audit(ctx, u.Actor(), "onestop.date.create", "onestop/dates/"+strconv.FormatInt(id, 10)); err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusCreated, struct {
		ID string `json:"id"`
	}{strconv.FormatInt(id, 10)})
	return nil
}

// apiCancelOneStopDate cancels a date (role admin), as the staff page does:
// 200 with how many visitors this call told and how many e-mails failed
// (sent by the next call); again, nothing more is sent.
func (s *Server) apiCancelOneStopDate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	if _, err := apiLang(r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "error.not_found")
	}
	ctx := r.Context()
	d, err := s.dates.Date(ctx, id)
	if err != nil {
		return err
	}
	mailed, unsent, err := s.cancelDate(ctx, r, d)
	if err != nil {
		return err
	}
	if err := s.staff.svc.Audit(ctx, u.Actor(), "onestop.date.cancel", "onestop/dates/"+strconv.FormatInt(id, 10)); err != nil {
		return err
	}
	return writeJSON(w, struct {
		ID     string `json:"id"`
		Status string `json:"status"`
		Mailed int    `json:"mailed"`
		Unsent int    `json:"unsent"`
	}{strconv.FormatInt(id, 10), "cancelled", mailed, unsent})
}

// apiRosterBody is the body of PUT /api/v1/onestop/dates/{id}/roster: the
// roster part of apiDateBody.
type apiRosterBody struct {
	Roster       []onestop.Station     `json:"roster"`
	Interpreters []onestop.Interpreter `json:"interpreters"`
	Walkins      int                   `json:"walkins"`
}

// apiSetRoster replaces the roster of a date (role admin), as the staff page
// saves it: 200, 400 naming the field, or 409 naming the bookings a smaller
// roster would displace (errors.go).
func (s *Server) apiSetRoster(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	if _, err := apiLang(r); err != nil {
		return err
	}
	var in apiRosterBody
	if err := readBody(w, r, &in); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "error.not_found")
	}
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	roster := onestop.Roster{Agencies: in.Roster, Interpreters: in.Interpreters, Walkins: in.Walkins}
	if err := s.dates.SetRoster(ctx, county.OneStop, id, roster, s.bookings.GuardRoster); err != nil {
		return err
	}
	if err := s.staff.svc.Audit(ctx, u.Actor(), "onestop.roster.save", "onestop/dates/"+strconv.FormatInt(id, 10)); err != nil {
		return err
	}
	return writeJSON(w, struct {
		ID string `json:"id"`
	}{strconv.FormatInt(id, 10)})
}
