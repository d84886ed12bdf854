package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// maxCopy is how many dates ahead a roster can be copied at once.
const maxCopy = 24

// rosterPage is the roster form of one date, or of the site's template
// (Date nil), with what the last action did.
type rosterPage struct {
	Date      *dateRow
	Form      rosterForm
	Message   string
	Displaced []displacedRow
	Saved     bool
	Created   bool
	Copy      copyForm
	// Mailed is, after a cancellation, how many visitors it told (-1: none),
	// Unsent how many e-mails failed and wait for another try.
	Mailed, Unsent int
}

// displacedRow names an agency's desks or a language's interpreters that a
// roster would take from bookings, and those bookings.
type displacedRow struct {
	Name  string
	Codes []booking.Code
	Holds int
}

// copyForm copies the date's roster to the next N dates: Targets is the
// preview, Copied how many the copy changed (-1: none yet).
type copyForm struct {
	N       string
	Targets []onestop.Date
	Preview bool
	Copied  int
	Problem string
}

// pathDate reads the date of the path's {date}; anything but a stored
// date's id is NotFound.
func (s *Server) pathDate(ctx context.Context, r *http.Request) (onestop.Date, error) {
	id, err := strconv.ParseInt(r.PathValue("date"), 10, 64)
	if err != nil {
		return onestop.Date{}, errs.E(errs.NotFound, "error.not_found")
	}
	return s.dates.Date(ctx, id)
}

// rosterPageOf is the page of date d (nil: the template) with roster r.
func (s *Server) rosterPageOf(ctx context.Context, r *http.Request, site onestop.Site, d *onestop.Date, roster onestop.Roster) (rosterPage, error) {
	p := rosterPage{Form: newRosterForm(site, roster, s.agencyNamer(ctx, r, site)), Copy: copyForm{N: "3", Copied: -1}, Mailed: -1}
	if d != nil {
		row := dateRow{Date: *d, Past: !d.End.After(s.now())}
		var err error
		if row.Bookings, _, err = s.bookings.Affected(ctx, d.ID); err != nil {
			return p, err
		}
		p.Date = &row
	}
	return p, nil
}

// dateRosterPage is the roster page of the date in the path, and the date.
func (s *Server) dateRosterPage(r *http.Request) (rosterPage, onestop.Date, error) {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return rosterPage{}, onestop.Date{}, err
	}
	d, err := s.pathDate(ctx, r)
	if err != nil {
		return rosterPage{}, onestop.Date{}, err
	}
	p, err := s.rosterPageOf(ctx, r, county.OneStop, &d, d.Roster)
	return p, d, err
}

// staffDate shows a date's roster form, with what the last save, copy or
// cancellation did.
func (s *Server) staffDate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p, _, err := s.dateRosterPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p.Saved, p.Created = q.Has("saved"), q.Has("created")
	if n, err := strconv.Atoi(q.Get("copied")); err == nil {
		p.Copy.Copied = n
	}
	if n, err := strconv.Atoi(q.Get("mailed")); err == nil {
		p.Mailed = n
	}
	p.Unsent, _ = strconv.Atoi(q.Get("unsent"))
	return renderStaff(s, w, r, http.StatusOK, "staff_onestop_roster", u, "staff.onestop.roster", p)
}

// staffSaveRoster stores the posted roster of a date unless it is invalid
// or would take desks or interpreters from bookings, which the form names.
func (s *Server) staffSaveRoster(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	d, err := s.pathDate(ctx, r)
	if err != nil {
		return err
	}
	site := county.OneStop
	form := readRosterForm(r, site, s.agencyNamer(ctx, r, site))
	roster, paths := form.roster()
	if len(form.Problems) == 0 {
		err = s.dates.SetRoster(ctx, site, d.ID, roster, s.bookings.GuardRoster)
		if err == nil {
			http.Redirect(w, r, "/staff/onestop/"+strconv.FormatInt(d.ID, 10)+"?saved=1", http.StatusSeeOther)
			return nil
		}
	}
	return s.rosterRefused(w, r, u, site, &d, form, paths, err)
}

