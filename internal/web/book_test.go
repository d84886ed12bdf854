package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/i18n"
)

// A visitor without JavaScript: these tests read the forms of each page
// and send them as a browser would, with what the visitor types or picks.

// form is a form of a page as a browser would send it.
type form struct {
	method, action string
	values         url.Values
	buttons        []*html.Node // submit buttons with a name
}

// formAt finds the form whose action is action on page, with the values of
// its fields (hidden and text inputs, checked boxes, selected options).
func formAt(t *testing.T, page *html.Node, action string) form {
	t.Helper()
	forms := selectAll(page, "form", "action="+action)
	if len(forms) != 1 {
		t.Fatalf("%d forms with action %s", len(forms), action)
	}
	f := form{method: strings.ToUpper(attr(forms[0], "method")), action: action, values: url.Values{}}
	for _, in := range selectAll(forms[0], "input", "name") {
		switch attr(in, "type") {
		case "checkbox", "radio":
			if hasAttrs(in, []string{"checked"}) {
				f.values.Add(attr(in, "name"), attr(in, "value"))
			}
		default:
			f.values.Add(attr(in, "name"), attr(in, "value"))
		}
	}
	for _, sel := range selectAll(forms[0], "select", "name") {
		if opts := selectAll(sel, "option", "selected"); len(opts) > 0 {
			f.values.Set(attr(sel, "name"), attr(opts[0], "value"))
		} else if opts := selectAll(sel, "option"); len(opts) > 0 {
			f.values.Set(attr(sel, "name"), attr(opts[0], "value"))
		}
	}
	f.buttons = selectAll(forms[0], "button", "name")
	return f
}

// send submits f (with the value of button, if not nil) and returns the
// response.
func (f form) send(h http.Handler, button *html.Node) *httptest.ResponseRecorder {
	v := url.Values{}
	for k, vs := range f.values {
		v[k] = append([]string(nil), vs...)
	}
	if button != nil {
		v.Set(attr(button, "name"), attr(button, "value"))
	}
	if f.method == http.MethodPost {
		return serve(h, newForm(f.action, v.Encode()))
	}
	return get(h, f.action+"?"+v.Encode())
}

// follow GETs the Location of a 303.
func follow(t *testing.T, h http.Handler, rec *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	t.Helper()
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d, want 303: %s", rec.Code, rec.Body)
	}
	return get(h, rec.Header().Get("Location"))
}

// pageOf checks the status of rec and parses it.
func pageOf(t *testing.T, rec *httptest.ResponseRecorder, status int) *html.Node {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body)
	}
	return parsePage(t, rec.Body.String())
}

// toContact goes through steps 1 to 3 in lang from start and returns the
// contact page.
func toContact(t *testing.T, h http.Handler, lang, start string) *html.Node {
	t.Helper()
	step1 := pageOf(t, get(h, start), http.StatusOK)
	dates := pageOf(t, formAt(t, step1, "/"+lang+"/onestop/book/dates").send(h, nil), http.StatusOK)
	hold := formAt(t, dates, "/"+lang+"/onestop/book/hold")
	if len(hold.buttons) == 0 {
		t.Fatalf("no itinerary to choose: %s", textOf(dates))
	}
	return pageOf(t, follow(t, h, hold.send(h, hold.buttons[0])), http.StatusOK)
}

// bookAs books in lang as a visitor named name and returns the booking
// page's path.
func bookAs(t *testing.T, h http.Handler, lang, name string) string {
	t.Helper()
	contact := toContact(t, h, lang, "/"+lang+"/onestop/book?concern=work-permit")
	f := formAt(t, contact, "/"+lang+"/onestop/book/confirm")
	f.values.Set("name", name)
	f.values.Set("consent", "1")
	rec := f.send(h, nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", rec.Code, rec.Body)
	}
	return rec.Header().Get("Location")
}

