package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"time"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/notify"
	"lotse/internal/onestop"
)

// readForm parses a posted form of at most maxBookingBody bytes: room for a
// 10 kB name to be refused by name, not by size.
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBookingBody)
	if err := r.ParseForm(); err != nil {
		return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "error.too_large", Field: "body"}
	}
	return r.PostForm, nil
}

// powAnswer is the proof-of-work of a posted form: the answer pow.js put in
// the hidden field, else the reception pass typed into the field the page
// shows without JavaScript.
func powAnswer(f url.Values) string { return cmp.Or(f.Get("pow"), f.Get("pass")) }

// bookHold places a hold on the itinerary chosen in step 2 and sends the
// visitor on to the contact page (303). A wrong proof-of-work or a
// forged itinerary shows step 2 again naming the problem (422); an
// itinerary just taken shows it with fresh options (409).
func (s *Server) bookHold(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	q := readBookQuery(f)
	t := i18n.For(lang.Code)
	if err := s.limitAddr(r); err != nil {
		return err
	}
	ctx := r.Context()
	if err := s.checkPow(ctx, powAnswer(f)); err != nil {
		return s.renderBookDates(w, r, lang, q, http.StatusUnprocessableEntity, "", fieldErrors{"pow": t.Get(errs.MsgKeyOf(err))})
	}
	h, d, err := s.holdChosen(ctx, f.Get("itinerary"))
	switch errs.KindOf(err) {
	case errs.Invalid:
		return s.renderBookDates(w, r, lang, q, http.StatusUnprocessableEntity, t.Get(errs.MsgKeyOf(err)), nil)
	case errs.Conflict:
		q.Date = d.ID
		return s.renderBookDates(w, r, lang, q, http.StatusConflict, t.Get(errs.MsgKeyOf(err)), nil)
	}
	if err != nil {
		return err
	}
	q.Date = d.ID
	v := q.values(true)
	v.Set("hold", h.ID)
	http.Redirect(w, r, "/"+lang.Code+"/onestop/book/contact?"+v.Encode(), http.StatusSeeOther)
	return nil
}

// holdChosen places a hold on the itinerary whose id a proposals page
// posted, and returns it with the itinerary's date. A malformed id or one
// that does not fit an open date is Invalid (booking.error.itinerary); an
// itinerary just taken is a Conflict (booking.error.taken) with the date,
// whose fresh proposals the caller shows.
func (s *Server) holdChosen(ctx context.Context, id string) (booking.Hold, onestop.Date, error) {
	it, d, err := booking.ParseItinerary(id, func(id int64) (onestop.Date, error) { return s.bookings.Date(ctx, id) })
	if errs.KindOf(err) == errs.Invalid || errs.KindOf(err) == errs.NotFound {
		return booking.Hold{}, onestop.Date{}, &errs.Error{Kind: errs.Invalid, MsgKey: "booking.error.itinerary", Field: "itinerary"}
	}
	if err != nil {
		return booking.Hold{}, onestop.Date{}, err
	}
	h, err := s.bookings.Hold(ctx, it, d)
	return h, d, err
}

// bookContactPage is step 4: the held itinerary, until when it is kept,
// and the contact form (or, changing a booking, the button that swaps it).
type bookContactPage struct {
	Q    bookQuery
	Hold string
	heldView
	Expired bool
	Restart string // step 2 again, for a lapsed hold
	Name    string
	Phone   string
	Email   string
	Consent bool
	Key     string // idempotency key: a second tap books once
	Errors  fieldErrors
	Hidden  []hiddenField
	Pow     bool
	PowPass bool
}

// bookContact shows step 4 for the hold in the query.
func (s *Server) bookContact(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	in := r.URL.Query()
	p := bookContactPage{Q: readBookQuery(in), Hold: in.Get("hold"), Key: booking.NewToken()}
	status := http.StatusOK
	if err := s.fillHeld(r, lang, &p); errs.KindOf(err) == errs.Conflict {
		status = http.StatusConflict
	} else if err != nil {
		return err
	}
	return renderWith(s, w, r, status, "book_contact", lang, i18n.For(lang.Code).Get("book.contact_title"), p)
}

