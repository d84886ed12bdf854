package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/notify"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// oneStopFixture is a staff fixture whose e-mails go to an outbox, with the
// admin signed in.
type oneStopFixture struct {
	*staffFixture
	outbox *notify.Outbox
	admin  *http.Cookie
}

func newOneStopFixture(t *testing.T, d *db.DB) oneStopFixture {
	t.Helper()
	outbox := notify.NewOutbox(filepath.Join(t.TempDir(), "outbox"), notify.DefaultFrom)
	f := newStaffFixtureWith(t, d, Config{Mailer: outbox})
	return oneStopFixture{staffFixture: f, outbox: outbox, admin: f.session(t, f.users[staff.Admin])}
}

// do sends a request as the admin.
func (f oneStopFixture) do(method, path string, form url.Values) *httpResult {
	rec := serve(f.h, staffRequest(method, path, form, f.admin))
	return &httpResult{Code: rec.Code, Body: rec.Body.String(), Location: rec.Header().Get("Location")}
}

type httpResult struct {
	Code           int
	Body, Location string
}

// problemOf is the text of the problem shown for input name, "" when the
// input is not marked invalid.
func problemOf(t *testing.T, body, name string) string {
	t.Helper()
	doc := parsePage(t, body)
	for _, tag := range []string{"input", "select"} {
		if len(selectAll(doc, tag, "name="+name, "aria-invalid=true", "aria-describedby=p-"+name)) == 1 {
			return elementText(doc, "p", "id", "p-"+name)
		}
	}
	return ""
}

// firstRuleDate makes the rule's dates (by showing the dates page) and
// returns the first.
func (f oneStopFixture) firstRuleDate(t *testing.T) onestop.Date {
	t.Helper()
	if r := f.do(http.MethodGet, "/staff/onestop/", nil); r.Code != http.StatusOK {
		t.Fatalf("dates page: %d", r.Code)
	}
	up, err := f.srv.dates.Upcoming(context.Background(), testNow)
	if err != nil || len(up) < 3 {
		t.Fatalf("upcoming %v, %v", up, err)
	}
	return up[0]
}

func TestStaffOneStopCreate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newOneStopFixture(t, d)
		first := f.firstRuleDate(t) // 2026-12-04
		for _, tc := range []struct {
			name, date, start, end, roster string
			practice                       bool
			field                          string
		}{
			{"past", "2026-11-20", "09:00", "12:00", "template", false, "date"},
			{"not a date", "4.12.2026", "09:00", "12:00", "template", false, "date"},
			{"holiday", "2026-12-25", "09:00", "12:00", "template", false, "date"},
			{"second public date", first.Day, "13:00", "15:00", "template", false, "date"},
			{"bad start", "2026-12-18", "9 Uhr", "12:00", "template", false, "start"},
			{"end before start", "2026-12-18", "12:00", "09:00", "template", false, "end"},
			{"unknown roster", "2026-12-18", "09:00", "12:00", "999999", false, "roster"},
		} {
			form := url.Values{"date": {tc.date}, "start": {tc.start}, "end": {tc.end}, "roster": {tc.roster}}
			r := f.do(http.MethodPost, "/staff/onestop/", form)
			if r.Code != http.StatusUnprocessableEntity || problemOf(t, r.Body, tc.field) == "" {
				t.Errorf("%s: %d, problem at %s %q; want 422 naming it", tc.name, r.Code, tc.field, problemOf(t, r.Body, tc.field))
			}
			if doc := parsePage(t, r.Body); len(selectAll(doc, "input", "name=date", "value="+tc.date)) != 1 {
				t.Errorf("%s: the date typed was not kept", tc.name)
			}
		}
		// A practice date on the same day is allowed, its roster from the
		// first date; a public one on a free Friday from the template.
		for _, form := range []url.Values{
			{"date": {first.Day}, "start": {"13:00"}, "end": {"15:00"}, "practice": {"1"}, "roster": {strconv.FormatInt(first.ID, 10)}},
			{"date": {"2026-12-18"}, "start": {"09:00"}, "end": {"12:00"}, "roster": {"template"}},
		} {
			r := f.do(http.MethodPost, "/staff/onestop/", form)
			if r.Code != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/staff/onestop/") {
				t.Fatalf("create %v: %d %q %s", form, r.Code, r.Location, r.Body)
			}
			id, _ := strconv.ParseInt(strings.TrimPrefix(strings.TrimSuffix(r.Location, "?created=1"), "/staff/onestop/"), 10, 64)
			got, err := f.srv.dates.Date(context.Background(), id)
			if err != nil || got.Day != form.Get("date") || got.Practice != (form.Get("practice") != "") || len(got.Roster.Agencies) != 2 {
				t.Errorf("stored %+v, %v", got, err)
			}
			if page := f.do(http.MethodGet, r.Location, nil); page.Code != http.StatusOK || !strings.Contains(page.Body, form.Get("date")) {
				t.Errorf("date page: %d", page.Code)
			}
		}
		list := f.do(http.MethodGet, "/staff/onestop/", nil)
		rows := selectAll(parsePage(t, list.Body), "tr")
		if !strings.Contains(list.Body, "2026-12-18") || len(rows) < 8 {
			t.Errorf("the list has %d rows and lacks the new date", len(rows))
		}
		for lang, title := range map[string]string{"de": "One-Stop-Shop-Termine", "en": "One-Stop-Shop dates"} {
			req := staffRequest(http.MethodGet, "/staff/onestop/", nil, f.admin)
			req.Header.Set("Accept-Language", lang)
			doc := parsePage(t, serve(f.h, req).Body.String())
			if len(selectAll(doc, "html", "lang="+lang)) != 1 || textOf(selectAll(doc, "h1")[0]) != title {
				t.Errorf("dates page in %s: want <html lang=%s> and the title %q", lang, lang, title)
			}
		}
		editor := serve(f.h, staffRequest(http.MethodGet, "/staff/onestop/", nil, f.session(t, f.users[staff.Editor])))
		if editor.Code != http.StatusForbidden {
			t.Errorf("an editor gets %d, want 403", editor.Code)
		}
	})
}

