package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"lotse/internal/booking"
	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/onestop"
)

// The newcomer's booking in HTML, without JavaScript (scripts only add the
// proof-of-work and the countdown):
//
//  1. GET  /{lang}/onestop/book          concerns, town, language (bookStart)
//  2. GET  /{lang}/onestop/book/dates    a date and its itineraries (bookDates)
//  3. POST /{lang}/onestop/book/hold     hold one, 303 to the contact page (book_hold.go)
//  4. GET  /{lang}/onestop/book/contact  name, phone, e-mail, consent
//  5. POST /{lang}/onestop/book/confirm  303 to the booking page (booking_page.go)
//
// What the visitor chose travels in the query of every step and in hidden
// fields of every form (bookQuery), so back, forward and bookmarks work and
// no step keeps state on the server besides the hold. A change of a booking
// goes the same way with the booking's code and token along (change, t).

// bookQuery is what the steps carry: the visitor's choices so far.
type bookQuery struct {
	Concerns     []string
	Municipality string
	Language     string // the visitor's language, for an interpreter
	Interpreter  bool
	Date         int64
	// Change and Token name the booking being changed, if any.
	Change, Token string
}

// readBookQuery reads a bookQuery from a query or a posted form.
func readBookQuery(v url.Values) bookQuery {
	q := bookQuery{Municipality: v.Get("municipality"), Language: v.Get("language"), Interpreter: v.Get("interpreter") == "1",
		Change: v.Get("change"), Token: v.Get("t")}
	for _, c := range v["concern"] {
		if c != "" && !slices.Contains(q.Concerns, c) && len(q.Concerns) < booking.MaxConcerns {
			q.Concerns = append(q.Concerns, c)
		}
	}
	q.Date, _ = strconv.ParseInt(v.Get("date"), 10, 64)
	return q
}

// values encodes q as a query, the date only when withDate.
func (q bookQuery) values(withDate bool) url.Values {
	v := url.Values{}
	for _, c := range q.Concerns {
		v.Add("concern", c)
	}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("municipality", q.Municipality)
	set("language", q.Language)
	if q.Interpreter {
		v.Set("interpreter", "1")
	}
	if withDate && q.Date != 0 {
		v.Set("date", strconv.FormatInt(q.Date, 10))
	}
	set("change", q.Change)
	set("t", q.Token)
	return v
}

// link is the path of step page (under /{lang}/onestop/) with q.
func (q bookQuery) link(lang, page string, withDate bool) string {
	u := "/" + lang + "/onestop/" + page
	if v := q.values(withDate).Encode(); v != "" {
		u += "?" + v
	}
	return u
}

// bookParams are the query parameters of the booking steps.
var bookParams = []string{"concern", "municipality", "language", "interpreter", "date", "change", "t"}

// option is a choice in a form: a checkbox, radio button or select option.
type option struct {
	Value, Label string
	Lang         string // the label's language when it is not the page's
	Checked      bool
}

// bookStartPage is step 1.
type bookStartPage struct {
	Q         bookQuery
	Concerns  []option
	Towns     []option
	Languages []option // interpreter languages of the coming dates
	Hidden    []hiddenField
	Errors    fieldErrors
}

// hiddenField is a value a form carries on.
type hiddenField struct{ Name, Value string }

// fieldErrors are the messages of a form's fields, by field name, in the
// reader's language; "" is the form's own.
type fieldErrors map[string]string

// bookStart shows step 1: what the visitor comes for, their town and
// language, pre-filled from the query (a Lotse plan links here).
func (s *Server) bookStart(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	return s.renderBookStart(w, r, lang, readBookQuery(r.URL.Query()), http.StatusOK, nil)
}

