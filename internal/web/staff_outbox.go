package web

import (
	"errors"
	"net/http"
	"os"
	"strings"

	"lotse/internal/errs"
	"lotse/internal/notify"
	"lotse/internal/staff"
)

// outboxPage lists the e-mails lotse wrote to its outbox folder instead of
// sending them (no LOTSE_SMTP_HOST), or shows one. Active is false when
// lotse sends through SMTP and keeps no outbox.
type outboxPage struct {
	Active  bool
	Entries []notify.OutboxEntry
	Entry   notify.OutboxEntry
	Text    string
}

// MaskEmail shows an address the way the outbox page lists it, enough to
// tell messages apart without spreading the visitor's address:
// "a…@example.org".
func (outboxPage) MaskEmail(addr string) string {
	local, domain, ok := strings.Cut(addr, "@")
	if !ok || local == "" {
		return "…"
	}
	return string([]rune(local)[:1]) + "…@" + domain
}

// outbox is the server's outbox, nil when mail goes through SMTP or
// nowhere.
func (s *Server) outbox() *notify.Outbox {
	o, _ := s.mailer.(*notify.Outbox)
	return o
}

func (s *Server) staffOutbox(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p := outboxPage{}
	if o := s.outbox(); o != nil {
		p.Active = true
		var err error
		if p.Entries, err = o.List(); err != nil {
			return err
		}
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_outbox", u, "staff.outbox.title", p)
}

func (s *Server) staffOutboxMessage(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	o := s.outbox()
	if o == nil {
		return errs.E(errs.NotFound, "error.not_found")
	}
	e, text, err := o.Read(r.PathValue("name"))
	if errors.Is(err, os.ErrNotExist) {
		return errs.E(errs.NotFound, "error.not_found")
	}
	if err != nil {
		return err
	}
	p := outboxPage{Active: true, Entry: e, Text: text}
	return renderStaff(s, w, r, http.StatusOK, "staff_outbox_message", u, "staff.outbox.message", p)
}
