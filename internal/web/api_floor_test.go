package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"lotse/internal/booking"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/onestop"
	"lotse/internal/staff"
)

// floorFixture is a staff fixture with a practice date and a public date
// on the test clock's day, and a token of each floor role.
type floorFixture struct {
	*staffFixture
	practice, public string
	tokens           map[string]string // admin, reception, abh, bb, editor
}

func newFloorFixture(t *testing.T, d *db.DB) *floorFixture {
	t.Helper()
	ctx := context.Background()
	f := &floorFixture{staffFixture: newStaffFixture(t, d), tokens: map[string]string{}}
	county, err := f.srv.content.County(ctx)
	if err != nil {
		t.Fatal(err)
	}
	day := testNow.In(f.srv.loc).Format("2006-01-02")
	for _, in := range []onestop.Input{
		{Date: day, Start: "00:00", End: "23:59", Practice: true, Roster: county.OneStop.Roster},
		{Date: day, Start: "16:00", End: "18:00", Roster: county.OneStop.Roster},
	} {
		id, err := f.srv.dates.Create(ctx, county.OneStop, in, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if in.Practice {
			f.practice = strconv.FormatInt(id, 10)
		} else {
			f.public = strconv.FormatInt(id, 10)
		}
	}
	for name, n := range map[string]staff.NewToken{
		"admin": {Role: staff.Admin}, "reception": {Role: staff.Reception}, "editor": {Role: staff.Editor},
		"abh": {Role: staff.Agency, Agency: "abh"}, "bb": {Role: staff.Agency, Agency: "bb"},
	} {
		n.Name = "floor " + name
		_, secret, err := f.svc.CreateToken(ctx, staff.CLI, n)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[name] = secret
	}
	return f
}

// call sends a request as the holder of token who ("" for nobody) and
// checks the answer against openapi.yaml.
func (f *floorFixture) call(t *testing.T, method, path, who, body string) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if body == "" {
		req = httptest.NewRequest(method, path, nil)
	} else {
		req = httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[who])
	}
	rec := serve(f.h, req)
	validateAs(t, loadSpec(t), method, path, rec)
	if rec.Code >= 500 {
		t.Errorf("%s %s as %q: %d %s", method, path, who, rec.Code, rec.Body)
	}
	return rec
}