func TestBookFlow(t *testing.T) {
	for _, tc := range []struct{ lang, dir, word string }{{"uk", "ltr", "Ваш запис"}, {"ar", "rtl", "حجزك"}} {
		t.Run(tc.lang, func(t *testing.T) {
			eachServer(t, func(t *testing.T, h http.Handler) {
				step1 := pageOf(t, get(h, "/"+tc.lang+"/onestop/book?concern=work-permit"), http.StatusOK)
				if boxes := selectAll(step1, "input", "name=concern", "value=work-permit", "checked"); len(boxes) != 1 {
					t.Fatalf("the concern of the query is not ticked")
				}
				contact := toContact(t, h, tc.lang, "/"+tc.lang+"/onestop/book?concern=work-permit")
				if len(selectAll(contact, "time", "data-countdown")) != 1 {
					t.Errorf("no countdown on the contact page")
				}
				f := formAt(t, contact, "/"+tc.lang+"/onestop/book/confirm")
				f.values.Set("name", "O. K.")
				f.values.Set("consent", "1")
				first, again := f.send(h, nil), f.send(h, nil)
				loc := first.Header().Get("Location")
				if first.Code != http.StatusSeeOther || again.Header().Get("Location") != loc {
					t.Fatalf("confirm twice: %d %q, %d %q; want one booking", first.Code, loc, again.Code, again.Header().Get("Location"))
				}
				if !strings.HasPrefix(loc, "/"+tc.lang+"/onestop/bookings/") || !strings.Contains(loc, "?t=") {
					t.Fatalf("booking page %q", loc)
				}
				rec := get(h, loc)
				p := pageOf(t, rec, http.StatusOK)
				for k, want := range map[string]string{"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"} {
					if got := rec.Header().Get(k); got != want {
						t.Errorf("%s: %q, want %q", k, got, want)
					}
				}
				code := strings.TrimPrefix(strings.Split(loc, "?")[0], "/"+tc.lang+"/onestop/bookings/")
				if n := selectAll(p, "html", "dir="+tc.dir); len(n) != 1 {
					t.Errorf("page not %s", tc.dir)
				}
				if bdi := selectAll(p, "bdi", "dir=ltr"); len(bdi) == 0 || textOf(bdi[0]) != code {
					t.Errorf("the code %s is not shown in an ltr <bdi>", code)
				}
				if len(selectAll(p, "svg", "role=img")) != 1 || len(selectAll(p, "meta", "name=robots", "content=noindex")) != 1 {
					t.Errorf("no QR code or no noindex")
				}
				if !strings.Contains(textOf(p), tc.word) || len(selectAll(p, "ol", "class=list stops")) != 1 {
					t.Errorf("page without its title in %s or its stops", tc.lang)
				}
				if a := selectAll(p, "a", "download"); len(a) != 1 || get(h, attr(a[0], "href")).Code != http.StatusOK {
					t.Errorf("no working .ics link")
				}
				if rec := get(h, loc+"&print=1"); rec.Code != http.StatusOK || len(selectAll(parsePage(t, rec.Body.String()), "article", "class=booking print")) != 1 {
					t.Errorf("print view: %d", rec.Code)
				}
			})
		})
	}
}

func TestBookCancelTwice(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		loc := bookAs(t, h, "uk", "A")
		p := pageOf(t, get(h, loc), http.StatusOK)
		cancel := selectAll(p, "a", "class=button")
		confirmPage := pageOf(t, get(h, attr(cancel[len(cancel)-1], "href")), http.StatusOK)
		code := strings.TrimPrefix(strings.Split(loc, "?")[0], "/uk/onestop/bookings/")
		f := formAt(t, confirmPage, "/uk/onestop/bookings/"+code+"/cancel")
		for i := range 2 {
			rec := f.send(h, nil)
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != loc {
				t.Fatalf("cancel %d: %d %s", i, rec.Code, rec.Header().Get("Location"))
			}
		}
		after := pageOf(t, get(h, loc), http.StatusOK)
		if !strings.Contains(textOf(after), "Цей запис скасовано.") || len(selectAll(after, "a", "class=button")) != 0 {
			t.Errorf("the cancelled booking's page: %s", textOf(after))
		}
		token := strings.SplitN(loc, "?t=", 2)[1]
		if rec := get(h, "/api/v1/bookings/"+code+"?token="+token); !strings.Contains(rec.Body.String(), `"status":"cancelled"`) {
			t.Errorf("API after cancel: %s", rec.Body)
		}
		f.values.Set("t", "wrong")
		if rec := f.send(h, nil); rec.Code != http.StatusNotFound {
			t.Errorf("cancel with a wrong token: %d", rec.Code)
		}
	})
}

