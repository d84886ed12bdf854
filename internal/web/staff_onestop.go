package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// recentDates is how far back the dates page lists past dates.
const recentDates = 30 * 24 * time.Hour

// datesPage is the One-Stop-Shop dates page: the recent and coming dates,
// and the form that sets up a one-off date, as typed.
type datesPage struct {
	Dates    []dateRow
	Form     dateForm
	Problems problems
	Message  string
}

// dateRow is one date in the list.
type dateRow struct {
	onestop.Date
	Past     bool
	Agencies []string // names of the agencies present
	Desks    int
	Bookings int
}

// Status is the message key of the date's state.
func (d dateRow) Status() string {
	switch {
	case d.Cancelled:
		return "staff.onestop.status.cancelled"
	case d.Past:
		return "staff.onestop.status.past"
	case d.Practice:
		return "staff.onestop.status.practice"
	}
	return "staff.onestop.status.public"
}

// dateForm is the form of a new date; Roster is "template" or the id of the
// date whose roster it starts with.
type dateForm struct {
	Date, Start, End string
	Practice         bool
	Roster           string
}

// agencyNamer returns the function naming the site's agencies in the staff
// language.
func (s *Server) agencyNamer(ctx context.Context, r *http.Request, site onestop.Site) func(string) string {
	lang := staffLang(r).Code
	return func(id string) string { return s.content.AgencyName(ctx, site, id, lang) }
}

// datesList reads the dates staff see: those of the last recentDates and
// the coming ones, after making the rule's dates that are missing.
func (s *Server) datesList(ctx context.Context, r *http.Request, county content.County) ([]dateRow, error) {
	if err := s.dates.Ensure(ctx, county.OneStop, s.now()); err != nil {
		return nil, err
	}
	dates, err := s.dates.All(ctx, s.now().Add(-recentDates))
	if err != nil {
		return nil, err
	}
	name := s.agencyNamer(ctx, r, county.OneStop)
	rows := make([]dateRow, 0, len(dates))
	for _, d := range dates {
		row := dateRow{Date: d, Past: !d.End.After(s.now())}
		for _, st := range d.Roster.Agencies {
			row.Agencies, row.Desks = append(row.Agencies, name(st.Agency)), row.Desks+st.Desks
		}
		if row.Bookings, _, err = s.bookings.Affected(ctx, d.ID); err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func (s *Server) staffDates(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	p := datesPage{Form: dateForm{Start: county.OneStop.Start, End: county.OneStop.End, Roster: "template"}}
	if p.Dates, err = s.datesList(ctx, r, county); err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_onestop", u, "staff.onestop.title", p)
}

// staffCreateDate sets up a one-off date from the form, its roster copied
// from the site's template or another date, and goes to its roster; a
// refusal shows the form again with the problem next to its field (422).
func (s *Server) staffCreateDate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	f := dateForm{Date: strings.TrimSpace(r.PostFormValue("date")), Start: strings.TrimSpace(r.PostFormValue("start")),
		End: strings.TrimSpace(r.PostFormValue("end")), Practice: r.PostFormValue("practice") != "", Roster: r.PostFormValue("roster")}
	p := datesPage{Form: f, Problems: problems{}}
	id, err := s.createDate(ctx, county.OneStop, f)
	if err == nil {
		s.renderCache.clear()
		http.Redirect(w, r, "/staff/onestop/"+strconv.FormatInt(id, 10)+"?created=1", http.StatusSeeOther)
		return nil
	}
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.Invalid && e.Kind != errs.Conflict {
		return err
	}
	switch e.Field {
	case "date", "start", "end", "roster":
		p.Problems[e.Field] = e.MsgKey
		p.Message = "staff.onestop.error.form"
	default: // the copied roster does not fit the day
		p.Problems["roster"], p.Message = e.MsgKey, e.MsgKey
	}
	if p.Dates, err = s.datesList(ctx, r, county); err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusUnprocessableEntity, "staff_onestop", u, "staff.onestop.title", p)
}

// createDate stores the date of f with the roster it names.
func (s *Server) createDate(ctx context.Context, site onestop.Site, f dateForm) (int64, error) {
	roster := site.Roster
	if f.Roster != "template" {
		id, err := strconv.ParseInt(f.Roster, 10, 64)
		if err != nil {
			return 0, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.onestop.error.from", Field: "roster"}
		}
		d, err := s.dates.Date(ctx, id)
		if errs.KindOf(err) == errs.NotFound {
			return 0, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.onestop.error.from", Field: "roster", Err: err}
		}
		if err != nil {
			return 0, err
		}
		roster = d.Roster
	}
	return s.dates.Create(ctx, site, onestop.Input{Date: f.Date, Start: f.Start, End: f.End, Practice: f.Practice, Roster: roster}, s.now())
}
