package web

import (
	"html/template"
	"net/http"
	"net/url"

	"lotse/internal/booking"
	"lotse/internal/errs"
	"lotse/internal/floor"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// slipPage is the printable slip of a walk-in ticket, in the visitor's
// language (V): the label large, the agencies in order, and a QR code of
// the ticket's page to follow it on a phone.
type slipPage struct {
	Ticket   string
	Lang     i18n.Language // the visitor's
	V        *i18n.T       // the visitor's texts
	Agencies []string
	QR       template.HTML
	Link     string
	Back     string
}

// staffFloorSlip shows the slip of a ticket just handed out. The token is
// in the address (the redirect of the walk-in), as the floor keeps only its
// hash: a reload shows the slip again, a lost address cannot be reprinted.
func (s *Server) staffFloorSlip(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	d, err := s.floorDateOf(r)
	if err != nil {
		return err
	}
	label, ok := floor.ParseLabel(r.PathValue("ticket"))
	token := r.URL.Query().Get("t")
	if !ok || token == "" {
		return errs.E(errs.NotFound, "error.not_found")
	}
	if _, err := s.floor.Status(ctx, label, token); err != nil {
		return err
	}
	snap, err := s.floor.Snapshot(ctx, d.ID)
	if err != nil {
		return err
	}
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	for _, t := range snap.Tickets {
		if t.Ticket != label {
			continue
		}
		lang := slipLanguage(t.Language)
		v := i18n.For(lang.Code)
		page := slipPage{Ticket: t.Ticket, Lang: lang, V: v, Back: floorPath(d.ID),
			Link: s.publicBase(r) + "/" + lang.Code + "/tickets/" + compactLabel(t.Ticket) + "?t=" + url.QueryEscape(token)}
		for _, n := range t.Needs {
			page.Agencies = append(page.Agencies, s.content.AgencyName(ctx, county.OneStop, n.Agency, lang.Code))
		}
		qr, err := booking.QRSVG(page.Link, v.Get("floor.slip.qr", "Ticket", t.Ticket))
		if err != nil {
			return err
		}
		page.QR = template.HTML(qr)
		return renderStaff(s, w, r, http.StatusOK, "staff_floor_slip", u, "staff.floor.slip", page)
	}
	return errs.E(errs.NotFound, "error.not_found")
}

// slipLanguage is the public locale a visitor who speaks code reads their
// slip and ticket page in: that locale, or German for a language the site
// does not speak.
func slipLanguage(code string) i18n.Language {
	if l, ok := i18n.Lookup(code); ok {
		return l
	}
	return i18n.MustLookup(i18n.Source)
}