func TestBookChangeDate(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		loc := bookAs(t, h, "uk", "A")
		code := strings.TrimPrefix(strings.Split(loc, "?")[0], "/uk/onestop/bookings/")
		token := strings.SplitN(loc, "?t=", 2)[1]
		change := selectAll(pageOf(t, get(h, loc), http.StatusOK), "a", "class=button")[0]
		step1 := pageOf(t, get(h, attr(change, "href")), http.StatusOK)
		dates := pageOf(t, formAt(t, step1, "/uk/onestop/book/dates").send(h, nil), http.StatusOK)
		links := selectAll(dates, "a", "href")
		var second string
		for _, a := range links {
			if strings.Contains(attr(a, "href"), "date=") && !hasAttrs(a, []string{"aria-current"}) && second == "" {
				second, _, _ = strings.Cut(attr(a, "href"), "#") // a browser keeps the fragment
			}
		}
		if second == "" {
			t.Fatal("no second date to change to")
		}
		dates = pageOf(t, get(h, second), http.StatusOK)
		hold := formAt(t, dates, "/uk/onestop/book/hold")
		contact := pageOf(t, follow(t, h, hold.send(h, hold.buttons[0])), http.StatusOK)
		f := formAt(t, contact, "/uk/onestop/book/confirm")
		if f.values.Get("change") != code || len(selectAll(contact, "input", "name=phone")) != 0 {
			t.Fatalf("the change's contact page asks for a contact again or lost the code")
		}
		rec := f.send(h, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != loc {
			t.Fatalf("change: %d %q, want 303 to %s", rec.Code, rec.Header().Get("Location"), loc)
		}
		ics := get(h, "/api/v1/bookings/"+code+"/ics?token="+token).Body.String()
		if !strings.Contains(ics, "SEQUENCE:1") || !strings.Contains(ics, "20270108") {
			t.Errorf("calendar after the change to 8 January: %s", ics)
		}
	})
}

func TestBookBadInput(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		contact := toContact(t, h, "uk", "/uk/onestop/book?concern=work-permit")
		base := formAt(t, contact, "/uk/onestop/book/confirm")
		for _, tc := range []struct {
			name, field string
			set         map[string]string
		}{
			{"malformed phone", "phone", map[string]string{"name": "A", "phone": "ring me", "consent": "1"}},
			{"10 kB name", "name", map[string]string{"name": strings.Repeat("n", 10<<10), "consent": "1"}},
			{"no consent", "consent", map[string]string{"name": "A", "email": "a@example.org"}},
			{"malformed e-mail", "email", map[string]string{"name": "A", "email": "a@@b", "consent": "1"}},
			{"expired hold", "", map[string]string{"name": "A", "consent": "1", "hold": "lapsed"}},
		} {
			f := form{method: base.method, action: base.action, values: url.Values{}}
			for k, v := range base.values {
				f.values[k] = v
			}
			for k, v := range tc.set {
				f.values.Set(k, v)
			}
			p := pageOf(t, f.send(h, nil), http.StatusUnprocessableEntity)
			if tc.field == "" {
				if alerts := selectAll(p, "div", "role=alert"); len(alerts) != 1 || !strings.ContainsAny(textOf(alerts[0]), "абвгдеж") {
					t.Errorf("%s: not one message in Ukrainian", tc.name)
				}
				if len(selectAll(p, "input", "id=f-name", "value=A")) != 1 {
					t.Errorf("%s: the name typed is not kept", tc.name)
				}
				continue
			}
			var msg []*html.Node
			for _, tag := range []string{"span", "p"} {
				msg = append(msg, selectAll(p, tag, "id=err-"+tc.field)...)
			}
			if len(msg) != 1 || !strings.ContainsAny(textOf(msg[0]), "абвгдеж") {
				t.Errorf("%s: no message in Ukrainian next to %s", tc.name, tc.field)
			}
			in := selectAll(p, "input", "id=f-"+tc.field, "aria-invalid=true")
			if len(in) != 1 || !strings.Contains(attr(in[0], "aria-describedby"), "err-"+tc.field) {
				t.Errorf("%s: field %s not marked invalid and described by its message", tc.name, tc.field)
				continue
			}
			if v := tc.set[tc.field]; tc.field != "consent" && attr(in[0], "value") != v {
				t.Errorf("%s: the typed value is not kept", tc.name)
			}
		}
		p := pageOf(t, get(h, "/uk/onestop/book/dates"), http.StatusUnprocessableEntity)
		if len(selectAll(p, "fieldset", "aria-invalid=true", "aria-describedby=err-concern")) != 1 {
			t.Errorf("no concern: step 1 does not name the field")
		}
		if rec := get(h, "/uk/onestop/book/dates?concern=nope"); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("unknown concern: %d", rec.Code)
		}
	})
}

