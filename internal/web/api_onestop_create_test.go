package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// TestAPICreateOneStopDate sets dates up as an admin: 201 and listed (a
// practice date not), bad input 400 naming the field in the request's
// language, other roles and anonymous callers refused.
func TestAPICreateOneStopDate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		admin := f.session(t, f.users[staff.Admin])
		post := func(body string, c *http.Cookie, lang string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/onestop/dates", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept-Language", lang)
			if c != nil {
				req.AddCookie(c)
			}
			return serve(f.h, req)
		}
		const roster = `"roster":[{"agency":"abh","desks":2,"services":[{"id":"work-permit","minutes":20}]}]`
		rec := post(`{"date":"2026-12-18","start":"13:00","end":"15:30","practice":false,`+roster+`}`, admin, "en")
		var created struct{ ID string }
		if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &created) != nil || created.ID == "" {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		if rec := post(`{"date":"2026-12-11","start":"09:00","end":"12:00","practice":true,`+roster+`}`, admin, "en"); rec.Code != http.StatusCreated {
			t.Errorf("practice: %d %s", rec.Code, rec.Body)
		}
		dates := oneStopDates(t, f.h, "de")
		if len(dates) != 6 || dates[1].ID != created.ID || dates[1].Start != "2026-12-18T13:00:00+01:00" || len(dates[1].Agencies) != 1 {
			t.Errorf("listed after create: %+v", dates)
		}
		id := dates[0].ID
		n, _ := strconv.ParseInt(id, 10, 64)
		if err := f.srv.dates.Cancel(context.Background(), n); err != nil {
			t.Fatal(err)
		}
		if dates := oneStopDates(t, f.h, "de"); len(dates) != 5 || dates[0].ID == id {
			t.Errorf("cancelled date still listed: %+v", dates[0])
		}
		tests := []struct {
			name, body, field, lang, message string
		}{
			{"not JSON", `{"date":`, "body", "de", "Die Anfrage ist kein gültiges JSON."},
			{"wrong type", `{"date":20261218}`, "body", "en", "The request is not valid JSON."},
			{"bad date", `{"date":"18.12.2026","start":"09:00","end":"12:00",` + roster + `}`, "date", "uk", "Будь ласка, вкажіть майбутню дату у форматі РРРР-ММ-ДД."},
			{"past", `{"date":"2026-11-20","start":"09:00","end":"12:00",` + roster + `}`, "date", "en", "Please give a date in the future as YYYY-MM-DD."},
			{"holiday", `{"date":"2026-12-25","start":"09:00","end":"12:00",` + roster + `}`, "date", "ar", "هذا اليوم عطلة رسمية في ولاية شمال الراين-وستفاليا."},
			{"taken", `{"date":"2026-12-18","start":"09:00","end":"12:00",` + roster + `}`, "date", "en", "There is already a One-Stop-Shop on this day."},
			{"bad end", `{"date":"2026-12-29","start":"09:00","end":"8:00",` + roster + `}`, "end", "en", "Please give a time as HH:MM, with the end after the start."},
			{"unknown agency", `{"date":"2026-12-29","start":"09:00","end":"12:00","roster":[{"agency":"zoo","desks":1,"services":[{"id":"x","minutes":5}]}]}`, "roster[0].agency", "en", "This agency is unknown or listed twice."},
			{"no desks", `{"date":"2026-12-29","start":"09:00","end":"12:00","roster":[{"agency":"abh","desks":0,"services":[{"id":"x","minutes":5}]}]}`, "roster[0].desks", "en", ""},
			{"no roster", `{"date":"2026-12-29","start":"09:00","end":"12:00"}`, "roster", "en", ""},
			{"huge", `{"date":"` + strings.Repeat("x", maxDateBody) + `"}`, "body", "en", ""},
		}
		for _, tt := range tests {
			rec := post(tt.body, admin, tt.lang)
			var got apiError
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusBadRequest && !(tt.name == "taken" && rec.Code == http.StatusConflict) {
				t.Errorf("%s: %d %s", tt.name, rec.Code, rec.Body)
				continue
			}
			if got.Error.Field != tt.field || tt.message != "" && got.Error.Message != tt.message || got.Error.Message == "" || strings.HasPrefix(got.Error.Message, "onestop.") {
				t.Errorf("%s: %+v, want field %s, message %q", tt.name, got.Error, tt.field, tt.message)
			}
		}
		valid := `{"date":"2027-02-19","start":"09:00","end":"12:00",` + roster + `}`
		if rec := post(valid, nil, "de"); rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "Bitte melden Sie sich an.") {
			t.Errorf("anonymous: %d %s", rec.Code, rec.Body)
		}
		for _, role := range staff.Roles {
			if role == staff.Admin {
				continue
			}
			if rec := post(valid, f.session(t, f.users[role]), "en"); rec.Code != http.StatusForbidden {
				t.Errorf("%s: %d %s", role, rec.Code, rec.Body)
			}
		}
		// A staff API token of role admin may, one of role editor may not.
		for _, tt := range []struct {
			role staff.Role
			date string
			want int
		}{{staff.Admin, "2027-02-19", http.StatusCreated}, {staff.Editor, "2027-02-26", http.StatusForbidden}} {
			_, secret, err := f.svc.CreateToken(context.Background(), staff.CLI, staff.NewToken{Role: tt.role, Name: "test"})
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodPost, "/api/v1/onestop/dates", strings.NewReader(`{"date":"`+tt.date+`","start":"09:00","end":"12:00",`+roster+`}`))
			req.Header.Set("Authorization", "Bearer "+secret)
			if rec := serve(f.h, req); rec.Code != tt.want {
				t.Errorf("token of role %s: %d %s, want %d", tt.role, rec.Code, rec.Body, tt.want)
			}
		}
		log, err := f.svc.AuditLog(context.Background(), 20)
		if err != nil || !slices.ContainsFunc(log, func(e staff.Entry) bool { return e.Action == "onestop.date.create" && e.Actor == "admin@example.org" }) {
			t.Errorf("audit log: %+v %v", log, err)
		}
	})
}
