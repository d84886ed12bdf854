package web

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"time"

	"lotse/internal/booking"
	"lotse/internal/notify"
)

// mailTimeout bounds the sending of one visitor's e-mail.
const mailTimeout = 30 * time.Second

// bookingCard is what the visitor is told of booking b, in lang: the
// agencies named as on their place pages, the link to the booking's page
// in lang with the token (at LOTSE_BASE_URL, else at the host the request
// came to).
func (s *Server) bookingCard(ctx context.Context, r *http.Request, b booking.Booking, token, lang string) (booking.Card, error) {
	county, err := s.content.County(ctx)
	if err != nil {
		return booking.Card{}, err
	}
	d, err := s.dates.Date(ctx, b.DateID)
	if err != nil {
		return booking.Card{}, err
	}
	name := func(id string) string { return s.content.AgencyName(ctx, county.OneStop, id, lang) }
	c := b.Card(d, lang, county.Name, county.OneStop.Where(), s.loc, name)
	c.Link = s.origin(r) + bookingPath(lang, b.Code, token)
	return c, nil
}

// apiBookingICS serves the calendar file of a booking to whoever has its
// token, in the request's language.
func (s *Server) apiBookingICS(w http.ResponseWriter, r *http.Request) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	token := r.URL.Query().Get("token")
	b, err := s.bookings.Booking(r.Context(), r.PathValue("code"), token)
	if err != nil {
		return err
	}
	c, err := s.bookingCard(r.Context(), r, b, token, lang.Code)
	if err != nil {
		return err
	}
	body, err := booking.ICS(c)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", booking.ICSContentType(c))
	w.Header().Set("Content-Disposition", `attachment; filename="`+string(b.Code)+`.ics"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(body)
	return err
}

// mailVisitor sends the visitor of b, if they gave an e-mail address, the
// message of kind in the language they booked in (else the request's), in the background: the answer
// does not wait for the mail server. A failure is logged without the
// address.
func (s *Server) mailVisitor(r *http.Request, kind notify.Kind, b booking.Booking, token string) {
	if s.mailer == nil || b.Contact.Email == "" {
		return
	}
	lang := cmp.Or(b.Lang, s.errorLanguage(r).Code)
	ctx := context.WithoutCancel(r.Context())
	c, err := s.bookingCard(ctx, r, b, token, lang)
	if err != nil {
		s.log.ErrorContext(ctx, "booking e-mail", slog.String("code", string(b.Code)), slog.String("error", err.Error()))
		return
	}
	m, err := notify.Compose(kind, b.Contact.Email, c)
	if err != nil {
		s.log.ErrorContext(ctx, "booking e-mail", slog.String("code", string(b.Code)), slog.String("error", err.Error()))
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(ctx, mailTimeout)
		defer cancel()
		if err := s.mailer.Send(ctx, m); err != nil {
			s.log.ErrorContext(ctx, "booking e-mail not sent", slog.String("code", string(b.Code)), slog.String("error", err.Error()))
		}
	}()
}

// SweepHolds deletes lapsed holds once a minute until ctx ends (the app runs
// it next to the server).
func (s *Server) SweepHolds(ctx context.Context) {
	s.bookings.SweepEvery(ctx, time.Minute, func(err error) {
		s.log.WarnContext(ctx, "sweep of lapsed holds", slog.String("error", err.Error()))
	})
}

// origin is where visitors' links point: LOTSE_BASE_URL, else the scheme
// and host the request came to.
func (s *Server) origin(r *http.Request) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
