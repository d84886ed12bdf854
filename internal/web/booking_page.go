package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/notify"
)

// bookingPage is the visitor's page of a booking: what reception scans and
// the visitor reads aloud, when and where to go, and what they can do.
type bookingPage struct {
	Code      string
	QR        template.HTML
	DateLabel string
	Hours     string
	ISO       string
	Where     string
	Stops     []stopView
	Concerns  []string // labels of the concerns chosen
	Cancelled bool
	// DateCancelled is set when the county called the date off.
	DateCancelled bool
	Token         string
	ICS           string
	Print         bool
	PrintLink     string
	Self          string
	Change        string
	Cancel        string
	// Manage is the address (with host) of the page that finds the booking
	// by code and name, for paper; Mailed says a confirmation with the
	// booking's link went to the visitor's e-mail address.
	Manage string
	Mailed bool
}

// bookingView shows a booking to whoever has its link (?t=TOKEN); a wrong
// code or token is the 404 page. ?print=1 is the page for paper, one A4
// page without the site's header and buttons.
//
// The QR code holds the booking code alone, not the link: reception's
// scanner types it into the check-in field as a keyboard would, and a
// photographed printout then gives nobody the power to cancel or change
// the booking, which the token in the link would.
func (s *Server) bookingView(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	p, err := s.bookingPageOf(r, lang, r.PathValue("code"), r.URL.Query().Get("t"))
	if err != nil {
		return err
	}
	p.Print = r.URL.Query().Get("print") == "1"
	t := i18n.For(lang.Code)
	return render(s, w, r, "booking", lang, t.Get("booking.title"), p)
}

// bookingPageOf reads the booking of code with token and shows it in lang.
func (s *Server) bookingPageOf(r *http.Request, lang i18n.Language, code, token string) (bookingPage, error) {
	b, err := s.bookings.Booking(r.Context(), code, token)
	if err != nil {
		return bookingPage{}, err
	}
	return s.bookingPageFor(r, lang, b, token)
}

// bookingPageFor shows booking b in lang. Without a token (the slip staff
// print for a visitor) it has none of the links that need one: the visitor
// reaches the booking by code and name (Manage), or by the link of the
// confirmation e-mail.
func (s *Server) bookingPageFor(r *http.Request, lang i18n.Language, b booking.Booking, token string) (bookingPage, error) {
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return bookingPage{}, err
	}
	d, err := s.dates.Date(ctx, b.DateID)
	if err != nil {
		return bookingPage{}, err
	}
	t := i18n.For(lang.Code)
	qr, err := booking.QRSVG(string(b.Code), t.Get("booking.qr", "Code", string(b.Code)))
	if err != nil {
		return bookingPage{}, err
	}
	it := s.stopsView(ctx, t, county, d, lang.Code, b.Stops)
	p := bookingPage{Code: string(b.Code), QR: template.HTML(qr), DateLabel: longDate(t, d.Start.In(s.loc)),
		Hours: t.Get("time.range", "From", it.From, "To", it.To), ISO: d.Start.Format(time.RFC3339), Where: county.OneStop.Where(),
		Stops: it.Stops, Cancelled: b.Status == booking.StatusCancelled || d.Cancelled, DateCancelled: d.Cancelled,
		Manage: s.publicBase(r) + ManagePath(lang.Code, b.Code), Mailed: b.Contact.Email != "" && s.mailer != nil}
	for _, c := range b.Concerns {
		if _, ok := county.OneStop.Concern(c); ok {
			p.Concerns = append(p.Concerns, t.Get("onestop.concern."+c))
		}
	}
	if token == "" {
		return p, nil
	}
	self := bookingPath(lang.Code, b.Code, token)
	p.Token, p.Self, p.PrintLink = token, self, self+"&print=1"
	p.ICS = "/api/v1/bookings/" + string(b.Code) + "/ics?token=" + url.QueryEscape(token) + "&lang=" + url.QueryEscape(lang.Code)
	p.Cancel = "/" + lang.Code + "/onestop/bookings/" + string(b.Code) + "/cancel?t=" + url.QueryEscape(token)
	q := bookQuery{Concerns: b.Concerns, Language: b.Language, Interpreter: b.Language != "", Change: string(b.Code), Token: token}
	p.Change = q.link(lang.Code, "book", false)
	return p, nil
}

// ManagePath is the page that finds booking code again by its code and
// the visitor's name, with the code filled in: on the printed slip, and in
// the reminder e-mail, which cannot link the booking's page as its token
// is not stored.
func ManagePath(lang string, code booking.Code) string {
	return "/" + lang + "/onestop/manage?code=" + url.QueryEscape(string(code))
}

// bookingCancelForm asks, on a page of its own, whether the visitor really
// cancels: without JavaScript there is no dialog to ask in.
func (s *Server) bookingCancelForm(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	p, err := s.bookingPageOf(r, lang, r.PathValue("code"), r.URL.Query().Get("t"))
	if err != nil {
		return err
	}
	return render(s, w, r, "booking_cancel", lang, i18n.For(lang.Code).Get("booking.cancel_title"), p)
}

// bookingCancel cancels the booking (again: no change) and shows its page
// (303). The visitor with an e-mail address is told once.
func (s *Server) bookingCancel(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	token := f.Get("t")
	b, changed, err := s.bookings.Cancel(r.Context(), r.PathValue("code"), token)
	if err != nil {
		return err
	}
	if changed {
		s.mailVisitor(r, notify.Cancelled, b, token)
	}
	http.Redirect(w, r, bookingPath(lang.Code, b.Code, token), http.StatusSeeOther)
	return nil
}

// managePage is the form that finds a booking by its code and name.
type managePage struct {
	Code, Name string
	Errors     fieldErrors
}

// manageForm shows the form for a visitor who lost their booking's link,
// with the code of ?code= filled in (the link of a reminder e-mail, the
// address on a printed slip).
func (s *Server) manageForm(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	return render(s, w, r, "manage", lang, i18n.For(lang.Code).Get("manage.title"), managePage{Code: strings.TrimSpace(r.URL.Query().Get("code"))})
}

// manage finds the booking of a code and the name given with it and sends
// the visitor to its page with a new link (303; the old link stops
// working). A wrong code, a wrong name or both are one "not found", 404,
// with what they typed kept. Limited per client address like the API.
func (s *Server) manage(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r)
	if err != nil {
		return err
	}
	if err := s.limitAddr(r); err != nil {
		return err
	}
	p := managePage{Code: f.Get("code"), Name: f.Get("name")}
	b, token, err := s.bookings.Recover(r.Context(), p.Code, p.Name)
	if errs.KindOf(err) == errs.NotFound {
		t := i18n.For(lang.Code)
		p.Errors = fieldErrors{"": t.Get("manage.not_found")}
		p.Code, p.Name = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name)
		return renderWith(s, w, r, http.StatusNotFound, "manage", lang, t.Get("manage.title"), p)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, bookingPath(lang.Code, b.Code, token), http.StatusSeeOther)
	return nil
}