func TestBookJustTaken(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		step1 := pageOf(t, get(h, "/ar/onestop/book?concern=work-permit"), http.StatusOK)
		dates := pageOf(t, formAt(t, step1, "/ar/onestop/book/dates").send(h, nil), http.StatusOK)
		hold := formAt(t, dates, "/ar/onestop/book/hold")
		chosen := attr(hold.buttons[0], "value")
		for range 2 { // the agency's two desks go to others first
			if rec := post(t, h, "/api/v1/holds", map[string]any{"itinerary": chosen}); rec.Code != http.StatusCreated {
				t.Fatalf("racing hold: %d %s", rec.Code, rec.Body)
			}
		}
		p := pageOf(t, hold.send(h, hold.buttons[0]), http.StatusConflict)
		alerts := selectAll(p, "div", "role=alert")
		if len(alerts) != 1 || textOf(alerts[0]) != i18n.For("ar").Get("booking.error.taken") {
			t.Errorf("no 'just taken' in Arabic")
		}
		again := formAt(t, p, "/ar/onestop/book/hold")
		if len(again.buttons) == 0 || attr(again.buttons[0], "value") == chosen {
			t.Fatalf("no fresh options after the race")
		}
		if rec := again.send(h, again.buttons[0]); rec.Code != http.StatusSeeOther {
			t.Errorf("holding a fresh option: %d", rec.Code)
		}
	})
}

func TestManageByCode(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		loc := bookAs(t, h, "uk", "Olena K.")
		code := strings.TrimPrefix(strings.Split(loc, "?")[0], "/uk/onestop/bookings/")
		f := formAt(t, pageOf(t, get(h, "/uk/onestop/manage"), http.StatusOK), "/uk/onestop/manage")
		for _, tc := range []struct{ code, name string }{{code, "Olena"}, {"K7MA-4QX5", "Olena K."}} {
			f.values.Set("code", tc.code)
			f.values.Set("name", tc.name)
			p := pageOf(t, f.send(h, nil), http.StatusNotFound)
			if len(selectAll(p, "input", "name=code", "value="+tc.code)) != 1 || len(selectAll(p, "div", "role=alert")) != 1 {
				t.Errorf("%s/%s: not the form again with a message and the code kept", tc.code, tc.name)
			}
		}
		f.values.Set("code", strings.ToLower(strings.ReplaceAll(code, "-", " ")))
		f.values.Set("name", "olena k.")
		rec := f.send(h, nil)
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/uk/onestop/bookings/"+code+"?t=") {
			t.Fatalf("manage: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		if get(h, rec.Header().Get("Location")).Code != http.StatusOK || get(h, loc).Code != http.StatusNotFound {
			t.Errorf("the new link should work and the old one not")
		}
	})
}

