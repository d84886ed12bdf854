package web

import (
	"net/http"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/notify"
	"lotse/internal/staff"
)

// staffContactPage is the contact page of a hold staff placed for a
// visitor: the itinerary, the contact form, and the consent text in the
// visitor's language for the staff member to read out.
type staffContactPage struct {
	Hold string
	heldView
	Expired bool
	Restart string // the first page again, for a lapsed hold
	Visitor i18n.Language
	// ConsentTitle and Consent are the consent's heading and text in the
	// visitor's language, to read out.
	ConsentTitle, Consent string
	Name, Phone, Email    string
	Agreed                bool // the visitor agreed to the storage of the data
	Key                   string
	Hidden                []hiddenField
	Errors                fieldErrors
}

// staffBookedPage is what staff see once the visitor is booked: the code
// large, whether an e-mail went out, and the slip in the visitor's
// language, the visitor's own page for paper without the links that need
// its token.
type staffBookedPage struct {
	Code   string
	Mailed bool
	Slip   slipData
}

// slipData is the visitor's booking page as the slip prints it: T in the
// visitor's language.
type slipData struct {
	T    *i18n.T
	Lang i18n.Language
	P    bookingPage
}

// staffBookContact shows the contact page of the hold in the query; a
// lapsed hold says so (409) and links to the first page again.
func (s *Server) staffBookContact(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	in := r.URL.Query()
	q, visitor := readStaffBook(in)
	p := staffContactPage{Hold: in.Get("hold"), Key: booking.NewToken()}
	status := http.StatusOK
	if err := s.fillStaffContact(r, q, visitor, &p); errs.KindOf(err) == errs.Conflict {
		status = http.StatusConflict
	} else if err != nil {
		return err
	}
	return renderStaff(s, w, r, status, "staff_book_contact", u, "staff.book.contact_title", p)
}

// fillStaffContact fills in p the hold, the visitor's language and the
// consent text, or marks p expired (returning the Conflict).
func (s *Server) fillStaffContact(r *http.Request, q bookQuery, visitor string, p *staffContactPage) error {
	l, err := visitorLang(visitor)
	if err != nil {
		l = i18n.MustLookup(i18n.Source)
	}
	vt := i18n.For(l.Code)
	p.Visitor, p.Consent, p.ConsentTitle = l, vt.Get("book.consent_text"), vt.Get("book.consent_title")
	p.Hidden = append(hiddenFields(staffBookValues(q, l.Code)), hiddenField{"hold", p.Hold})
	p.Restart = "/staff/bookings/new?" + staffBookValues(q, l.Code).Encode() + "#itineraries"
	v, err := s.heldOf(r.Context(), i18n.For(staffLang(r).Code), p.Hold)
	if err != nil {
		p.Expired = errs.KindOf(err) == errs.Conflict
		return err
	}
	p.heldView = v
	return nil
}

// staffBookConfirm books the hold for the visitor with the contact the
// staff member typed and the consent they confirm the visitor gave, and
// shows the code and the slip. The visitor with an e-mail address gets the
// confirmation with their link, as on the portal. Bad input shows the form
// again with what was typed and the field named, 422; the same idempotency
// key again shows the same booking and books nothing more. The audit log
// records the staff account and the booking's code, never the contact.
func (s *Server) staffBookConfirm(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	q, visitor := readStaffBook(f)
	p := staffContactPage{Hold: f.Get("hold"), Name: f.Get("name"), Phone: f.Get("phone"), Email: f.Get("email"),
		Agreed: f.Get("consent") == "1", Key: f.Get("key")}
	ctx := r.Context()
	l, err := visitorLang(visitor)
	var (
		b       booking.Booking
		token   string
		created bool
	)
	if err == nil {
		b, token, created, err = s.bookings.Confirm(ctx, booking.Confirmation{Hold: p.Hold, Consent: p.Agreed, IdempotencyKey: p.Key,
			Lang: l.Code, Concerns: q.Concerns, Contact: booking.Contact{Name: p.Name, Phone: p.Phone, Email: p.Email}})
	}
	if k := errs.KindOf(err); k == errs.Invalid || k == errs.Conflict {
		p.Errors = contactErrors(i18n.For(staffLang(r).Code), err)
		if ferr := s.fillStaffContact(r, q, visitor, &p); ferr != nil && errs.KindOf(ferr) != errs.Conflict {
			return ferr
		}
		return renderStaff(s, w, r, http.StatusUnprocessableEntity, "staff_book_contact", u, "staff.book.contact_title", p)
	}
	if err != nil {
		return err
	}
	if created {
		if err := s.staff.svc.Audit(ctx, u.Actor(), "booking.on_behalf", string(b.Code)); err != nil {
			return err
		}
		s.mailVisitor(r, notify.Confirmed, b, token)
	}
	slip, err := s.bookingPageFor(r, l, b, "")
	if err != nil {
		return err
	}
	slip.Print = true
	return renderStaff(s, w, r, http.StatusOK, "staff_booked", u, "staff.book.done_title", staffBookedPage{
		Code: string(b.Code), Mailed: slip.Mailed, Slip: slipData{T: i18n.For(l.Code), Lang: l, P: slip}})
}
