package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/i18n"
	"lotse/internal/pow"
	"lotse/internal/staff"
)

// sendAs submits f (with button, if not nil) as the staff member signed in
// with cookie c.
func (f form) sendAs(h http.Handler, button *html.Node, c *http.Cookie) *httptest.ResponseRecorder {
	v := url.Values{}
	for k, vs := range f.values {
		v[k] = append([]string(nil), vs...)
	}
	if button != nil {
		v.Set(attr(button, "name"), attr(button, "value"))
	}
	if f.method == http.MethodPost {
		return serve(h, staffRequest(http.MethodPost, f.action, v, c))
	}
	return serve(h, staffRequest(http.MethodGet, f.action+"?"+v.Encode(), nil, c))
}

// staffToContact goes, signed in with c, from the first staff page with
// concern and the visitor's language to the contact page of the first
// itinerary.
func staffToContact(t *testing.T, h http.Handler, c *http.Cookie, concern, visitor string) *html.Node {
	t.Helper()
	start := formAt(t, pageOf(t, serve(h, staffRequest(http.MethodGet, "/staff/bookings/new", nil, c)), http.StatusOK), "/staff/bookings/new")
	start.values.Set("concern", concern)
	start.values.Set("visitor", visitor)
	times := pageOf(t, start.sendAs(h, start.buttons[0], c), http.StatusOK)
	hold := formAt(t, times, "/staff/bookings/new/hold")
	if len(hold.buttons) == 0 {
		t.Fatalf("no itinerary to choose: %s", textOf(times))
	}
	rec := hold.sendAs(h, hold.buttons[0], c)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("hold: %d %s", rec.Code, rec.Body)
	}
	return pageOf(t, serve(h, staffRequest(http.MethodGet, rec.Header().Get("Location"), nil, c)), http.StatusOK)
}

// TestStaffBookOnBehalf: reception and an agency account book through the
// forms, without JavaScript and without proof-of-work (which the public
// steps demand here); the booking keeps the visitor's language, the result
// shows the code and a slip in that language, the visitor's e-mail gets the
// confirmation, a second submit books nothing more, and the audit log names
// the staff account but none of the visitor's data.
func TestStaffBookOnBehalf(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		f.srv.pow = pow.New(pow.Options{Max: 1000})
		mails := make(sentMail, 4)
		f.srv.mailer = mails
		ctx := context.Background()
		// The public hold refuses a post without proof-of-work.
		public := formAt(t, pageOf(t, get(f.h, "/ar/onestop/book/dates?concern=work-permit"), http.StatusOK), "/ar/onestop/book/hold")
		if rec := public.send(f.h, public.buttons[0]); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("public hold without proof-of-work: %d", rec.Code)
		}
		for _, role := range []staff.Role{staff.Reception, staff.Agency} {
			c := f.session(t, f.users[role])
			name, phone, email := "Zaid "+string(role), "+49 2421 555 1234", string(role)+"-visitor@example.net"
			contact := staffToContact(t, f.h, c, "work-permit", "ar")
			if q := selectAll(contact, "blockquote", "lang=ar", "dir=rtl"); len(q) != 1 || !strings.Contains(textOf(q[0]), i18n.For("ar").Get("book.consent_text")) {
				t.Errorf("%s: the consent text in Arabic is not shown to read out", role)
			}
			confirm := formAt(t, contact, "/staff/bookings/new/confirm")
			confirm.values.Set("name", name)
			confirm.values.Set("phone", phone)
			confirm.values.Set("email", email)
			confirm.values.Set("consent", "1")
			first, again := confirm.sendAs(f.h, nil, c), confirm.sendAs(f.h, nil, c)
			page := pageOf(t, first, http.StatusOK)
			codes := selectAll(page, "p", "class=code")
			if len(codes) < 2 {
				t.Fatalf("%s: the result shows %d codes, want the staff's and the slip's: %s", role, len(codes), textOf(page))
			}
			code := strings.TrimSpace(textOf(codes[0]))
			slips := selectAll(page, "section", "class=slip", "lang=ar", "dir=rtl")
			if len(slips) != 1 || !strings.Contains(textOf(slips[0]), code) || !strings.Contains(textOf(slips[0]), i18n.For("ar").Get("booking.slip_manage")) ||
				len(selectAll(slips[0], "svg")) != 1 || !strings.Contains(textOf(slips[0]), "/ar/onestop/manage?code="+code) {
				t.Errorf("%s: no Arabic slip with the code, its QR code and the manage address", role)
			}
			if strings.Contains(page.Data+first.Body.String(), "?t=") {
				t.Errorf("%s: the slip carries the visitor's token", role)
			}
			if again.Code != http.StatusOK || !strings.Contains(again.Body.String(), code) {
				t.Errorf("%s: a second submit: %d, want the same booking %s", role, again.Code, code)
			}
			b, _, err := f.srv.bookings.Recover(ctx, code, name)
			if err != nil || b.Lang != "ar" || b.Contact.Email != email {
				t.Fatalf("%s: the booking %s: %+v %v", role, code, b, err)
			}
			m := <-mails
			if m.To != email || !strings.Contains(m.Text, "/ar/onestop/bookings/"+code+"?t=") {
				t.Errorf("%s: confirmation to %q: %s", role, m.To, m.Text)
			}
			select {
			case m := <-mails:
				t.Errorf("%s: the second submit sent another e-mail to %s", role, m.To)
			default:
			}
			log, err := f.svc.AuditLog(ctx, 100)
			if err != nil {
				t.Fatal(err)
			}
			var entries int
			for _, e := range log {
				if e.Action == "booking.on_behalf" && e.Actor == string(role)+"@example.org" && e.Target == code {
					entries++
				}
				for _, personal := range []string{"Zaid", "2421", "visitor@"} {
					if strings.Contains(e.Actor+e.Target, personal) {
						t.Errorf("the audit log holds %q: %+v", personal, e)
					}
				}
			}
			if entries != 1 {
				t.Errorf("%s: %d audit entries for %s, want 1", role, entries, code)
			}
		}
	})
}

