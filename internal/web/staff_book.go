package web

import (
	"net/http"
	"net/url"
	"slices"

	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// Reception and agency staff book a visit on behalf of a visitor (a phone
// call, a walk-in for a later date), in two pages besides the result:
//
//	GET  /staff/bookings/new          concerns, the visitor's language and
//	                                  interpreter; with them, the dates and
//	                                  itineraries (staffBookNew)
//	POST /staff/bookings/new/hold     hold one, 303 to the contact page
//	GET  /staff/bookings/new/contact  name, phone, e-mail, verbal consent
//	POST /staff/bookings/new/confirm  the booking and its slip (staff_book_contact.go)
//
// The steps are the visitor's (book*.go) with the same proposals, hold,
// confirmation and e-mail, minus what guards the public forms against
// machines: staff are signed in, so there is no proof-of-work and no limit
// per address or contact (the store's limit of bookings per contact and
// date stays). An agency account may book every agency's concerns: a
// caseworker sends a visitor on to the next One-Stop-Shop. The pages are in
// the staff language; the booking's e-mails and slip in the visitor's.

// staffBookPage is the first staff page: the choices, and once made, the
// dates and itineraries of the chosen date.
type staffBookPage struct {
	Q            bookQuery
	Visitor      string // the visitor's language code
	Concerns     []option
	Languages    []option // the visitor's language: every language of the portal
	Interpreters []option // interpreter languages of the coming dates
	Shown        bool     // the choices were sent: dates and itineraries follow
	proposalsView
	Hidden []hiddenField // the choices, for the hold form
	Errors fieldErrors
}

// readStaffBook reads the choices of the staff booking pages: those of the
// visitor's steps (an interpreter whenever a language is chosen for one)
// and the visitor's language.
func readStaffBook(v url.Values) (bookQuery, string) {
	q := readBookQuery(v)
	q.Interpreter = q.Language != ""
	q.Change, q.Token = "", ""
	return q, v.Get("visitor")
}

// staffBookValues encodes the choices of the staff booking pages.
func staffBookValues(q bookQuery, visitor string) url.Values {
	v := q.values(true)
	if visitor != "" {
		v.Set("visitor", visitor)
	}
	return v
}

// visitorLang is the portal language code as the visitor's language, or
// an Invalid error naming the field "visitor".
func visitorLang(code string) (i18n.Language, error) {
	if l, ok := i18n.Lookup(code); ok && slices.ContainsFunc(i18n.All(), func(a i18n.Language) bool { return a.Code == l.Code }) {
		return l, nil
	}
	return i18n.Language{}, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.book.error.visitor", Field: "visitor"}
}

// staffBookNew shows the choices and, once they are sent ("show" or a
// date in the query), the dates and the itineraries to hold. Choices it
// cannot take are 422 with the field named.
func (s *Server) staffBookNew(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	in := r.URL.Query()
	q, visitor := readStaffBook(in)
	return s.renderStaffBook(w, r, u, q, visitor, in.Has("show") || q.Date != 0, http.StatusOK, "")
}

// renderStaffBook renders the first staff page for the choices q and
// visitor with status; shown adds the dates and itineraries, with notice
// over them when given.
func (s *Server) renderStaffBook(w http.ResponseWriter, r *http.Request, u *staff.User, q bookQuery, visitor string, shown bool, status int, notice string) error {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	dates, err := s.upcomingOneStop(ctx, county)
	if err != nil {
		return err
	}
	t := i18n.For(staffLang(r).Code)
	p := staffBookPage{Q: q, Visitor: visitor, Errors: fieldErrors{}}
	if p.Visitor == "" {
		p.Visitor = i18n.Source
	}
	for _, c := range county.OneStop.Concerns {
		p.Concerns = append(p.Concerns, option{Value: c.ID, Label: t.Get("onestop.concern." + c.ID), Checked: slices.Contains(q.Concerns, c.ID)})
	}
	for _, l := range i18n.All() {
		p.Languages = append(p.Languages, option{Value: l.Code, Label: t.Get("staff.language." + l.Code), Checked: l.Code == p.Visitor})
	}
	for _, code := range interpreterLanguages(dates) {
		if _, ok := i18n.Lookup(code); ok {
			p.Interpreters = append(p.Interpreters, option{Value: code, Label: t.Get("staff.language." + code), Checked: code == q.Language})
		}
	}
	if !shown {
		return renderStaff(s, w, r, status, "staff_book", u, "staff.book.title", p)
	}
	if _, err := visitorLang(visitor); err != nil {
		p.Errors["visitor"] = t.Get(errs.MsgKeyOf(err))
	}
	req, err := bookRequest(county, q)
	if err != nil {
		if errs.KindOf(err) != errs.Invalid {
			return err
		}
		p.Errors[fieldOf(err)] = t.Get(errs.MsgKeyOf(err))
	}
	if len(p.Errors) > 0 {
		return renderStaff(s, w, r, http.StatusUnprocessableEntity, "staff_book", u, "staff.book.title", p)
	}
	link := func(dq bookQuery) string {
		return "/staff/bookings/new?" + staffBookValues(dq, visitor).Encode() + "#itineraries"
	}
	v, st, err := s.proposals(ctx, t, county, req, q, notice, link)
	if err != nil {
		return err
	}
	p.Shown, p.proposalsView = true, v
	hq := q
	hq.Date = v.Date.ID
	p.Hidden = hiddenFields(staffBookValues(hq, visitor))
	return renderStaff(s, w, r, max(status, st), "staff_book", u, "staff.book.title", p)
}

// staffBookHold holds the chosen itinerary, without proof-of-work, and
// sends the staff member on to the contact page (303); a forged itinerary
// shows the page again (422), one just taken with fresh itineraries (409).
func (s *Server) staffBookHold(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	q, visitor := readStaffBook(f)
	t := i18n.For(staffLang(r).Code)
	h, d, err := s.holdChosen(r.Context(), f.Get("itinerary"))
	switch errs.KindOf(err) {
	case errs.Invalid:
		return s.renderStaffBook(w, r, u, q, visitor, true, http.StatusUnprocessableEntity, t.Get(errs.MsgKeyOf(err)))
	case errs.Conflict:
		q.Date = d.ID
		return s.renderStaffBook(w, r, u, q, visitor, true, http.StatusConflict, t.Get(errs.MsgKeyOf(err)))
	}
	if err != nil {
		return err
	}
	q.Date = d.ID
	v := staffBookValues(q, visitor)
	v.Set("hold", h.ID)
	http.Redirect(w, r, "/staff/bookings/new/contact?"+v.Encode(), http.StatusSeeOther)
	return nil
}
