package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// floorPage sends a staff request and checks its status; a redirect is
// followed by the caller through Location.
func floorPage(t *testing.T, f *floorFixture, c *http.Cookie, method, path string, form url.Values, want int) *httptest.ResponseRecorder {
	t.Helper()
	rec := serve(f.h, staffRequest(method, path, form, c))
	if rec.Code != want {
		t.Fatalf("%s %s: %d, want %d\n%s", method, path, rec.Code, want, rec.Body.String())
	}
	return rec
}

// TestStaffFloorReception: reception hands out a walk-in ticket whose slip
// has the label, the agencies and a QR of the ticket page in the visitor's
// language; wrong input shows the form again with the problem at its field
// and what was typed kept; a need is added, dropped and the visitor marked
// gone.
func TestStaffFloorReception(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFloorFixture(t, d)
		rc := f.session(t, f.users[staff.Reception])
		base := "/staff/floor/" + f.practice
		list := parsePage(t, floorPage(t, f, rc, "GET", "/staff/floor/", nil, 200).Body.String())
		if len(selectAll(list, "a", "href="+base)) != 1 {
			t.Errorf("the dates list has no link to the practice date's floor")
		}

		rec := floorPage(t, f, rc, "POST", base+"/tickets", url.Values{"language": {"uk"}}, http.StatusBadRequest)
		doc := parsePage(t, rec.Body.String())
		if len(selectAll(doc, "p", "id=problem-agencies")) != 1 {
			t.Errorf("no problem at the agencies:\n%s", rec.Body.String())
		}
		if len(selectAll(doc, "option", "value=uk", "selected")) != 1 {
			t.Errorf("the language chosen is not kept")
		}

		rec = floorPage(t, f, rc, "POST", base+"/checkins", url.Values{"code": {"NOPE-123"}}, http.StatusBadRequest)
		doc = parsePage(t, rec.Body.String())
		if in := selectAll(doc, "input", "id=code", "aria-invalid=true", "value=NOPE-123", "autofocus"); len(in) != 1 {
			t.Errorf("the code field does not keep the code with its problem:\n%s", rec.Body.String())
		}

		rec = floorPage(t, f, rc, "POST", base+"/tickets", url.Values{"agencies": {"abh", "bb"}, "language": {"uk"}}, http.StatusSeeOther)
		slip := rec.Header().Get("Location")
		if !strings.HasPrefix(slip, base+"/tickets/A1/slip?t=") {
			t.Fatalf("walk-in goes to %q", slip)
		}
		doc = parsePage(t, floorPage(t, f, rc, "GET", slip, nil, 200).Body.String())
		sec := selectAll(doc, "section", "class=slip", "lang=uk")
		if len(sec) != 1 || !strings.Contains(textOf(sec[0]), "A 1") || len(selectAll(sec[0], "li")) != 2 || len(selectAll(sec[0], "svg")) != 1 {
			t.Fatalf("slip: %d sections in Ukrainian", len(sec))
		}
		link := selectAll(sec[0], "a")
		if len(link) != 1 || !strings.Contains(attr(link[0], "href"), "/uk/tickets/A1?t=") {
			t.Errorf("the slip's link is %q", attr(link[0], "href"))
		}
		floorPage(t, f, rc, "GET", base+"/tickets/A1/slip?t=wrong", nil, http.StatusNotFound)

		floorPage(t, f, rc, "POST", base+"/tickets/A1/needs", url.Values{"agency": {"bb"}, "op": {"drop"}}, http.StatusSeeOther)
		doc = parsePage(t, floorPage(t, f, rc, "GET", base, nil, 200).Body.String())
		row := selectAll(doc, "tr", "id=t-A1")
		if len(row) != 1 || len(selectAll(row[0], "option", "value=bb")) != 1 {
			t.Fatalf("after dropping bb, the row does not offer to add it again")
		}
		floorPage(t, f, rc, "POST", base+"/tickets/A1/gone", nil, http.StatusSeeOther)
		rec = floorPage(t, f, rc, "POST", base+"/tickets/A1/gone", nil, http.StatusConflict)
		doc = parsePage(t, rec.Body.String())
		if row := selectAll(doc, "tr", "id=t-A1"); len(row) != 1 || len(selectAll(row[0], "p", "role=alert")) != 1 {
			t.Errorf("a second gone shows no reason in the row")
		}
	})
}