// TestStaffBookErrors: bad choices and bad contacts show the form again,
// 422, with the field named and what was typed kept; a hold that lapsed
// says so. Editors and translators may not book.
func TestStaffBookErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		c := f.session(t, f.users[staff.Reception])
		for _, tc := range []struct{ query, field string }{
			{"show=1&visitor=de", "concern"},
			{"show=1&concern=nonsense&visitor=de", "concern"},
			{"show=1&concern=work-permit&visitor=xx", "visitor"},
		} {
			p := pageOf(t, serve(f.h, staffRequest(http.MethodGet, "/staff/bookings/new?"+tc.query, nil, c)), http.StatusUnprocessableEntity)
			if len(selectAll(p, "p", "id=err-"+tc.field)) != 1 {
				t.Errorf("%s: no message for %s", tc.query, tc.field)
			}
		}
		contact := staffToContact(t, f.h, c, "work-permit", "uk")
		confirm := formAt(t, contact, "/staff/bookings/new/confirm")
		for _, tc := range []struct{ name, phone, email, consent, field string }{
			{"", "", "", "1", "name"},
			{strings.Repeat("x", 10000), "", "", "1", "name"},
			{"A", "12", "", "1", "phone"},
			{"A", "", "not an address", "1", "email"},
			{"A", "+49 2421 1234", "", "", "consent"},
		} {
			confirm.values.Set("name", tc.name)
			confirm.values.Set("phone", tc.phone)
			confirm.values.Set("email", tc.email)
			confirm.values.Set("consent", tc.consent)
			p := pageOf(t, confirm.sendAs(f.h, nil, c), http.StatusUnprocessableEntity)
			if len(selectAll(p, "p", "id=err-"+tc.field)) != 1 || len(selectAll(p, "input", "id=f-"+tc.field, "aria-invalid=true")) != 1 && tc.field != "consent" {
				t.Errorf("%+v: the field is not named", tc)
			}
			if tc.phone != "" && len(selectAll(p, "input", "name=phone", "value="+tc.phone)) != 1 {
				t.Errorf("%+v: the phone typed is not kept", tc)
			}
		}
		lapsed := serve(f.h, staffRequest(http.MethodGet, "/staff/bookings/new/contact?hold=nope&visitor=uk&concern=work-permit", nil, c))
		if lapsed.Code != http.StatusConflict || !strings.Contains(lapsed.Body.String(), i18n.For("de").Get("booking.error.expired")) {
			t.Errorf("a lapsed hold: %d", lapsed.Code)
		}
		forged := serve(f.h, staffRequest(http.MethodPost, "/staff/bookings/new/hold", url.Values{"itinerary": {"forged"}, "concern": {"work-permit"}, "visitor": {"uk"}}, c))
		if forged.Code != http.StatusUnprocessableEntity {
			t.Errorf("a forged itinerary: %d", forged.Code)
		}
		for _, role := range []staff.Role{staff.Editor, staff.Translator, staff.Display} {
			if rec := serve(f.h, staffRequest(http.MethodGet, "/staff/bookings/new", nil, f.session(t, f.users[role]))); rec.Code != http.StatusForbidden {
				t.Errorf("%s: %d, want 403", role, rec.Code)
			}
		}
	})
}
