package web

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// openFloorStream connects to a date's event stream with a bearer token
// and returns its reader after the opening snapshot, which it also returns.
func openFloorStream(t *testing.T, srv *httptest.Server, date, token string) (*bufio.Reader, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/v1/floor/"+date+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	r := bufio.NewReader(resp.Body)
	snap := readEvent(t, r)
	if !strings.HasPrefix(snap, "event: snapshot\n") {
		t.Fatalf("first event %q, want a snapshot", snap)
	}
	return r, snap
}

// TestAPIFloorEvents connects reception, two agencies and a display to a
// date's stream: each snapshot and update holds only the caller's scope
// (an agency never sees another agency's ticket, a display only calls and
// the count of who waits), and a call made through the API reaches every
// stream that may see it.
func TestAPIFloorEvents(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFloorFixture(t, d)
		_, secret, err := f.svc.CreateToken(context.Background(), staff.CLI, staff.NewToken{Name: "floor display", Role: staff.Display})
		if err != nil {
			t.Fatal(err)
		}
		f.tokens["display"] = secret
		base := "/api/v1/floor/" + f.practice
		for _, body := range []string{`{"agencies":["bb"],"language":"ar"}`, `{"agencies":["abh"],"language":"ar"}`} {
			if rec := f.call(t, "POST", base+"/tickets", "reception", body); rec.Code != http.StatusCreated {
				t.Fatalf("walk-in: %d %s", rec.Code, rec.Body)
			}
		}
		for who, want := range map[string]int{"": 401, "editor": 403} {
			if rec := f.call(t, "GET", base+"/events", who, ""); rec.Code != want {
				t.Errorf("events as %q: %d, want %d", who, rec.Code, want)
			}
		}
		srv := httptest.NewServer(f.h)
		t.Cleanup(srv.Close)
		reception, snap := openFloorStream(t, srv, f.practice, f.tokens["reception"])
		if !strings.Contains(snap, `"A 1"`) || !strings.Contains(snap, `"A 2"`) {
			t.Errorf("reception's snapshot lacks a ticket: %s", snap)
		}
		abh, snap := openFloorStream(t, srv, f.practice, f.tokens["abh"])
		if !strings.Contains(snap, `"A 2"`) || strings.Contains(snap, `"A 1"`) || strings.Contains(snap, `"bb"`) {
			t.Errorf("abh's snapshot, want A 2 alone and nothing of bb: %s", snap)
		}
		display, snap := openFloorStream(t, srv, f.practice, f.tokens["display"])
		if !strings.Contains(snap, `"waiting":2`) || strings.Contains(snap, `"A 1"`) {
			t.Errorf("display's snapshot, want two waiting and no call: %s", snap)
		}
		if rec := f.call(t, "POST", base+"/desks/bb/1/call", "bb", ""); rec.Code != http.StatusOK {
			t.Fatalf("bb calls: %d %s", rec.Code, rec.Body)
		}
		if rec := f.call(t, "POST", base+"/desks/abh/1/call", "abh", ""); rec.Code != http.StatusOK {
			t.Fatalf("abh calls: %d %s", rec.Code, rec.Body)
		}
		// abh's first update is its own call: bb's call before it was not
		// relayed to abh at all.
		if ev := readEvent(t, abh); !strings.HasPrefix(ev, "event: update\n") || !strings.Contains(ev, `"kind":"call","ticket":"A 2","agency":"abh","desk":1`) || strings.Contains(ev, `"A 1"`) || strings.Contains(ev, `"bb"`) {
			t.Errorf("abh's update: %s", ev)
		}
		if ev := readEvent(t, reception); !strings.Contains(ev, `"kind":"call","ticket":"A 1","agency":"bb"`) {
			t.Errorf("reception's first update: %s", ev)
		}
		if ev := readEvent(t, reception); !strings.Contains(ev, `"kind":"call","ticket":"A 2","agency":"abh"`) {
			t.Errorf("reception's second update: %s", ev)
		}
		readEvent(t, display) // bb's call
		ev := readEvent(t, display)
		if !strings.Contains(ev, `{"ticket":"A 2","agency":"abh","name":"Ausländeramt","desk":1,"language":"ar"`) || !strings.Contains(ev, `"language":"ar"`) || !strings.Contains(ev, `"waiting":0`) || strings.Contains(ev, "Needs") {
			t.Errorf("display's update, want A 2's call named, nobody waiting, no needs: %s", ev)
		}
	})
}