// rosterForm is the form of the test county's two agencies: the
// Ausländeramt with the desks given, the Bürgerbüro with one, and a
// Ukrainian interpreter in the morning.
func rosterFormValues(abhDesks string, bbPresent bool) url.Values {
	v := url.Values{
		"a0.present": {"1"}, "a0.desks": {abhDesks}, "a0.walk_in": {"0"}, "a0.share": {""},
		"a0.s0.id": {"work-permit"}, "a0.s0.minutes": {"20"}, "a0.s1.id": {"residence"}, "a0.s1.minutes": {"30"}, "a0.s2.id": {""}, "a0.s2.minutes": {""},
		"a1.desks": {"1"}, "a1.walk_in": {"0"}, "a1.share": {""}, "a1.s0.id": {"registration"}, "a1.s0.minutes": {"15"},
		"i0.lang": {"uk"}, "i0.count": {"1"}, "i0.from": {"09:30"}, "i0.to": {"11:00"}, "i1.lang": {""}, "i1.count": {""}, "i1.from": {""}, "i1.to": {""},
		"walkins": {"10"},
	}
	if bbPresent {
		v.Set("a1.present", "1")
	}
	return v
}

// bookOn holds and confirms a visit of the agency at minute start of date d.
// bookOn books a stop at agency on date d through the store: with an
// interpreter of lang, in the UI language uiLang, with an e-mail address
// if one is given.
func bookOn(t *testing.T, s *Server, d onestop.Date, agency string, start, minutes int, lang, uiLang, email string) (booking.Booking, string) {
	t.Helper()
	ctx := context.Background()
	it := booking.Itinerary{DateID: d.ID, Language: lang, Stops: []booking.Stop{{Agency: agency, Start: start, End: start + minutes}}}
	h, err := s.bookings.Hold(ctx, it, d)
	if err != nil {
		t.Fatal(err)
	}
	b, token, _, err := s.bookings.Confirm(ctx, booking.Confirmation{Hold: h.ID, Consent: true, Lang: uiLang, Contact: booking.Contact{Name: "V", Email: email}})
	if err != nil {
		t.Fatal(err)
	}
	return b, token
}