// renderBookStart renders step 1 for q with status and the errors of its
// fields.
func (s *Server) renderBookStart(w http.ResponseWriter, r *http.Request, lang i18n.Language, q bookQuery, status int, errors fieldErrors) error {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	munis, err := s.content.Municipalities(ctx)
	if err != nil {
		return err
	}
	dates, err := s.upcomingOneStop(ctx, county)
	if err != nil {
		return err
	}
	t := i18n.For(lang.Code)
	p := bookStartPage{Q: q, Errors: errors}
	for _, c := range county.OneStop.Concerns {
		p.Concerns = append(p.Concerns, option{Value: c.ID, Label: t.Get("onestop.concern." + c.ID), Checked: slices.Contains(q.Concerns, c.ID)})
	}
	for _, m := range munis {
		p.Towns = append(p.Towns, option{Value: m.Slug, Label: m.Name, Checked: m.Slug == q.Municipality})
	}
	for _, code := range interpreterLanguages(dates) {
		l, ok := i18n.Lookup(code)
		if !ok {
			continue
		}
		o := option{Value: code, Label: l.Name, Checked: code == q.Language || (q.Language == "" && code == lang.Code)}
		if code != lang.Code {
			o.Lang = code
		}
		p.Languages = append(p.Languages, o)
	}
	if q.Change != "" {
		p.Hidden = []hiddenField{{"change", q.Change}, {"t", q.Token}}
	}
	return renderWith(s, w, r, status, "book", lang, t.Get("book.title"), p)
}

// interpreterLanguages lists the languages some date offers interpreters
// for, in the order the dates name them.
func interpreterLanguages(dates []onestop.Date) []string {
	var out []string
	for _, d := range dates {
		for _, in := range d.Roster.Interpreters {
			if in.Count > 0 && !slices.Contains(out, in.Lang) {
				out = append(out, in.Lang)
			}
		}
	}
	return out
}

// agenciesOf maps the concerns of q to the agencies that handle them, in
// the county's order; unknown or missing concerns are an Invalid error
// naming the field "concern".
func agenciesOf(site onestop.Site, q bookQuery) ([]string, error) {
	if len(q.Concerns) == 0 {
		return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "book.error.concern", Field: "concern"}
	}
	var out []string
	for _, id := range q.Concerns {
		c, ok := site.Concern(id)
		if !ok {
			return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "book.error.concern", Field: "concern"}
		}
		if !slices.Contains(out, c.Agency) {
			out = append(out, c.Agency)
		}
	}
	return out, nil
}

// bookRequest is the booking request of q: its agencies, and the
// interpreter language when one is asked for.
func bookRequest(county content.County, q bookQuery) (booking.Request, error) {
	agencies, err := agenciesOf(county.OneStop, q)
	if err != nil {
		return booking.Request{}, err
	}
	req := booking.Request{Agencies: agencies}
	if q.Interpreter {
		req.Language = q.Language
	}
	return req, nil
}

// bookStartErrors renders step 1 again with err's message next to its
// field, status 422, when err is Invalid; other errors are returned.
func (s *Server) bookStartErrors(w http.ResponseWriter, r *http.Request, lang i18n.Language, q bookQuery, err error) error {
	if errs.KindOf(err) != errs.Invalid {
		return err
	}
	t := i18n.For(lang.Code)
	return s.renderBookStart(w, r, lang, q, http.StatusUnprocessableEntity, fieldErrors{fieldOf(err): t.Get(errs.MsgKeyOf(err))})
}

// bookLink is step 1 with the concerns of the agencies whose place pages
// are places pre-selected (a Lotse plan names offices, not concerns; an
// agency plans with its longest service whichever of its concerns is
// ticked, so ticking them all books the same itinerary, and the visitor
// unticks what does not apply). No places: step 1 empty.
func bookLink(site onestop.Site, lang string, places []string) string {
	var q bookQuery
	for _, c := range site.Concerns {
		if a, ok := site.Agency(c.Agency); ok && slices.Contains(places, a.Place) {
			q.Concerns = append(q.Concerns, c.ID)
		}
	}
	return q.link(lang, "book", false)
}