// fillHeld fills in p what its hold keeps, or marks it expired (returning
// the Conflict) when it lapsed.
func (s *Server) fillHeld(r *http.Request, lang i18n.Language, p *bookContactPage) error {
	ctx := r.Context()
	t := i18n.For(lang.Code)
	p.Hidden = append(hiddenOf(p.Q), hiddenField{"hold", p.Hold})
	p.Pow, p.PowPass = !s.pow.Off() && p.Q.Change == "", !s.pow.Off() && p.Q.Change == ""
	p.Restart = p.Q.link(lang.Code, "book/dates", true) + "#itineraries"
	v, err := s.heldOf(ctx, t, p.Hold)
	if err != nil {
		p.Expired = errs.KindOf(err) == errs.Conflict
		return err
	}
	p.heldView = v
	return nil
}

// heldView is a hold as its contact page shows it: the itinerary, its
// date, and until when it is kept.
type heldView struct {
	Itinerary itineraryView
	DateLabel string
	Until     string // local time the hold lapses
	UntilISO  string
}

// heldOf shows the hold with the secret id in t's language; a lapsed or
// unknown hold is a Conflict (booking.error.expired).
func (s *Server) heldOf(ctx context.Context, t *i18n.T, id string) (heldView, error) {
	h, err := s.bookings.Held(ctx, id)
	if err != nil {
		return heldView{}, err
	}
	county, err := s.content.County(ctx)
	if err != nil {
		return heldView{}, err
	}
	d, err := s.dates.Date(ctx, h.DateID)
	if err != nil {
		return heldView{}, err
	}
	return heldView{Itinerary: s.stopsView(ctx, t, county, d, t.Lang.Code, h.Stops), DateLabel: longDate(t, d.Start.In(s.loc)),
		Until: t.ShortTime(h.Expires.In(s.loc)), UntilISO: h.Expires.Format(time.RFC3339)}, nil
}

// bookConfirm books the held itinerary with the visitor's contact (or
// swaps a booking being changed for it) and sends them to the booking's
// page (303). Bad input shows the form again with what they typed and the
// problem next to its field, 422.
func (s *Server) bookConfirm(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	p := bookContactPage{Q: readBookQuery(f), Hold: f.Get("hold"), Name: f.Get("name"), Phone: f.Get("phone"), Email: f.Get("email"),
		Consent: f.Get("consent") == "1", Key: f.Get("key")}
	ctx := r.Context()
	var (
		b     booking.Booking
		token = p.Q.Token
		mail  = true // a change or a new booking; not a repeated tap
	)
	if p.Q.Change != "" {
		b, err = s.bookings.Change(ctx, p.Q.Change, p.Q.Token, p.Hold, p.Q.Concerns)
	} else {
		err = s.checkPow(ctx, powAnswer(f))
		if err == nil {
			err = s.limitContact(p.Phone, p.Email)
		}
		var created bool
		if err == nil {
			b, token, created, err = s.bookings.Confirm(ctx, booking.Confirmation{Hold: p.Hold, Consent: p.Consent, IdempotencyKey: p.Key,
				Lang: lang.Code, Concerns: p.Q.Concerns, Contact: booking.Contact{Name: p.Name, Phone: p.Phone, Email: p.Email}})
		}
		mail = created
	}
	switch errs.KindOf(err) {
	case errs.Invalid, errs.Conflict:
		t := i18n.For(lang.Code)
		p.Errors = contactErrors(t, err)
		if ferr := s.fillHeld(r, lang, &p); ferr != nil && errs.KindOf(ferr) != errs.Conflict {
			return ferr
		}
		return renderWith(s, w, r, http.StatusUnprocessableEntity, "book_contact", lang, t.Get("book.contact_title"), p)
	case errs.NotFound: // changing: the booking's link was wrong
		return err
	}
	if err != nil {
		return err
	}
	if mail {
		kind := notify.Confirmed
		if p.Q.Change != "" {
			kind = notify.Changed
		}
		s.mailVisitor(r, kind, b, token)
	}
	http.Redirect(w, r, bookingPath(lang.Code, b.Code, token), http.StatusSeeOther)
	return nil
}

// contactErrors puts the message of a refused confirmation next to the
// field of the contact form it names, or over the form.
func contactErrors(t *i18n.T, err error) fieldErrors {
	field := fieldOf(err)
	if !slices.Contains([]string{"name", "phone", "email", "consent", "pow"}, field) {
		field = ""
	}
	return fieldErrors{field: t.Get(errs.MsgKeyOf(err))}
}

// bookingPath is the visitor's page of booking code with its token.
func bookingPath(lang string, code booking.Code, token string) string {
	return "/" + lang + "/onestop/bookings/" + string(code) + "?t=" + url.QueryEscape(token)
}