func TestStaffOneStopRoster(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newOneStopFixture(t, d)
		date := f.firstRuleDate(t)
		path := "/staff/onestop/" + strconv.FormatInt(date.ID, 10)
		r := f.do(http.MethodPost, path, rosterFormValues("3", true))
		if r.Code != http.StatusSeeOther || r.Location != path+"?saved=1" {
			t.Fatalf("save: %d %q %s", r.Code, r.Location, r.Body)
		}
		got, _ := f.srv.dates.Date(context.Background(), date.ID)
		if st, _ := got.Roster.Station("abh"); st.Desks != 3 || len(st.Services) != 2 || len(got.Roster.Interpreters) != 1 || got.Roster.Walkins != 10 {
			t.Fatalf("stored roster %+v", got.Roster)
		}
		b, _ := bookOn(t, f.srv, got, "bb", 0, 15, "", "", "")
		for _, tc := range []struct {
			name   string
			form   url.Values
			status int
			field  string
		}{
			{"not a number", rosterFormValues("drei", true), http.StatusUnprocessableEntity, "a0.desks"},
			{"too many desks", rosterFormValues(strconv.Itoa(onestop.MaxDesks+1), true), http.StatusUnprocessableEntity, "a0.desks"},
			{"no service minutes", func() url.Values { v := rosterFormValues("3", true); v.Set("a0.s1.minutes", "0"); return v }(), http.StatusUnprocessableEntity, "a0.s1.minutes"},
			{"interpreter after closing", func() url.Values {
				v := rosterFormValues("3", true)
				v.Set("i0.from", "11:30")
				v.Set("i0.to", "13:00")
				return v
			}(), http.StatusUnprocessableEntity, "i0.from"},
			{"booked agency removed", rosterFormValues("3", false), http.StatusConflict, ""},
		} {
			r := f.do(http.MethodPost, path, tc.form)
			if r.Code != tc.status {
				t.Errorf("%s: %d, want %d", tc.name, r.Code, tc.status)
			}
			if tc.field != "" && problemOf(t, r.Body, tc.field) == "" {
				t.Errorf("%s: no problem shown at %s", tc.name, tc.field)
			}
			if tc.status == http.StatusConflict && !strings.Contains(r.Body, string(b.Code)) {
				t.Errorf("%s: the booking in the way, %s, is not named", tc.name, b.Code)
			}
			if doc := parsePage(t, r.Body); len(selectAll(doc, "input", "name=a0.desks", "value="+tc.form.Get("a0.desks"))) != 1 {
				t.Errorf("%s: the input was not kept", tc.name)
			}
		}
		if again, _ := f.srv.dates.Date(context.Background(), date.ID); again.Roster.Agencies[0].Desks != 3 || len(again.Roster.Agencies) != 2 {
			t.Errorf("a refused roster was stored: %+v", again.Roster)
		}
		// The template: saved, and refused like a date's roster.
		if r := f.do(http.MethodPost, "/staff/onestop/template", rosterFormValues("4", true)); r.Code != http.StatusSeeOther {
			t.Fatalf("template: %d %s", r.Code, r.Body)
		}
		county, _ := f.srv.content.County(context.Background())
		if st, _ := county.OneStop.Roster.Station("abh"); st.Desks != 4 {
			t.Errorf("template %+v", county.OneStop.Roster)
		}
		if r := f.do(http.MethodPost, "/staff/onestop/template", rosterFormValues("0", true)); r.Code != http.StatusUnprocessableEntity || problemOf(t, r.Body, "a0.desks") == "" {
			t.Errorf("template with 0 desks: %d", r.Code)
		}
	})
}

func TestStaffOneStopCopy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newOneStopFixture(t, d)
		ctx := context.Background()
		date := f.firstRuleDate(t)
		path := "/staff/onestop/" + strconv.FormatInt(date.ID, 10)
		if r := f.do(http.MethodPost, path, rosterFormValues("5", true)); r.Code != http.StatusSeeOther {
			t.Fatalf("save: %d", r.Code)
		}
		up, _ := f.srv.dates.Upcoming(ctx, testNow)
		r := f.do(http.MethodPost, path+"/copy", url.Values{"n": {"2"}, "action": {"preview"}})
		items := selectAll(parsePage(t, r.Body), "li")
		preview := []string{}
		for _, li := range items {
			preview = append(preview, textOf(li))
		}
		if r.Code != http.StatusOK || !strings.Contains(strings.Join(preview, " "), up[1].Day+" "+up[2].Day) {
			t.Fatalf("preview: %d %v, want %s and %s", r.Code, preview, up[1].Day, up[2].Day)
		}
		if again, _ := f.srv.dates.Date(ctx, up[1].ID); again.Roster.Agencies[0].Desks == 5 {
			t.Fatal("the preview copied")
		}
		if r := f.do(http.MethodPost, path+"/copy", url.Values{"n": {"0"}}); r.Code != http.StatusUnprocessableEntity || problemOf(t, r.Body, "n") == "" {
			t.Errorf("n=0: %d", r.Code)
		}
		r = f.do(http.MethodPost, path+"/copy", url.Values{"n": {"2"}, "action": {"copy"}})
		if r.Code != http.StatusSeeOther || !strings.Contains(r.Location, "copied=2") {
			t.Fatalf("copy: %d %q", r.Code, r.Location)
		}
		for i, d := range up[1:4] {
			got, _ := f.srv.dates.Date(ctx, d.ID)
			if copied := got.Roster.Agencies[0].Desks == 5; copied != (i < 2) {
				t.Errorf("%s copied: %v", d.Day, copied)
			}
		}
	})
}

