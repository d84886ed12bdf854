package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// whereSection is the agency-link list of a public guide page.
func whereSection(body string) string { return between(body, `id="where"`, `</section>`) }

// TestStaffGuideLinks edits the agency links of a guide on its edit screen: a
// draft keeps them from readers, the conflict page carries them, publishing
// shows them.
func TestStaffGuideLinks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		c := f.session(t, f.users[staff.Editor])
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/guides/work-permit/edit", nil, c)).Body.String()
		if !strings.Contains(page, `name="places" value="auslaenderamt" checked`) || !strings.Contains(page, `name="places" value="buergerbuero">`) {
			t.Fatalf("edit screen does not offer the places with the current link ticked")
		}
		if !strings.Contains(page, "<code>nordstadt</code>") {
			t.Error("edit screen does not name the municipality slugs")
		}
		base := between(page, `name="base" value="`, `"`)
		save := func(base, action string, places ...string) *http.Response {
			form := url.Values{"title": {"Arbeitserlaubnis"}, "body": {"Text.\n"}, "base": {base}, "action": {action},
				"places_shown": {"1"}, "places": places}
			return serve(f.h, staffRequest(http.MethodPost, "/staff/guides/work-permit/edit", form, c)).Result()
		}
		if res := save(base, "draft", "buergerbuero", "auslaenderamt"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("draft: %d", res.StatusCode)
		}
		if where := whereSection(get(f.h, "/de/guides/work-permit").Body.String()); strings.Contains(where, "Bürgerbüro") || !strings.Contains(where, "Ausländeramt") {
			t.Errorf("a draft changed the public links: %q", where)
		}
		page = serve(f.h, staffRequest(http.MethodGet, "/staff/guides/work-permit/edit", nil, c)).Body.String()
		if i, j := strings.Index(page, `value="buergerbuero" checked`), strings.Index(page, `value="auslaenderamt" checked`); i < 0 || j < i {
			t.Error("edit screen does not continue from the draft's links in their order")
		}
		// A stale save shows the conflict page, which keeps the chosen links.
		res := serve(f.h, staffRequest(http.MethodPost, "/staff/guides/work-permit/edit", url.Values{"title": {"X"}, "body": {"Y\n"},
			"base": {base}, "action": {"publish"}, "places_shown": {"1"}, "places": {"buergerbuero"}}, c))
		if res.Code != http.StatusConflict || !strings.Contains(res.Body.String(), `<input type="hidden" name="places" value="buergerbuero">`) {
			t.Errorf("conflict page: %d, links not kept", res.Code)
		}
		next := between(page, `name="base" value="`, `"`)
		if res := save(next, "publish", "buergerbuero"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.StatusCode)
		}
		if where := whereSection(get(f.h, "/de/guides/work-permit").Body.String()); !strings.Contains(where, "Bürgerbüro") || strings.Contains(where, "Ausländeramt") {
			t.Errorf("published links not public: %q", where)
		}
		if res := save(between(serve(f.h, staffRequest(http.MethodGet, "/staff/guides/work-permit/edit", nil, c)).Body.String(), `name="base" value="`, `"`),
			"publish", "nowhere"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown place: %d", res.StatusCode)
		}
		if n := auditCount(t, f, "guide.places"); n != 2 {
			t.Errorf("%d guide.places entries in the audit log, want 2 (draft, publish)", n)
		}
	})
}

// TestStaffPlaceEditing saves a place, shows every problem of a wrong form
// with what was typed, and shows the other editor's values on a conflict.
func TestStaffPlaceEditing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		c := f.session(t, f.users[staff.Editor])
		if list := serve(f.h, staffRequest(http.MethodGet, "/staff/places/", nil, c)); !strings.Contains(list.Body.String(), `href="/staff/places/auslaenderamt"`) {
			t.Fatalf("place list: %d", list.Code)
		}
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/places/auslaenderamt", nil, c)).Body.String()
		version := between(page, `name="version" value="`, `"`)
		if version == "" || !strings.Contains(page, `name="name.uk"`) || !strings.Contains(page, `name="guides" value="work-permit" checked`) {
			t.Fatal("place form lacks the version, a language or the ticked guide")
		}
		form := func(version, name string) url.Values {
			return url.Values{"version": {version}, "name.de": {name}, "name.uk": {"Міграційна служба"}, "hours.de": {"Mo–Fr 8–12"},
				"address": {"Markt 2, Teststadt"}, "languages": {"de, uk"}, "onestop": {"1"}, "guides": {"work-permit", "housing"}}
		}
		bad := form(version, "")
		bad.Set("url", "ftp://x")
		bad.Set("languages", "de, !!")
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/places/auslaenderamt", bad, c))
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || strings.Count(body, `class="problem"`) != 3 || !strings.Contains(body, `>Markt 2, Teststadt</textarea>`) ||
			!strings.Contains(body, `value="de, !!"`) || !strings.Contains(body, `aria-invalid="true" aria-describedby="problem-name-de"`) {
			t.Errorf("invalid form: %d, problems or typed values missing", rec.Code)
		}
		if rec := serve(f.h, staffRequest(http.MethodPost, "/staff/places/auslaenderamt", form(version, "Ausländerbehörde"), c)); rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d", rec.Code)
		}
		pub := get(f.h, "/uk/places/auslaenderamt").Body.String()
		if !strings.Contains(pub, "Міграційна служба") || !strings.Contains(pub, "Markt 2, Teststadt") {
			t.Error("the saved place is not public")
		}
		// A second editor who opened the form before the save.
		rec = serve(f.h, staffRequest(http.MethodPost, "/staff/places/auslaenderamt", form(version, "Mein Name"), c))
		body = rec.Body.String()
		if rec.Code != http.StatusConflict || !strings.Contains(body, "<td>Ausländerbehörde</td>") || !strings.Contains(body, `value="Mein Name"`) ||
			between(body, `name="version" value="`, `"`) == version {
			t.Errorf("conflict: %d, their value, the typed value or the new version missing", rec.Code)
		}
		if n := auditCount(t, f, "place.save"); n != 1 {
			t.Errorf("%d place.save entries in the audit log, want 1", n)
		}
	})
}