// rosterRefused shows the roster form again with the refusal err (nil:
// the form's own problems): 409 naming the bookings in the way, else 422.
func (s *Server) rosterRefused(w http.ResponseWriter, r *http.Request, u *staff.User, site onestop.Site, d *onestop.Date, form rosterForm, paths map[string]string, err error) error {
	ctx := r.Context()
	p, perr := s.rosterPageOf(ctx, r, site, d, onestop.Roster{})
	if perr != nil {
		return perr
	}
	p.Form, p.Message = form, "staff.onestop.error.form"
	status := http.StatusUnprocessableEntity
	var displaced *booking.Displaced
	switch {
	case err == nil:
	case errors.As(err, &displaced):
		status, p.Message = http.StatusConflict, "staff.onestop.error.displaced"
		name := s.agencyNamer(ctx, r, site)
		for _, res := range displaced.Resources {
			row := displacedRow{Name: name(res.Name), Codes: res.Codes, Holds: res.Holds}
			if res.Kind == "i" {
				row.Name = i18n.For(staffLang(r).Code).Get("staff.onestop.interpreters_of", "Lang", res.Name)
			}
			p.Displaced = append(p.Displaced, row)
		}
	default:
		if errs.KindOf(err) == errs.Conflict {
			status = http.StatusConflict
		}
		if p.Message, err = p.Form.place(err, paths); err != nil {
			return err
		}
	}
	title := "staff.onestop.roster"
	if d == nil {
		title = "staff.onestop.template"
	}
	return renderStaff(s, w, r, status, "staff_onestop_roster", u, title, p)
}

// staffCopyRoster copies a date's roster to the next N dates: with
// action=preview it lists the dates that would change, else it copies.
func (s *Server) staffCopyRoster(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	p, d, err := s.dateRosterPage(r)
	if err != nil {
		return err
	}
	p.Copy.N = strings.TrimSpace(r.PostFormValue("n"))
	n, err := strconv.Atoi(p.Copy.N)
	if err != nil || n < 1 || n > maxCopy {
		p.Copy.Problem = "staff.onestop.error.copy_n"
		return renderStaff(s, w, r, http.StatusUnprocessableEntity, "staff_onestop_roster", u, "staff.onestop.roster", p)
	}
	if r.PostFormValue("action") == "preview" {
		if p.Copy.Targets, err = s.dates.CopyTargets(ctx, d.ID, n); err != nil {
			return err
		}
		p.Copy.Preview = true
		return renderStaff(s, w, r, http.StatusOK, "staff_onestop_roster", u, "staff.onestop.roster", p)
	}
	copied, err := s.dates.CopyRoster(ctx, d.ID, n)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/staff/onestop/"+strconv.FormatInt(d.ID, 10)+"?copied="+strconv.Itoa(copied)+"#copy", http.StatusSeeOther)
	return nil
}

func (s *Server) staffTemplate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	p, err := s.rosterPageOf(ctx, r, county.OneStop, nil, county.OneStop.Roster)
	if err != nil {
		return err
	}
	p.Saved = r.URL.Query().Has("saved")
	return renderStaff(s, w, r, http.StatusOK, "staff_onestop_roster", u, "staff.onestop.template", p)
}

// staffSaveTemplate stores the posted roster as the site's template, the
// roster the rule's dates made from now on start with.
func (s *Server) staffSaveTemplate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	site := county.OneStop
	form := readRosterForm(r, site, s.agencyNamer(ctx, r, site))
	roster, paths := form.roster()
	if len(form.Problems) == 0 {
		open, close := site.Hours()
		if err = roster.Validate(site, open, close); err == nil {
			county.OneStop.Roster = roster
			if err := s.content.SaveCounty(ctx, county); err != nil {
				return err
			}
			http.Redirect(w, r, "/staff/onestop/template?saved=1", http.StatusSeeOther)
			return nil
		}
	}
	return s.rosterRefused(w, r, u, site, nil, form, paths, err)
}