// TestAPIFloorDesks hands out walk-in tickets and lets desks call, serve and
// mark no-shows through the API: the roles (an agency's token only at its
// own desks), 204 when nobody can be called, 404 for bad ids, 400 naming
// the field, 409 for a busy or idle desk, and the visitor's status.
func TestAPIFloorDesks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFloorFixture(t, d)
		base := "/api/v1/floor/" + f.practice
		walkIn := `{"agencies":["abh","bb"],"language":"uk","interpreter":false}`
		for who, want := range map[string]int{"": 401, "editor": 403, "abh": 403} {
			if rec := f.call(t, "POST", base+"/tickets", who, walkIn); rec.Code != want {
				t.Errorf("walk-in as %q: %d, want %d", who, rec.Code, want)
			}
		}
		rec := f.call(t, "POST", base+"/tickets", "reception", walkIn)
		var ticket struct{ Ticket, Token string }
		if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &ticket) != nil || ticket.Ticket != "A 1" || ticket.Token == "" {
			t.Fatalf("walk-in: %d %s", rec.Code, rec.Body)
		}
		for _, tt := range []struct{ name, path, body, field string }{
			{"no agencies", base + "/tickets", `{"agencies":[],"language":"uk"}`, "agencies"},
			{"unknown agency", base + "/tickets", `{"agencies":["zoo"]}`, "agencies"},
			{"interpreter lacking", base + "/tickets", `{"agencies":["abh"],"language":"ar","interpreter":true}`, "language"},
			{"not JSON", base + "/tickets", `{"agencies":`, "body"},
			{"check-in without code", base + "/checkins", `{}`, "code"},
		} {
			rec := f.call(t, "POST", tt.path, "admin", tt.body)
			var e apiError
			if rec.Code != http.StatusBadRequest || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error.Field != tt.field || strings.HasPrefix(e.Error.Message, "floor.") {
				t.Errorf("%s: %d %s, want 400 on %s", tt.name, rec.Code, rec.Body, tt.field)
			}
		}
		for _, path := range []string{"/api/v1/floor/x/tickets", "/api/v1/floor/999999/tickets"} {
			if rec := f.call(t, "POST", path, "reception", walkIn); rec.Code != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, rec.Code)
			}
		}
		desk := base + "/desks/abh/1/"
		if rec := f.call(t, "POST", desk+"call", "bb", ""); rec.Code != http.StatusForbidden || !isJSONError(rec) {
			t.Errorf("bb's token at an abh desk: %d %s, want 403", rec.Code, rec.Body)
		}
		if rec := f.call(t, "POST", desk+"call", "reception", ""); rec.Code != http.StatusForbidden {
			t.Errorf("reception calls: %d, want 403", rec.Code)
		}
		rec = f.call(t, "POST", desk+"call", "abh", "")
		var c apiFloorCall
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &c) != nil || c != (apiFloorCall{Ticket: "A 1", Agency: "abh", Desk: 1}) {
			t.Fatalf("call: %d %s", rec.Code, rec.Body)
		}
		if rec := f.call(t, "POST", desk+"call", "abh", ""); rec.Code != http.StatusConflict {
			t.Errorf("call at a busy desk: %d, want 409", rec.Code)
		}
		if rec := f.call(t, "POST", base+"/desks/bb/1/call", "admin", ""); rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
			t.Errorf("bb calls while A 1 is at abh: %d %s, want 204", rec.Code, rec.Body)
		}
		for _, path := range []string{base + "/desks/abh/3/call", base + "/desks/abh/0/call", base + "/desks/abh/x/call", base + "/desks/zoo/1/call", "/api/v1/floor/x/desks/abh/1/call"} {
			if rec := f.call(t, "POST", path, "admin", ""); rec.Code != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, rec.Code)
			}
		}
		status := func(label, token string) (int, map[string]any) {
			rec := f.call(t, "GET", "/api/v1/tickets/"+url.PathEscape(label)+"?token="+url.QueryEscape(token), "", "")
			var out map[string]any
			json.Unmarshal(rec.Body.Bytes(), &out)
			return rec.Code, out
		}
		if code, st := status("A1", ticket.Token); code != http.StatusOK || st["state"] != "called" || st["agency"] != "abh" || st["desk"] != 1.0 {
			t.Errorf("status when called: %d %v", code, st)
		}
		for _, tt := range []struct{ label, token string }{{"A 1", "wrong"}, {"A 2", ticket.Token}, {"nonsense", ticket.Token}, {"A 1", ""}} {
			if code, _ := status(tt.label, tt.token); code != http.StatusNotFound {
				t.Errorf("status of %q with token %q: %d, want 404", tt.label, tt.token, code)
			}
		}
		if rec := f.call(t, "POST", desk+"done", "abh", ""); rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &c) != nil || c.Ticket != "A 1" {
			t.Errorf("done: %d %s", rec.Code, rec.Body)
		}
		if rec := f.call(t, "POST", desk+"done", "abh", ""); rec.Code != http.StatusConflict {
			t.Errorf("done at an idle desk: %d, want 409", rec.Code)
		}
		if code, st := status("A 1", ticket.Token); code != http.StatusOK || st["state"] != "waiting" || st["agency"] != "bb" || st["position"] != 1.0 {
			t.Errorf("status when waiting: %d %v", code, st)
		}
		if rec := f.call(t, "POST", base+"/desks/bb/1/call", "bb", ""); rec.Code != http.StatusOK {
			t.Fatalf("bb call: %d %s", rec.Code, rec.Body)
		}
		if rec := f.call(t, "POST", base+"/desks/bb/1/no-show", "bb", ""); rec.Code != http.StatusOK {
			t.Errorf("no-show: %d %s", rec.Code, rec.Body)
		}
		if rec := f.call(t, "POST", base+"/desks/bb/1/no-show", "abh", ""); rec.Code != http.StatusForbidden {
			t.Errorf("abh's no-show at bb: %d, want 403", rec.Code)
		}
		if code, st := status("A 1", ticket.Token); code != http.StatusOK || st["state"] != "done" || len(st["missed"].([]any)) != 1 {
			t.Errorf("status after a no-show: %d %v", code, st)
		}
		// A session works as a token does: reception's hands out a ticket,
		// an agency account of no agency works no desk.
		for _, tt := range []struct {
			role       staff.Role
			path, body string
			want       int
		}{
			{staff.Reception, base + "/tickets", `{"agencies":["bb"]}`, http.StatusCreated},
			{staff.Agency, base + "/desks/bb/1/call", "", http.StatusForbidden}, // the account is abh's
		} {
			req := httptest.NewRequest(http.MethodPost, tt.path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			req.AddCookie(f.session(t, f.users[tt.role]))
			if rec := serve(f.h, req); rec.Code != tt.want {
				t.Errorf("%s session at %s: %d %s, want %d", tt.role, tt.path, rec.Code, rec.Body, tt.want)
			}
		}
	})
}

// TestAPIFloorCheckIn checks a booked visitor in by the code (twice: the
// same ticket) and refuses unknown, malformed and other dates' codes.
func TestAPIFloorCheckIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFloorFixture(t, d)
		ctx := context.Background()
		id, _ := strconv.ParseInt(f.public, 10, 64)
		date, err := f.srv.bookings.Date(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.srv.bookings.Hold(ctx, booking.Itinerary{DateID: id, Stops: []booking.Stop{{Agency: "bb", Start: 30, End: 45}}}, date)
		if err != nil {
			t.Fatal(err)
		}
		b, _, _, err := f.srv.bookings.Confirm(ctx, booking.Confirmation{Hold: h.ID, Contact: booking.Contact{Name: "C. Heck"}, Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		path := "/api/v1/floor/" + f.public + "/checkins"
		code := strings.ToLower(strings.ReplaceAll(string(b.Code), "-", " "))
		for range 2 {
			if rec := f.call(t, "POST", path, "reception", `{"code":"`+code+`"}`); rec.Code != http.StatusOK || jsonOf(t, rec)["ticket"] != "A 1" {
				t.Errorf("check-in: %d %s", rec.Code, rec.Body)
			}
		}
		for _, tt := range []struct {
			path, code, who string
			want            int
		}{
			{path, "K7MA-4QX5", "reception", http.StatusNotFound},
			{path, "???", "admin", http.StatusBadRequest},
			{"/api/v1/floor/" + f.practice + "/checkins", string(b.Code), "reception", http.StatusConflict},
			{path, string(b.Code), "abh", http.StatusForbidden},
			{path, string(b.Code), "", http.StatusUnauthorized},
		} {
			if rec := f.call(t, "POST", tt.path, tt.who, `{"code":"`+tt.code+`"}`); rec.Code != tt.want || !isJSONError(rec) {
				t.Errorf("check-in of %q as %q at %s: %d %s, want %d", tt.code, tt.who, tt.path, rec.Code, rec.Body, tt.want)
			}
		}
	})
}
