package web

import (
	"net/http"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/i18n"
)

// TestBookChangeMail: a visitor with an e-mail address who changes the
// booking gets the "changed" message with the new times and their link,
// not the confirmation again.
func TestBookChangeMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		mails := make(sentMail, 2)
		s.mailer = mails
		h := s.Handler()
		contact := toContact(t, h, "ar", "/ar/onestop/book?concern=work-permit")
		f := formAt(t, contact, "/ar/onestop/book/confirm")
		f.values.Set("name", "A")
		f.values.Set("email", "a@example.org")
		f.values.Set("consent", "1")
		loc := f.send(h, nil).Header().Get("Location")
		tr := i18n.For("ar")
		if m := <-mails; !strings.Contains(m.Text, tr.Get("mail.confirmed.intro")) {
			t.Fatalf("booking: %s", m.Subject)
		}
		change := selectAll(pageOf(t, get(h, loc), http.StatusOK), "a", "class=button")[0]
		step1 := pageOf(t, get(h, attr(change, "href")), http.StatusOK)
		dates := pageOf(t, formAt(t, step1, "/ar/onestop/book/dates").send(h, nil), http.StatusOK)
		hold := formAt(t, dates, "/ar/onestop/book/hold")
		if len(hold.buttons) < 2 {
			t.Fatalf("%d itineraries to change to", len(hold.buttons))
		}
		contact = pageOf(t, follow(t, h, hold.send(h, hold.buttons[1])), http.StatusOK)
		if rec := formAt(t, contact, "/ar/onestop/book/confirm").send(h, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("change: %d", rec.Code)
		}
		m := <-mails
		if !strings.Contains(m.Text, tr.Get("mail.changed.intro")) || strings.Contains(m.Text, tr.Get("mail.confirmed.intro")) || !strings.Contains(m.Text, loc) {
			t.Errorf("the change's e-mail %q: %s", m.Subject, m.Text)
		}
		if len(m.Attachments) != 1 || !strings.Contains(string(m.Attachments[0].Data), "SEQUENCE:1") {
			t.Errorf("the change's calendar file does not replace the booked one")
		}
	})
}

// TestManageCodeFromQuery: the manage page that the reminder and the slip
// link has the code filled in, and only the code.
func TestManageCodeFromQuery(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		p := pageOf(t, get(h, "/de/onestop/manage?code=K7MA-4QX5&name=X"), http.StatusOK)
		if len(selectAll(p, "input", "name=code", "value=K7MA-4QX5")) != 1 || len(selectAll(p, "input", "name=name", "value=X")) != 0 {
			t.Errorf("the manage page does not take the code from the query")
		}
	})
}
