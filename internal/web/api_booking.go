package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/notify"
	"lotse/internal/onestop"
)

// maxBookingBody bounds the bodies of the booking API: room for a 10 kB name
// to be refused by name, not by size.
const maxBookingBody = 64 << 10

// apiStop is a stop of an itinerary or booking, times in RFC 3339.
type apiStop struct {
	Agency string `json:"agency"`
	Start  string `json:"start"`
	End    string `json:"end"`
}

// apiItinerary is a proposed itinerary; its id holds it.
type apiItinerary struct {
	ID    string    `json:"id"`
	Stops []apiStop `json:"stops"`
}

// apiBooking is a booking as its visitor sees it; Token only in the answer
// to a confirmation.
type apiBooking struct {
	Code   string    `json:"code"`
	Token  string    `json:"token,omitempty"`
	Status string    `json:"status"`
	Stops  []apiStop `json:"stops"`
}

// readBody decodes a JSON body of at most maxBookingBody bytes into v.
func readBody(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBookingBody))
	if err != nil {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "error.too_large", Field: "body"}
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "onestop.error.body", Field: "body", Err: err}
	}
	return nil
}

// apiStops gives stops of date d as RFC 3339 times.
func apiStops(d onestop.Date, stops []booking.Stop) []apiStop {
	out := make([]apiStop, 0, len(stops))
	for _, st := range stops {
		start, end := st.Times(d)
		out = append(out, apiStop{Agency: st.Agency, Start: start.Format(time.RFC3339), End: end.Format(time.RFC3339)})
	}
	return out
}

// apiItineraries gives itineraries of date d for the API.
func apiItineraries(d onestop.Date, its []booking.Itinerary) []apiItinerary {
	out := make([]apiItinerary, 0, len(its))
	for _, it := range its {
		out = append(out, apiItinerary{ID: it.ID(), Stops: apiStops(d, it.Stops)})
	}
	return out
}

// apiProposalBody is the body of POST /api/v1/onestop/dates/{id}/proposals.
type apiProposalBody struct {
	Agencies    []string `json:"agencies"`
	Language    string   `json:"language"`
	Interpreter bool     `json:"interpreter"`
}

// apiProposals proposes itineraries of a date for the agencies asked, with
// an interpreter of the language when asked.
func (s *Server) apiProposals(w http.ResponseWriter, r *http.Request) error {
	var in apiProposalBody
	if err := readBody(w, r, &in); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "error.not_found")
	}
	ctx := r.Context()
	d, err := s.bookings.Date(ctx, id)
	if err != nil {
		return err
	}
	req := booking.Request{Agencies: in.Agencies}
	if in.Interpreter {
		req.Language = in.Language
	}
	its, err := s.bookings.Proposals(ctx, d, req)
	if err != nil {
		return err
	}
	return writeJSON(w, struct {
		Itineraries []apiItinerary `json:"itineraries"`
	}{apiItineraries(d, its)})
}

// apiHold places a hold on an itinerary: 201 with the hold's secret id and
// when it lapses, or 409 with fresh proposals when it was just taken.
// Limited per client address, with proof-of-work.
func (s *Server) apiHold(w http.ResponseWriter, r *http.Request) error {
	if err := s.limitAddr(r); err != nil {
		return err
	}
	var in struct {
		Itinerary string `json:"itinerary"`
		Pow       string `json:"pow"`
	}
	if err := readBody(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	if err := s.checkPow(ctx, in.Pow); err != nil {
		return err
	}
	it, d, err := booking.ParseItinerary(in.Itinerary, func(id int64) (onestop.Date, error) { return s.bookings.Date(ctx, id) })
	if err != nil {
		return err
	}
	h, err := s.bookings.Hold(ctx, it, d)
	if errs.KindOf(err) == errs.Conflict {
		return s.takenWithProposals(ctx, err, d, it)
	}
	if err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusCreated, struct {
		Hold    string `json:"hold"`
		Expires string `json:"expires"`
	}{h.ID, h.Expires.Format(time.RFC3339)})
	return nil
}

// takenWithProposals is the Conflict of a hold that lost, with the
// proposals for the same agencies that are free now.
func (s *Server) takenWithProposals(ctx context.Context, taken error, d onestop.Date, it booking.Itinerary) error {
	req := booking.Request{Language: it.Language}
	for _, st := range it.Stops {
		req.Agencies = append(req.Agencies, st.Agency)
	}
	its, err := s.bookings.Proposals(ctx, d, req)
	if err != nil {
		return err
	}
	return proposalsError{err: taken, itineraries: apiItineraries(d, its)}
}

// proposalsError is an error whose JSON body also offers itineraries
// (errors.go).
type proposalsError struct {
	err         error
	itineraries []apiItinerary
}

func (e proposalsError) Error() string { return e.err.Error() }
func (e proposalsError) Unwrap() error { return e.err }

// apiConfirm turns a hold into a booking: 201 with its code, token and
// stops; a repeat with the same idempotency key 200 with the same. Limited
// per phone and e-mail, with proof-of-work; not per address: it needs a
// hold, which is, and a hold books once (a shelter's visitors who shared an
// address for their holds can all confirm).
func (s *Server) apiConfirm(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Hold           string `json:"hold"`
		Name           string `json:"name"`
		Phone          string `json:"phone"`
		Email          string `json:"email"`
		Consent        bool   `json:"consent"`
		IdempotencyKey string `json:"idempotency_key"`
		Pow            string `json:"pow"`
	}
	if err := readBody(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	if err := s.checkPow(ctx, in.Pow); err != nil {
		return err
	}
	if err := s.limitContact(in.Phone, in.Email); err != nil {
		return err
	}
	b, token, created, err := s.bookings.Confirm(ctx, booking.Confirmation{Hold: in.Hold, Consent: in.Consent, IdempotencyKey: in.IdempotencyKey,
		Lang: s.errorLanguage(r).Code, Contact: booking.Contact{Name: in.Name, Phone: in.Phone, Email: in.Email}})
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		s.mailVisitor(r, notify.Confirmed, b, token)
	}
	return s.writeBooking(ctx, w, status, b, token)
}

// apiBookingView shows a booking to whoever has its token.
func (s *Server) apiBookingView(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bookings.Booking(r.Context(), r.PathValue("code"), r.URL.Query().Get("token"))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.writeBooking(r.Context(), w, http.StatusOK, b, "")
}

// apiCancel cancels a booking (again: no change) for whoever has its token.
func (s *Server) apiCancel(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token string `json:"token"`
	}
	if err := readBody(w, r, &in); err != nil {
		return err
	}
	b, changed, err := s.bookings.Cancel(r.Context(), r.PathValue("code"), in.Token)
	if err != nil {
		return err
	}
	if changed {
		s.mailVisitor(r, notify.Cancelled, b, in.Token)
	}
	return s.writeBooking(r.Context(), w, http.StatusOK, b, "")
}

// writeBooking answers with a booking, its stops as times of its date.
func (s *Server) writeBooking(ctx context.Context, w http.ResponseWriter, status int, b booking.Booking, token string) error {
	d, err := s.dates.Date(ctx, b.DateID)
	if err != nil {
		return err
	}
	if d.Cancelled { // the county called the date off, perhaps after this booking was confirmed
		b.Status = booking.StatusCancelled
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSONStatus(w, status, apiBooking{Code: string(b.Code), Token: token, Status: b.Status, Stops: apiStops(d, b.Stops)})
	return nil
}
