package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"lotse/internal/errs"
	"lotse/internal/onestop"
)

// Empty rows the roster form offers to add a service of an agency or an
// interpreter pool; saving with more fills them again.
const (
	spareServices     = 2
	spareInterpreters = 2
)

// rosterForm is a roster as the staff form shows and sends it: every agency
// of the site, present or not, with its values as typed, spare rows to add
// services and interpreter pools, and the problems by input name.
type rosterForm struct {
	Agencies     []agencyRow
	Interpreters []interpreterRow
	Walkins      string
	Problems     problems
}

// agencyRow is one agency of the site in the form; I is its position, which
// names its inputs ("a2.desks").
type agencyRow struct {
	I                    int
	ID, Name             string
	Present              bool
	Desks, WalkIn, Share string
	Services             []serviceRow
}

type serviceRow struct{ ID, Minutes string }

type interpreterRow struct{ Lang, Count, From, To string }

// newRosterForm fills the form with roster r; name gives an agency's name.
func newRosterForm(site onestop.Site, r onestop.Roster, name func(string) string) rosterForm {
	f := rosterForm{Problems: problems{}}
	if r.Walkins > 0 {
		f.Walkins = strconv.Itoa(r.Walkins)
	}
	for i, a := range site.Agencies {
		row := agencyRow{I: i, ID: a.ID, Name: name(a.ID)}
		if st, ok := r.Station(a.ID); ok {
			row.Present = true
			row.Desks, row.WalkIn = strconv.Itoa(st.Desks), strconv.Itoa(st.WalkIn)
			if st.WalkinShare != 0 {
				row.Share = strconv.FormatFloat(st.WalkinShare, 'f', -1, 64)
			}
			for _, sv := range st.Services {
				row.Services = append(row.Services, serviceRow{sv.ID, strconv.Itoa(sv.Minutes)})
			}
		}
		row.Services = append(row.Services, make([]serviceRow, spareServices)...)
		f.Agencies = append(f.Agencies, row)
	}
	for _, in := range r.Interpreters {
		f.Interpreters = append(f.Interpreters, interpreterRow{in.Lang, strconv.Itoa(in.Count), in.From, in.To})
	}
	f.Interpreters = append(f.Interpreters, make([]interpreterRow, spareInterpreters)...)
	return f
}

// readRosterForm reads the posted form over the site's agencies, keeping
// every value and row as typed, so that the form shown again has the same
// inputs under the same names.
func readRosterForm(r *http.Request, site onestop.Site, name func(string) string) rosterForm {
	v := func(key string) string { return strings.TrimSpace(r.PostFormValue(key)) }
	f := rosterForm{Walkins: v("walkins"), Problems: problems{}}
	for i, a := range site.Agencies {
		p := "a" + strconv.Itoa(i) + "."
		row := agencyRow{I: i, ID: a.ID, Name: name(a.ID), Present: r.PostFormValue(p+"present") != "",
			Desks: v(p + "desks"), WalkIn: v(p + "walk_in"), Share: v(p + "share")}
		for j := 0; j < onestop.MaxServices+spareServices && r.PostForm.Has(p+"s"+strconv.Itoa(j)+".id"); j++ {
			sp := p + "s" + strconv.Itoa(j) + "."
			row.Services = append(row.Services, serviceRow{v(sp + "id"), v(sp + "minutes")})
		}
		f.Agencies = append(f.Agencies, row)
	}
	for k := 0; k < onestop.MaxRosterSize+spareInterpreters && r.PostForm.Has("i"+strconv.Itoa(k)+".lang"); k++ {
		p := "i" + strconv.Itoa(k) + "."
		f.Interpreters = append(f.Interpreters, interpreterRow{v(p + "lang"), v(p + "count"), v(p + "from"), v(p + "to")})
	}
	return f
}

// roster turns the form into a roster: the agencies ticked present, the
// rows with a service id or a language. A number that is none is a problem
// of its input. paths maps the field paths onestop's errors name
// ("roster[1].services[0].minutes") to the inputs that hold them.
func (f *rosterForm) roster() (r onestop.Roster, paths map[string]string) {
	paths = map[string]string{"walkins": "walkins"}
	number := func(input, s string) int {
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			f.Problems[input] = "staff.onestop.error.number"
		}
		return n
	}
	r.Walkins = number("walkins", f.Walkins)
	for _, a := range f.Agencies {
		if !a.Present {
			continue
		}
		p, at := "a"+strconv.Itoa(a.I)+".", "roster["+strconv.Itoa(len(r.Agencies))+"]"
		st := onestop.Station{Agency: a.ID, Desks: number(p+"desks", a.Desks), WalkIn: number(p+"walk_in", a.WalkIn)}
		if a.Share != "" {
			share, err := strconv.ParseFloat(strings.Replace(a.Share, ",", ".", 1), 64)
			if err != nil {
				f.Problems[p+"share"] = "staff.onestop.error.number"
			}
			st.WalkinShare = share
		}
		paths[at+".agency"], paths[at+".desks"], paths[at+".walk_in"] = p+"present", p+"desks", p+"walk_in"
		paths[at+".walkin_share"], paths[at+".services"] = p+"share", p+"s0.id"
		for j, sv := range a.Services {
			if sv == (serviceRow{}) {
				continue
			}
			sp, sat := p+"s"+strconv.Itoa(j)+".", at+".services["+strconv.Itoa(len(st.Services))+"]"
			paths[sat+".id"], paths[sat+".minutes"] = sp+"id", sp+"minutes"
			st.Services = append(st.Services, onestop.Service{ID: sv.ID, Minutes: number(sp+"minutes", sv.Minutes)})
		}
		r.Agencies = append(r.Agencies, st)
	}
	for k, in := range f.Interpreters {
		if in == (interpreterRow{}) {
			continue
		}
		p, at := "i"+strconv.Itoa(k)+".", "interpreters["+strconv.Itoa(len(r.Interpreters))+"]"
		paths[at+".lang"], paths[at+".count"], paths[at+".from"] = p+"lang", p+"count", p+"from"
		r.Interpreters = append(r.Interpreters, onestop.Interpreter{Lang: in.Lang, Count: number(p+"count", in.Count), From: in.From, To: in.To})
	}
	return r, paths
}

// place puts a refusal of onestop next to the input it names and returns
// its message key for the top of the form; an error that is no refusal is
// returned as is.
func (f *rosterForm) place(err error, paths map[string]string) (string, error) {
	var e *errs.Error
	if !errors.As(err, &e) || e.Kind != errs.Invalid && e.Kind != errs.Conflict {
		return "", err
	}
	if input := paths[e.Field]; input != "" {
		f.Problems[input] = e.MsgKey
		return "staff.onestop.error.form", nil
	}
	return e.MsgKey, nil
}

// problems are the message keys of a form's problems by input name ("" is
// a problem of the whole form): the staff forms of the One-Stop-Shop and of
// the day show each next to its input.
type problems map[string]string

// Attr marks the input name as invalid and points to its problem's text
// (id "p-" + name), when it has one.
func (p problems) Attr(name string) template.HTMLAttr {
	if p[name] == "" {
		return ""
	}
	return template.HTMLAttr(` aria-invalid="true" aria-describedby="p-` + template.HTMLEscapeString(name) + `"`)
}