func TestStaffOneStopCancel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newOneStopFixture(t, d)
		ctx := context.Background()
		date := f.firstRuleDate(t)
		up, _ := f.srv.dates.Upcoming(ctx, testNow)
		path := "/staff/onestop/" + strconv.FormatInt(date.ID, 10)
		if r := f.do(http.MethodPost, path, rosterFormValues("3", true)); r.Code != http.StatusSeeOther {
			t.Fatalf("roster with interpreters: %d", r.Code)
		}
		date, _ = f.srv.dates.Date(ctx, date.ID)
		ukr, ukrToken := bookOn(t, f.srv, date, "abh", 60, 20, "uk", "", "olena@example.org")
		bookOn(t, f.srv, date, "bb", 0, 15, "", "ar", "amira@example.org")
		bookOn(t, f.srv, date, "bb", 15, 15, "", "", "")

		next := `datetime="` + date.Start.Format(time.DateOnly+"T"+time.TimeOnly)
		if home := get(f.h, "/de/"); !strings.Contains(home.Body.String(), next) {
			t.Fatalf("the home page does not show the next date %s: %d %s", next, home.Code, between(home.Body.String(), "<time", "</time>"))
		}
		confirm := f.do(http.MethodGet, path+"/cancel", nil)
		if confirm.Code != http.StatusOK || !strings.Contains(confirm.Body, ": 3.") || !strings.Contains(confirm.Body, ": 2.") {
			t.Fatalf("confirmation page %d does not name 3 bookings, 2 with e-mail: %s", confirm.Code, confirm.Body)
		}
		var wg sync.WaitGroup
		for range 3 { // a double (triple) submit
			wg.Go(func() {
				if r := f.do(http.MethodPost, path+"/cancel", url.Values{}); r.Code != http.StatusSeeOther {
					t.Errorf("cancel: %d %s", r.Code, r.Body)
				}
			})
		}
		wg.Wait()
		if r := f.do(http.MethodPost, path+"/cancel", url.Values{}); r.Code != http.StatusSeeOther || !strings.HasSuffix(r.Location, "mailed=0&unsent=0") {
			t.Errorf("cancel again: %d %q", r.Code, r.Location)
		}
		list, err := f.outbox.List()
		if err != nil || len(list) != 2 {
			t.Fatalf("outbox %+v, %v; want 2 messages", list, err)
		}
		cyrillic, arabic := 0, 0
		for _, e := range list {
			if e.Kind != notify.DateCancelled.String() {
				t.Errorf("message of kind %q", e.Kind)
			}
			if strings.ContainsFunc(e.Subject, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
				cyrillic++
			}
			if strings.ContainsFunc(e.Subject, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
				arabic++
			}
		}
		if cyrillic != 1 || arabic != 1 {
			t.Errorf("%d Ukrainian and %d Arabic subjects, want 1 each (the visitor with a Ukrainian interpreter, the one who booked in Arabic)", cyrillic, arabic)
		}
		view := get(f.h, "/api/v1/bookings/"+string(ukr.Code)+"?token="+ukrToken)
		if view.Code != http.StatusOK || !strings.Contains(view.Body.String(), `"status":"cancelled"`) {
			t.Errorf("booking view: %d %s", view.Code, view.Body)
		}
		if home := get(f.h, "/de/"); strings.Contains(home.Body.String(), next) {
			t.Error("the home page still shows the cancelled date")
		}
		if dates := get(f.h, "/api/v1/onestop/dates"); strings.Contains(dates.Body.String(), `"date":"`+date.Day+`"`) {
			t.Errorf("the cancelled date is still listed: %s", dates.Body)
		}
		// The outbox page lists both with the address shortened, and shows one.
		page := f.do(http.MethodGet, "/staff/outbox", nil)
		if page.Code != http.StatusOK || strings.Contains(page.Body, "olena@example.org") || !strings.Contains(page.Body, "o…@example.org") {
			t.Errorf("outbox page: %d %s", page.Code, page.Body)
		}
		msg := f.do(http.MethodGet, "/staff/outbox/"+list[0].Name, nil)
		if msg.Code != http.StatusOK || !strings.Contains(msg.Body, list[0].Subject) {
			t.Errorf("message page: %d", msg.Code)
		}
		if r := f.do(http.MethodGet, "/staff/outbox/..%2Fx.eml", nil); r.Code != http.StatusNotFound {
			t.Errorf("a path outside the outbox: %d", r.Code)
		}
		if r := f.do(http.MethodPost, path, rosterFormValues("3", true)); r.Code != http.StatusConflict {
			t.Errorf("roster of a cancelled date: %d", r.Code)
		}
		// A date that is over is not cancelled.
		f.srv.now = func() time.Time { return up[1].End.Add(time.Minute) }
		over := "/staff/onestop/" + strconv.FormatInt(up[1].ID, 10) + "/cancel"
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			if r := f.do(method, over, url.Values{}); r.Code != http.StatusConflict {
				t.Errorf("%s cancel of a date that is over: %d", method, r.Code)
			}
		}
		if got, _ := f.srv.dates.Date(ctx, up[1].ID); got.Cancelled {
			t.Error("a date that is over was cancelled")
		}
	})
}

