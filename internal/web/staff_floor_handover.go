package web

import (
	"net/http"
	"strconv"

	"lotse/internal/errs"
	"lotse/internal/floor"
	"lotse/internal/i18n"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// handoverView is what a desk shows of handovers: the form to hand its
// visitor over (with what was typed), the consent questions waiting for a
// visitor's answer, the notes shared with this agency, and the answers of
// those it sent.
type handoverView struct {
	Targets  []choice
	Note     string
	Problems problems // by field: agency, note
	MaxNote  int
	Asks     []consentAsk
	Received []floor.Handover
	Sent     []floor.Handover
	Names    map[string]string // agencies by id, in the staff language
}

// consentAsk is a consent question on the desk's screen, turned to the
// visitor: in their language (V, Lang), naming both agencies and the ticket,
// with the note they are asked about.
type consentAsk struct {
	ID       int64
	Ticket   string
	Note     string
	Lang     i18n.Language
	V        *i18n.T
	From, To string // the agencies' names in the visitor's language
}

// handoverView fills the desk's handover part: targets for the visitor at
// the desk (cur, nil for none), the questions and notes of agency.
func (s *Server) handoverView(r *http.Request, d onestop.Date, names floorNames, agency string, cur *deskTicket) (handoverView, error) {
	ctx := r.Context()
	v := handoverView{MaxNote: floor.MaxNote, Names: names.agencies}
	if cur != nil {
		for _, c := range names.agencyChoices(d, []string{r.PostFormValue("to")}) {
			if c.Value != agency {
				v.Targets = append(v.Targets, c)
			}
		}
	}
	hs, err := s.floor.Handovers(ctx, d.ID, agency)
	if err != nil {
		return v, err
	}
	county, err := s.content.County(ctx)
	if err != nil {
		return v, err
	}
	for _, h := range hs {
		switch {
		case h.To == agency:
			v.Received = append(v.Received, h)
		case h.State == floor.ConsentPending:
			lang := slipLanguage(h.Language)
			v.Asks = append(v.Asks, consentAsk{ID: h.ID, Ticket: h.Ticket, Note: h.Note, Lang: lang, V: i18n.For(lang.Code),
				From: s.content.AgencyName(ctx, county.OneStop, h.From, lang.Code), To: s.content.AgencyName(ctx, county.OneStop, h.To, lang.Code)})
		default:
			v.Sent = append(v.Sent, h)
		}
	}
	return v, nil
}

// staffDeskHandover hands the desk's visitor over to another agency: the
// need is added at once, and a note, if written, waits for the visitor's
// consent, asked on this screen.
func (s *Server) staffDeskHandover(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	id, agency, n, err := floorDesk(r, u)
	if err != nil {
		return err
	}
	_, err = s.floor.Handover(r.Context(), id, r.PostFormValue("ticket"), agency, r.PostFormValue("to"), r.PostFormValue("note"))
	if err == nil {
		http.Redirect(w, r, deskPath(id, agency, n)+"#handover", http.StatusSeeOther)
		return nil
	}
	p, status, err := problemsOf(err, "agency")
	if err != nil {
		return err
	}
	return s.renderDesk(w, r, u, status, deskPage{Handover: handoverView{Note: r.PostFormValue("note"), Problems: p}})
}

// staffDeskConsentGiven records that the visitor agreed to share the note.
func (s *Server) staffDeskConsentGiven(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.consentStep(w, r, u, func(id, h int64, agency string) error { return s.floor.Consent(r.Context(), id, h, agency, true) })
}

// staffDeskConsentRefused records that the visitor did not agree: the note
// is erased.
func (s *Server) staffDeskConsentRefused(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.consentStep(w, r, u, func(id, h int64, agency string) error { return s.floor.Consent(r.Context(), id, h, agency, false) })
}

// staffDeskConsentWithdrawn records that the visitor took their consent
// back: the note is erased.
func (s *Server) staffDeskConsentWithdrawn(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	return s.consentStep(w, r, u, func(id, h int64, agency string) error { return s.floor.Withdraw(r.Context(), id, h, agency) })
}

// consentStep runs step on the {handover} of a desk route and goes back to
// the desk; a refused step shows the desk with the reason.
func (s *Server) consentStep(w http.ResponseWriter, r *http.Request, u *staff.User, step func(id, handover int64, agency string) error) error {
	id, agency, n, err := floorDesk(r, u)
	if err != nil {
		return err
	}
	h, err := strconv.ParseInt(r.PathValue("handover"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "error.not_found")
	}
	if err := step(id, h, agency); err != nil {
		p, status, err := problemsOf(err, "")
		if err != nil {
			return err
		}
		return s.renderDesk(w, r, u, status, deskPage{Problem: p[""]})
	}
	http.Redirect(w, r, deskPath(id, agency, n)+"#handover", http.StatusSeeOther)
	return nil
}
