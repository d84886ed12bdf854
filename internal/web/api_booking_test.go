package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/notify"
)

// post sends a JSON body to h and returns the response, checked against
// openapi.yaml.
func post(t *testing.T, h http.Handler, path string, body any) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	rec := serve(h, req)
	validateAs(t, loadSpec(t), http.MethodPost, path, rec)
	return rec
}

// jsonOf reads a JSON response into a map.
func jsonOf(t *testing.T, rec *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
	}
	return out
}

// firstItinerary proposes itineraries for abh on the first date and returns
// the best one's id.
func firstItinerary(t *testing.T, h http.Handler) string {
	t.Helper()
	d := oneStopDates(t, h, "en")[0]
	rec := post(t, h, "/api/v1/onestop/dates/"+d.ID+"/proposals", map[string]any{"agencies": []string{"abh"}, "language": "uk", "interpreter": false})
	its, _ := jsonOf(t, rec)["itineraries"].([]any)
	if rec.Code != http.StatusOK || len(its) == 0 {
		t.Fatalf("proposals: %d %s", rec.Code, rec.Body)
	}
	return its[0].(map[string]any)["id"].(string)
}

func TestAPIBookingLifecycle(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := post(t, h, "/api/v1/holds", map[string]any{"itinerary": firstItinerary(t, h)})
		if rec.Code != http.StatusCreated {
			t.Fatalf("hold: %d %s", rec.Code, rec.Body)
		}
		body := map[string]any{"hold": jsonOf(t, rec)["hold"], "name": "T. Test", "consent": true, "idempotency_key": "k-1"}
		first := post(t, h, "/api/v1/bookings", body)
		again := post(t, h, "/api/v1/bookings", body)
		b1, b2 := jsonOf(t, first), jsonOf(t, again)
		if first.Code != http.StatusCreated || again.Code != http.StatusOK || b1["code"] != b2["code"] || b1["token"] != b2["token"] {
			t.Fatalf("confirm %d %v, again %d %v", first.Code, b1, again.Code, b2)
		}
		code, token := b1["code"].(string), b1["token"].(string)
		if rec := get(h, "/api/v1/bookings/"+code+"?token="+token); rec.Code != http.StatusOK || jsonOf(t, rec)["status"] != "confirmed" {
			t.Errorf("view: %d %s", rec.Code, rec.Body)
		}
		for _, path := range []string{"/api/v1/bookings/" + code + "?token=x" + token, "/api/v1/bookings/" + code, "/api/v1/bookings/NOPE?token=" + token} {
			if rec := get(h, path); rec.Code != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, rec.Code)
			}
		}
		if rec := post(t, h, "/api/v1/bookings/"+code+"/cancel", map[string]any{"token": "wrong"}); rec.Code != http.StatusNotFound {
			t.Errorf("cancel with a wrong token: %d", rec.Code)
		}
		for range 2 {
			if rec := post(t, h, "/api/v1/bookings/"+code+"/cancel", map[string]any{"token": token}); rec.Code != http.StatusOK || jsonOf(t, rec)["status"] != "cancelled" {
				t.Errorf("cancel: %d %s", rec.Code, rec.Body)
			}
		}
	})
}

func TestAPIBookingBadInput(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		date := oneStopDates(t, h, "en")[0].ID
		rec := post(t, h, "/api/v1/holds", map[string]any{"itinerary": firstItinerary(t, h)})
		hold := jsonOf(t, rec)["hold"]
		for _, tc := range []struct {
			name, path, field string
			body              map[string]any
		}{
			{"unknown agency", "/api/v1/onestop/dates/" + date + "/proposals", "agencies", map[string]any{"agencies": []string{"nope"}}},
			{"no interpreter", "/api/v1/onestop/dates/" + date + "/proposals", "language", map[string]any{"agencies": []string{"abh"}, "language": "uk", "interpreter": true}},
			{"forged itinerary", "/api/v1/holds", "itinerary", map[string]any{"itinerary": "bm90IGFuIGl0aW5lcmFyeQ"}},
			{"10 kB name", "/api/v1/bookings", "name", map[string]any{"hold": hold, "name": strings.Repeat("n", 10<<10), "consent": true}},
			{"no name", "/api/v1/bookings", "name", map[string]any{"hold": hold, "consent": true}},
			{"no consent", "/api/v1/bookings", "consent", map[string]any{"hold": hold, "name": "A"}},
			{"malformed phone", "/api/v1/bookings", "phone", map[string]any{"hold": hold, "name": "A", "phone": "ring me", "consent": true}},
			{"malformed e-mail", "/api/v1/bookings", "email", map[string]any{"hold": hold, "name": "A", "email": "a@@b", "consent": true}},
		} {
			rec := post(t, h, tc.path+"?lang=uk", tc.body)
			e, _ := jsonOf(t, rec)["error"].(map[string]any)
			if rec.Code != http.StatusBadRequest || e["field"] != tc.field || !strings.ContainsAny(e["message"].(string), "абвгдеж") {
				t.Errorf("%s: %d %s, want 400 naming %s in Ukrainian", tc.name, rec.Code, rec.Body, tc.field)
			}
		}
		if rec := post(t, h, "/api/v1/onestop/dates/999/proposals", map[string]any{"agencies": []string{"abh"}}); rec.Code != http.StatusNotFound {
			t.Errorf("unknown date: %d", rec.Code)
		}
	})
}