// flakyMailer fails while down is set, else hands the message to the outbox.
type flakyMailer struct {
	outbox *notify.Outbox
	down   *atomic.Bool
}

func (m flakyMailer) Send(ctx context.Context, msg notify.Message) error {
	if m.down.Load() {
		return errors.New("mail server down")
	}
	return m.outbox.Send(ctx, msg)
}

// TestStaffOneStopCancelRetry cancels a date while the mail server is
// down: the notices are not lost, and confirming again sends each once.
func TestStaffOneStopCancelRetry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newOneStopFixture(t, d)
		down := &atomic.Bool{}
		down.Store(true)
		f.srv.mailer = flakyMailer{f.outbox, down}
		date := f.firstRuleDate(t)
		path := "/staff/onestop/" + strconv.FormatInt(date.ID, 10)
		bookOn(t, f.srv, date, "bb", 0, 15, "", "", "anna@example.org")
		bookOn(t, f.srv, date, "abh", 0, 20, "", "", "ben@example.org")
		for _, tc := range []struct {
			down     bool
			location string
			outbox   int
		}{
			{true, "?mailed=0&unsent=2", 0},
			{false, "?mailed=2&unsent=0", 2},
			{false, "?mailed=0&unsent=0", 2},
		} {
			down.Store(tc.down)
			r := f.do(http.MethodPost, path+"/cancel", url.Values{})
			if r.Code != http.StatusSeeOther || r.Location != path+tc.location {
				t.Fatalf("mail server down %v: %d %q, want %s", tc.down, r.Code, r.Location, tc.location)
			}
			if list, _ := f.outbox.List(); len(list) != tc.outbox {
				t.Fatalf("mail server down %v: %d messages, want %d", tc.down, len(list), tc.outbox)
			}
			if tc.down {
				page := f.do(http.MethodGet, r.Location, nil)
				form := f.do(http.MethodGet, path+"/cancel", nil)
				if !strings.Contains(page.Body, path+"/cancel") || len(selectAll(parsePage(t, form.Body), "form", "action="+path+"/cancel")) != 1 {
					t.Errorf("no way to send the notices again: %s", form.Body)
				}
			}
		}
	})
}