// TestStaffMunicipalityEditing saves a municipality and refuses a stale save.
func TestStaffMunicipalityEditing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		c := f.session(t, f.users[staff.Admin])
		if list := serve(f.h, staffRequest(http.MethodGet, "/staff/municipalities/", nil, c)); !strings.Contains(list.Body.String(), `href="/staff/municipalities/nordstadt"`) {
			t.Fatalf("municipality list: %d", list.Code)
		}
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/municipalities/nordstadt", nil, c)).Body.String()
		version := between(page, `name="version" value="`, `"`)
		form := url.Values{"version": {version}, "name": {"Nordstadt"}, "buergerbuero.name": {"Bürgerbüro Nord"},
			"buergerbuero.address": {"Neuer Markt 5, Nordstadt"}, "sozialamt.name": {""}, "sozialamt.address": {"Weg 1"}, "jobcenter_site": {"Nordstadt"}}
		if rec := serve(f.h, staffRequest(http.MethodPost, "/staff/municipalities/nordstadt", form, c)); rec.Code != http.StatusBadRequest ||
			!strings.Contains(rec.Body.String(), `id="problem-sozialamt"`) || !strings.Contains(rec.Body.String(), `>Neuer Markt 5, Nordstadt</textarea>`) {
			t.Errorf("office address without a name: %d", rec.Code)
		}
		form.Set("sozialamt.name", "Sozialamt Nord")
		if rec := serve(f.h, staffRequest(http.MethodPost, "/staff/municipalities/nordstadt", form, c)); rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d", rec.Code)
		}
		if m, err := f.srv.content.Municipality(context.Background(), "nordstadt"); err != nil || m.Buergerbuero.Address != "Neuer Markt 5, Nordstadt" {
			t.Errorf("saved municipality: %+v, %v", m, err)
		}
		form.Set("jobcenter_site", "Süd")
		// The form still carries the version from before the first save.
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/municipalities/nordstadt", form, c))
		theirs := between(rec.Body.String(), `id="theirs-h"`, `</section>`)
		if rec.Code != http.StatusConflict || !strings.Contains(theirs, "<td>Nordstadt</td>") || strings.Contains(theirs, "Sozialamt Nord") ||
			!strings.Contains(rec.Body.String(), `value="Süd"`) {
			t.Errorf("stale save: %d, their differing value or the typed one missing", rec.Code)
		}
	})
}

// TestStaffMissesAndHome lists searches without a hit, most frequent first,
// and links it and the rule book from the editors' home page only.
func TestStaffMissesAndHome(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		for _, q := range []string{"kita", "Wohngeld", "wohngeld", "wohngeld"} {
			f.srv.content.CountMiss(q, "de")
		}
		ed := f.session(t, f.users[staff.Editor])
		body := serve(f.h, staffRequest(http.MethodGet, "/staff/misses", nil, ed)).Body.String()
		if i, j := strings.Index(body, "<td lang=\"de\">wohngeld</td><td>de</td><td>3</td>"), strings.Index(body, ">kita<"); i < 0 || j < i {
			t.Errorf("misses not listed most frequent first:\n%s", body)
		}
		home := serve(f.h, staffRequest(http.MethodGet, "/staff/", nil, ed)).Body.String()
		for _, link := range []string{`href="/staff/misses"`, `href="/de/lotse/rules"`, `href="/staff/places/"`, `href="/staff/municipalities/"`} {
			if !strings.Contains(home, link) {
				t.Errorf("editor's home lacks %s", link)
			}
		}
		tr := serve(f.h, staffRequest(http.MethodGet, "/staff/", nil, f.session(t, f.users[staff.Translator]))).Body.String()
		if strings.Contains(tr, `href="/staff/misses"`) {
			t.Error("translator's home links the editors' pages")
		}
	})
}

func auditCount(t *testing.T, f *staffFixture, action string) int {
	t.Helper()
	log, err := f.svc.AuditLog(context.Background(), 200)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == action {
			n++
		}
	}
	return n
}
