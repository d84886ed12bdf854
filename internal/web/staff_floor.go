package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// floorDatesPage lists the dates whose floor is open today (today's and
// practice dates), each with reception's floor and the desks the user may
// work.
type floorDatesPage struct {
	Dates     []floorDateItem
	Reception bool // the user may open reception's floor
}

// floorDateItem is one date on the list, with the desks the user may open.
type floorDateItem struct {
	ID       int64
	Day      string
	Practice bool
	Desks    []deskLink
}

// deskLink is one desk of an agency on a date.
type deskLink struct {
	Agency, Name string
	Desk         int
	Href         string
}

// choice is one option of a select or a checkbox list: a value, its name,
// and whether it is chosen.
type choice struct {
	Value, Name string
	Chosen      bool
}

// staffFloorDates lists today's dates and practice dates: reception opens
// a date's floor, an agency account its own agency's desks.
func (s *Server) staffFloorDates(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	all, err := s.dates.All(ctx, s.now())
	if err != nil {
		return err
	}
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	lang := staffLang(r).Code
	today := s.now().In(s.loc).Format(time.DateOnly)
	page := floorDatesPage{Reception: slices.Contains(receptionists, u.Role)}
	for _, d := range all {
		if d.Cancelled || (d.Day != today && !d.Practice) {
			continue
		}
		item := floorDateItem{ID: d.ID, Day: d.Day, Practice: d.Practice}
		for _, st := range d.Roster.Agencies {
			if !slices.Contains(deskWorkers, u.Role) || (u.Role == staff.Agency && u.Agency != st.Agency) {
				continue
			}
			name := s.content.AgencyName(ctx, county.OneStop, st.Agency, lang)
			for n := 1; n <= st.Desks; n++ {
				item.Desks = append(item.Desks, deskLink{Agency: st.Agency, Name: name, Desk: n, Href: deskPath(d.ID, st.Agency, n)})
			}
		}
		page.Dates = append(page.Dates, item)
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_floor_dates", u, "staff.floor.title", page)
}

// floorPath is the path of reception's floor of date id.
func floorPath(id int64) string { return "/staff/floor/" + strconv.FormatInt(id, 10) }

// deskPath is the path of desk n of agency on date id.
func deskPath(id int64, agency string, n int) string {
	return floorPath(id) + "/desks/" + url.PathEscape(agency) + "/" + strconv.Itoa(n)
}

// ticketPath is the path of a ticket on reception's floor; the label goes
// without its space ("A17"), as ParseLabel reads it back.
func ticketPath(id int64, label string) string {
	return floorPath(id) + "/tickets/" + compactLabel(label)
}

// compactLabel is a ticket's label without the space, for paths ("A17").
func compactLabel(label string) string { return strings.ReplaceAll(label, " ", "") }

// floorNames names the agencies of a date and the languages visitors speak
// in the staff UI language: the one place the floor's pages look names up.
type floorNames struct {
	t        *i18n.T
	agencies map[string]string
}

// floorNamesOf names the agencies of date d in the staff language of r.
func (s *Server) floorNamesOf(ctx context.Context, r *http.Request, d onestop.Date) (floorNames, error) {
	county, err := s.content.County(ctx)
	if err != nil {
		return floorNames{}, err
	}
	lang := staffLang(r).Code
	n := floorNames{t: i18n.For(lang), agencies: map[string]string{}}
	for _, st := range d.Roster.Agencies {
		n.agencies[st.Agency] = s.content.AgencyName(ctx, county.OneStop, st.Agency, lang)
	}
	return n, nil
}

// agency names an agency of the date; an unknown one by its id.
func (n floorNames) agency(id string) string {
	if name, ok := n.agencies[id]; ok {
		return name
	}
	return id
}

// language names a visitor's language: a public locale by its staff name,
// another by its code; none as a dash.
func (n floorNames) language(code string) string {
	if code == "" {
		return "–"
	}
	if l, ok := i18n.Lookup(code); ok {
		return n.t.Get("staff.language." + l.Code)
	}
	return code
}

// state names a need's, ticket's or desk's state; a free desk has none.
func (n floorNames) state(s string) string {
	if s == "" {
		return ""
	}
	return n.t.Get("staff.floor.state." + s)
}

// agencyChoices are the date's agencies to choose from, those in chosen
// ticked.
func (n floorNames) agencyChoices(d onestop.Date, chosen []string) []choice {
	var out []choice
	for _, st := range d.Roster.Agencies {
		if st.Desks > 0 {
			out = append(out, choice{Value: st.Agency, Name: n.agency(st.Agency), Chosen: slices.Contains(chosen, st.Agency)})
		}
	}
	return out
}

// languageChoices are the languages a walk-in may speak: the public locales
// (their ticket page is in one of them) and the date's interpreter
// languages, lang chosen.
func (n floorNames) languageChoices(d onestop.Date, lang string) []choice {
	var codes []string
	for _, l := range i18n.All() {
		codes = append(codes, l.Code)
	}
	for _, in := range d.Roster.Interpreters {
		if !slices.Contains(codes, in.Lang) {
			codes = append(codes, in.Lang)
		}
	}
	out := make([]choice, 0, len(codes))
	for _, c := range codes {
		out = append(out, choice{Value: c, Name: n.language(c), Chosen: c == lang})
	}
	return out
}

// floorDateOf reads the {date} of a floor page and its date.
func (s *Server) floorDateOf(r *http.Request) (onestop.Date, error) {
	id, err := floorDate(r)
	if err != nil {
		return onestop.Date{}, err
	}
	return s.dates.Date(r.Context(), id)
}

// problemsOf is err as a form's problems and the status to show them with
// when it is the user's to fix (Invalid, Conflict, NotFound), else err. The
// problem is at err's field, or at field when err names none; a form with
// field "" has one problem for all of it.
func problemsOf(err error, field string) (problems, int, error) {
	kind := errs.KindOf(err)
	switch kind {
	case errs.Invalid, errs.Conflict, errs.NotFound:
	default:
		return nil, 0, err
	}
	if f := fieldOf(err); f != "" && field != "" {
		field = f
	}
	return problems{field: errs.MsgKeyOf(err)}, errs.Status(kind), nil
}