// TestAPICancelOneStopDate cancels a date through the staff API as the
// staff page does: one e-mail per booking with an address, however often
// called; other roles, anonymous callers and unknown dates refused; every
// answer as openapi.yaml has it.
func TestAPICancelOneStopDate(t *testing.T) {
	spec := loadSpec(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newOneStopFixture(t, d)
		date := f.firstRuleDate(t)
		bookOn(t, f.srv, date, "bb", 0, 15, "", "", "anna@example.org")
		path := "/api/v1/onestop/dates/" + strconv.FormatInt(date.ID, 10) + "/cancel"
		for _, tc := range []struct {
			name   string
			path   string
			cookie *http.Cookie
			status int
			body   string
		}{
			{"anonymous", path, nil, http.StatusUnauthorized, ""},
			{"editor", path, f.session(t, f.users[staff.Editor]), http.StatusForbidden, ""},
			{"unknown date", "/api/v1/onestop/dates/999999/cancel", f.admin, http.StatusNotFound, ""},
			{"admin", path, f.admin, http.StatusOK, `"mailed":1,"unsent":0`},
			{"admin again", path, f.admin, http.StatusOK, `"mailed":0,"unsent":0`},
		} {
			req := httptest.NewRequest(http.MethodPost, tc.path, nil)
			if tc.cookie != nil {
				req.AddCookie(tc.cookie)
			}
			rec := serve(f.h, req)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("%s: %d %s, want %d with %s", tc.name, rec.Code, rec.Body, tc.status, tc.body)
			}
			validateAs(t, spec, http.MethodPost, tc.path, rec)
		}
		if list, _ := f.outbox.List(); len(list) != 1 {
			t.Errorf("%d messages, want 1", len(list))
		}
	})
}

// TestAPISetRoster replaces a date's roster through the staff API: stored,
// 400 naming the field, 409 with the codes of the bookings in the way,
// other roles and unknown dates refused; answers as openapi.yaml has them.
func TestAPISetRoster(t *testing.T) {
	spec := loadSpec(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newOneStopFixture(t, d)
		date := f.firstRuleDate(t)
		b, _ := bookOn(t, f.srv, date, "bb", 0, 15, "", "", "")
		path := "/api/v1/onestop/dates/" + strconv.FormatInt(date.ID, 10) + "/roster"
		const abh = `{"agency":"abh","desks":3,"services":[{"id":"work-permit","minutes":20}]}`
		const bb = `{"agency":"bb","desks":2,"services":[{"id":"registration","minutes":15}]}`
		for _, tc := range []struct {
			name, path, body string
			cookie           *http.Cookie
			status           int
			want             string
		}{
			{"anonymous", path, `{"roster":[` + abh + `]}`, nil, http.StatusUnauthorized, ""},
			{"editor", path, `{"roster":[` + abh + `]}`, f.session(t, f.users[staff.Editor]), http.StatusForbidden, ""},
			{"unknown date", "/api/v1/onestop/dates/999999/roster", `{"roster":[` + abh + `]}`, f.admin, http.StatusNotFound, ""},
			{"not JSON", path, `{"roster":`, f.admin, http.StatusBadRequest, `"field":"body"`},
			{"no desks", path, `{"roster":[{"agency":"abh","desks":0,"services":[{"id":"a","minutes":5}]}]}`, f.admin, http.StatusBadRequest, `"field":"roster[0].desks"`},
			{"booked agency dropped", path, `{"roster":[` + abh + `]}`, f.admin, http.StatusConflict, `"bookings":["` + string(b.Code) + `"]`},
			{"more desks", path, `{"roster":[` + abh + `,` + bb + `],"interpreters":[{"lang":"uk","count":1}],"walkins":5}`, f.admin, http.StatusOK, `"id":"` + strconv.FormatInt(date.ID, 10) + `"`},
		} {
			req := httptest.NewRequest(http.MethodPut, tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			if tc.cookie != nil {
				req.AddCookie(tc.cookie)
			}
			rec := serve(f.h, req)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.want) {
				t.Errorf("%s: %d %s, want %d with %s", tc.name, rec.Code, rec.Body, tc.status, tc.want)
			}
			validateAs(t, spec, http.MethodPut, tc.path, rec)
		}
		got, _ := f.srv.dates.Date(context.Background(), date.ID)
		if st, _ := got.Roster.Station("bb"); st.Desks != 2 || got.Roster.Walkins != 5 || len(got.Roster.Interpreters) != 1 {
			t.Errorf("stored roster %+v", got.Roster)
		}
	})
}