// TestAPIHoldRaceTwoInstances races 200 holds of one itinerary over two
// servers on one PostgreSQL schema: at most the agency's two desks win, the
// others get 409 with the next options.
func TestAPIHoldRaceTwoInstances(t *testing.T) {
	u := dbtest.PostgresURL(t)
	var hs []http.Handler
	for i := range 2 {
		d, err := db.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		if i == 0 {
			hs = append(hs, newServer(t, d))
		} else {
			hs = append(hs, serverOn(t, d, content.NewStore(d)).Handler())
		}
	}
	it := firstItinerary(t, hs[0])
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		status = map[int]int{}
	)
	for i := range 200 {
		wg.Go(func() {
			b, _ := json.Marshal(map[string]any{"itinerary": it})
			req := httptest.NewRequest(http.MethodPost, "/api/v1/holds", strings.NewReader(string(b)))
			req.RemoteAddr = fmt.Sprintf("10.0.%d.%d:4000", i/250, i%250+1) // each racer its own address limit
			rec := serve(hs[i%2], req)
			mu.Lock()
			defer mu.Unlock()
			status[rec.Code]++
			if rec.Code == http.StatusConflict && !strings.Contains(rec.Body.String(), `"itineraries":[`) {
				t.Errorf("409 without proposals: %s", rec.Body)
			}
		})
	}
	wg.Wait()
	if won := status[http.StatusCreated]; won < 1 || won > 2 || won+status[http.StatusConflict] != 200 {
		t.Fatalf("statuses %v: want 1 or 2 holds, the rest 409", status)
	}
}

// sentMail is a notify.Mailer that hands each message to a channel.
type sentMail chan notify.Message

func (m sentMail) Send(_ context.Context, msg notify.Message) error { m <- msg; return nil }

func TestAPIBookingCalendarAndMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		mails := make(sentMail, 2)
		s.mailer = mails
		h := s.Handler()
		hold := jsonOf(t, post(t, h, "/api/v1/holds", map[string]any{"itinerary": firstItinerary(t, h)}))["hold"]
		b := jsonOf(t, post(t, h, "/api/v1/bookings?lang=de", map[string]any{"hold": hold, "name": "A", "email": "a@example.org", "consent": true}))
		code, token := b["code"].(string), b["token"].(string)
		if m := <-mails; m.To != "a@example.org" || len(m.Attachments) != 1 || !strings.Contains(m.Text, code) {
			t.Errorf("confirmation: to %q, %d attachments, text %q", m.To, len(m.Attachments), m.Text)
		}
		rec := get(h, "/api/v1/bookings/"+code+"/ics?token="+token)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/calendar") || !strings.Contains(rec.Body.String(), "BEGIN:VEVENT") {
			t.Errorf("ics: %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
		if rec := get(h, "/api/v1/bookings/"+code+"/ics?token=x"); rec.Code != http.StatusNotFound {
			t.Errorf("ics with a wrong token: %d", rec.Code)
		}
		post(t, h, "/api/v1/bookings/"+code+"/cancel", map[string]any{"token": token})
		if m := <-mails; len(m.Attachments) != 1 || !strings.Contains(m.Attachments[0].ContentType, "CANCEL") {
			t.Errorf("cancellation: %+v", m.Attachments)
		}
	})
}