// TestBookMailLinksPage books in Ukrainian with an e-mail address: the
// confirmation is in Ukrainian and links the booking's HTML page, not the
// JSON view.
func TestBookMailLinksPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		mails := make(sentMail, 1)
		s.mailer = mails
		h := s.Handler()
		contact := toContact(t, h, "uk", "/uk/onestop/book?concern=work-permit")
		f := formAt(t, contact, "/uk/onestop/book/confirm")
		f.values.Set("name", "A")
		f.values.Set("email", "a@example.org")
		f.values.Set("consent", "1")
		loc := f.send(h, nil).Header().Get("Location")
		m := <-mails
		if loc == "" || !strings.Contains(m.Text, "http://example.com"+loc) || strings.Contains(m.Text, "/api/") {
			t.Errorf("the e-mail does not link %s: %s", loc, m.Text)
		}
	})
}

// TestBookingDateCancelled: when the county calls the date off, the
// booking's page says so and offers neither change nor cancel.
func TestBookingDateCancelled(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		h := s.Handler()
		loc := bookAs(t, h, "ar", "A")
		code := strings.TrimPrefix(strings.Split(loc, "?")[0], "/ar/onestop/bookings/")
		token := strings.SplitN(loc, "?t=", 2)[1]
		b, err := s.bookings.Booking(t.Context(), code, token)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.dates.Cancel(t.Context(), b.DateID); err != nil {
			t.Fatal(err)
		}
		p := pageOf(t, get(h, loc), http.StatusOK)
		if !strings.Contains(textOf(p), i18n.For("ar").Get("booking.date_cancelled")) || len(selectAll(p, "a", "class=button")) != 0 {
			t.Errorf("the page of a booking on a cancelled date: %s", textOf(p))
		}
	})
}

// TestPlanAndOneStopLinkToBooking: the plan's One-Stop-Shop section and the
// One-Stop-Shop page lead to step 1 with the concerns of the agencies they
// name ticked.
func TestPlanAndOneStopLinkToBooking(t *testing.T) {
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		plan := pageOf(t, get(h, "/uk/lotse/plan?a=12EG151_1005_11_01~200"), http.StatusOK)
		var book string
		for _, a := range selectAll(plan, "a", "class=button") {
			if strings.HasPrefix(attr(a, "href"), "/uk/onestop/book?concern=") {
				book = attr(a, "href")
			}
		}
		if book == "" {
			t.Fatal("the plan has no link to booking its One-Stop-Shop agencies")
		}
		step1 := pageOf(t, get(h, book), http.StatusOK)
		if len(selectAll(step1, "input", "name=concern", "checked")) == 0 {
			t.Errorf("step 1 from the plan ticks no concern")
		}
		onestop := pageOf(t, get(h, "/en/onestop?agencies=auslaenderamt"), http.StatusOK)
		want := "/en/onestop/book?concern=work-permit&concern=residence"
		if len(selectAll(onestop, "a", "href="+want)) != 1 {
			t.Errorf("the One-Stop-Shop page does not link %s", want)
		}
	})
}

// TestBookInterpreter: step 1 offers the interpreter languages of the
// coming dates (the reader's selected), and a language no date has is
// said on step 2 instead of itineraries.
func TestBookInterpreter(t *testing.T) {
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		step1 := pageOf(t, get(h, "/uk/onestop/book"), http.StatusOK)
		opts := selectAll(step1, "option")
		var langs []string
		for _, o := range opts {
			if a := ancestor(o, "select"); a != nil && attr(a, "name") == "language" {
				langs = append(langs, attr(o, "value"))
			}
		}
		if strings.Join(langs, ",") != "uk,ar" || len(selectAll(step1, "option", "value=uk", "selected")) != 1 {
			t.Errorf("interpreter languages %v, want uk (selected) and ar", langs)
		}
		with := pageOf(t, get(h, "/uk/onestop/book/dates?concern=work-permit&language=uk&interpreter=1"), http.StatusOK)
		if len(formAt(t, with, "/uk/onestop/book/hold").buttons) == 0 {
			t.Errorf("no itinerary with a Ukrainian interpreter")
		}
		without := pageOf(t, get(h, "/uk/onestop/book/dates?concern=work-permit&language=fa&interpreter=1"), http.StatusOK)
		if alerts := selectAll(without, "div", "role=alert"); len(alerts) != 1 || textOf(alerts[0]) != i18n.For("uk").Get("booking.error.language") {
			t.Errorf("a language without interpreter is not named")
		}
	})
}