// TestStaffFloorDesk: a desk calls the next visitor, starts and ends; an
// agency account cannot open another agency's desk; a handover adds the
// need always and shares its note with the other agency only with the
// visitor's consent, asked in their language.
func TestStaffFloorDesk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFloorFixture(t, d)
		rc := f.session(t, f.users[staff.Reception])
		ac := f.session(t, f.users[staff.Agency]) // abh
		admin := f.session(t, f.users[staff.Admin])
		base := "/staff/floor/" + f.practice
		for range 2 {
			floorPage(t, f, rc, "POST", base+"/tickets", url.Values{"agencies": {"abh"}, "language": {"ar"}}, http.StatusSeeOther)
		}
		desk := base + "/desks/abh/1"
		floorPage(t, f, ac, "GET", base+"/desks/bb/1", nil, http.StatusForbidden)

		rec := floorPage(t, f, ac, "POST", desk+"/call", nil, http.StatusSeeOther)
		if loc := rec.Header().Get("Location"); loc != desk+"?called=A+1" {
			t.Fatalf("call next goes to %q", loc)
		}
		floorPage(t, f, ac, "POST", desk+"/start", nil, http.StatusSeeOther)

		// With consent: bb's desk reads the note.
		floorPage(t, f, ac, "POST", desk+"/handovers", url.Values{"ticket": {"A 1"}, "to": {"bb"}, "note": {"Bring the rental contract."}}, http.StatusSeeOther)
		doc := parsePage(t, floorPage(t, f, ac, "GET", desk, nil, 200).Body.String())
		ask := selectAll(doc, "div", "class=consent-ask", "lang=ar", "dir=rtl")
		if len(ask) != 1 {
			t.Fatalf("no consent question in Arabic")
		}
		given := selectAll(ask[0], "form")
		if len(given) != 2 {
			t.Fatalf("%d answers to the consent question", len(given))
		}
		bbDesk := base + "/desks/bb/1"
		if strings.Contains(floorPage(t, f, admin, "GET", bbDesk, nil, 200).Body.String(), "rental contract") {
			t.Errorf("bb reads the note before consent")
		}
		floorPage(t, f, ac, "POST", attr(given[0], "action"), nil, http.StatusSeeOther)
		if !strings.Contains(floorPage(t, f, admin, "GET", bbDesk, nil, 200).Body.String(), "Bring the rental contract.") {
			t.Errorf("bb does not read the note after consent")
		}
		floorPage(t, f, ac, "POST", desk+"/done", nil, http.StatusSeeOther)

		// Without consent: the need is added, nothing is shared.
		floorPage(t, f, ac, "POST", desk+"/call", nil, http.StatusSeeOther)
		floorPage(t, f, ac, "POST", desk+"/handovers", url.Values{"ticket": {"A 2"}, "to": {"bb"}, "note": {"Has a new address."}}, http.StatusSeeOther)
		doc = parsePage(t, floorPage(t, f, ac, "GET", desk, nil, 200).Body.String())
		ask = selectAll(doc, "div", "class=consent-ask")
		if len(ask) != 1 {
			t.Fatalf("%d consent questions", len(ask))
		}
		floorPage(t, f, ac, "POST", attr(selectAll(ask[0], "form")[1], "action"), nil, http.StatusSeeOther)
		body := floorPage(t, f, admin, "GET", bbDesk, nil, 200).Body.String()
		if strings.Contains(body, "new address") {
			t.Errorf("bb reads a refused note")
		}
		waiting := selectAll(parsePage(t, body), "input", "name=ticket", "value=A 2")
		if len(waiting) != 1 {
			t.Errorf("A 2 is not waiting for bb after the handover")
		}

		// The audit log has each handover and answer by its path (the note's
		// id), never the note's text.
		log, err := f.svc.AuditLog(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range log {
			if strings.HasPrefix(e.Action, "floor.") && e.Action != "floor.walkin" {
				actions = append(actions, e.Action)
			}
			if strings.Contains(e.Target, "rental") || strings.Contains(e.Target, "address") {
				t.Errorf("audit entry with a note: %+v", e)
			}
		}
		slices.Sort(actions)
		if want := []string{"floor.consent_given", "floor.consent_refused", "floor.handover", "floor.handover"}; !slices.Equal(actions, want) {
			t.Errorf("audit actions %v, want %v", actions, want)
		}

		// A bad handover keeps the note and names the field.
		rec = floorPage(t, f, ac, "POST", desk+"/handovers", url.Values{"ticket": {"A 2"}, "to": {"abh"}, "note": {"kept"}}, http.StatusBadRequest)
		doc = parsePage(t, rec.Body.String())
		if len(selectAll(doc, "p", "id=problem-to")) != 1 || len(selectAll(doc, "option", "value=bb")) != 1 || !strings.Contains(textOf(selectAll(doc, "textarea", "id=note")[0]), "kept") {
			t.Errorf("a handover to itself: no problem at the field or the note lost")
		}
	})
}
