package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

// editPlace saves auslaenderamt as an editor would, with one branch (added
// when it has none) and the German hours given.
func editPlace(t *testing.T, f *staffFixture, hours string) {
	t.Helper()
	ctx := context.Background()
	cur, err := f.srv.content.Place(ctx, "auslaenderamt")
	if err != nil {
		t.Fatal(err)
	}
	p := *cur
	p.Hours = content.Localized{"de": hours}
	for k, v := range cur.Hours {
		if k != "de" {
			p.Hours[k] = v
		}
	}
	if len(p.Branches) == 0 {
		p.Branches = []content.Branch{{Name: content.Localized{"de": "Filiale Nord"}, Address: "Nordweg 1, Teststadt"}}
	}
	if err := f.srv.content.UpdatePlace(ctx, p, content.PlaceVersion(*cur)); err != nil {
		t.Fatal(err)
	}
}

// dashboardPlaceRow is the class of the row linking the place on the
// translator dashboard in lang, "" when it is not listed.
func dashboardPlaceRow(t *testing.T, f *staffFixture, c *http.Cookie, lang string) string {
	t.Helper()
	doc := parsePage(t, serve(f.h, staffRequest(http.MethodGet, "/staff/translations/", nil, c)).Body.String())
	for _, a := range selectAll(doc, "a", "href=/staff/translations/"+lang+"/places/auslaenderamt") {
		return attr(a.Parent.Parent, "class")
	}
	return ""
}

// TestStaffPlaceTranslation: the translator dashboard lists a place whose
// texts are missing or outdated in the translator's language; the form shows
// each German text (marked German) next to a labelled field in that language,
// branch names included; saving brings the language up to date, also when a
// text stays as it was after a German edit; other languages and German are
// not the translator's, and a stale form keeps what was typed.
func TestStaffPlaceTranslation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		editPlace(t, f, "Nur mit Termin")
		tr := f.session(t, f.users[staff.Translator])
		if row := dashboardPlaceRow(t, f, tr, "uk"); row != "status-missing" {
			t.Fatalf("dashboard row of the untranslated place: %q", row)
		}
		const path = "/staff/translations/uk/places/auslaenderamt"
		page := serve(f.h, staffRequest(http.MethodGet, path, nil, tr))
		if page.Code != http.StatusOK {
			t.Fatalf("form: %d", page.Code)
		}
		doc := parsePage(t, page.Body.String())
		for name, german := range map[string]string{"name": "Ausländeramt", "hours": "Nur mit Termin", "branch.0": "Filiale Nord"} {
			field := append(selectAll(doc, "input", "name="+name, "lang=uk"), selectAll(doc, "textarea", "name="+name, "lang=uk")...)
			if len(field) != 1 || len(selectAll(doc, "label", "for="+attr(field[0], "id"))) != 1 {
				t.Errorf("field %s: no labelled field in Ukrainian", name)
				continue
			}
			row := field[0].Parent.Parent
			if src := selectAll(row, "td", "lang=de"); len(src) != 1 || textOf(src[0]) != german {
				t.Errorf("field %s: German source not beside it", name)
			}
		}
		version := attr(selectAll(doc, "input", "name=version")[0], "value")
		form := url.Values{"version": {version}, "name": {"Міграційна служба"}, "helps_with": {"Дозволи на проживання."}, "hours": {"Лише за записом"}, "branch.0": {"Філія Північ"}}
		if rec := serve(f.h, staffRequest(http.MethodPost, path, form, tr)); rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d", rec.Code)
		}
		pub := get(f.h, "/uk/places/auslaenderamt").Body.String()
		if !strings.Contains(pub, "Філія Північ") || !strings.Contains(pub, "Лише за записом") || strings.Contains(pub, "Filiale Nord") {
			t.Error("the translated branch name or hours are not public")
		}
		if row := dashboardPlaceRow(t, f, tr, "uk"); row != "" {
			t.Errorf("translated place still listed: %q", row)
		}
		// A German edit outdates the translation; saving it unchanged
		// confirms it for the new German text.
		editPlace(t, f, "Termine nach Vereinbarung")
		if row := dashboardPlaceRow(t, f, tr, "uk"); row != "status-outdated" {
			t.Errorf("dashboard row after a German edit: %q", row)
		}
		stale := form.Get("version")
		form.Set("version", attr(selectAll(parsePage(t, serve(f.h, staffRequest(http.MethodGet, path, nil, tr)).Body.String()), "input", "name=version")[0], "value"))
		if rec := serve(f.h, staffRequest(http.MethodPost, path, form, tr)); rec.Code != http.StatusSeeOther {
			t.Fatalf("save again: %d", rec.Code)
		}
		if row := dashboardPlaceRow(t, f, tr, "uk"); row != "" {
			t.Errorf("confirmed translation still listed: %q", row)
		}
		if p, _ := f.srv.content.Place(context.Background(), "auslaenderamt"); p.In("uk").Status != content.StatusUpToDate || p.Name["en"] != "Immigration office" {
			t.Errorf("after saving uk: %+v", p)
		}
		form.Set("version", stale)
		form.Set("name", "Мій варіант")
		rec := serve(f.h, staffRequest(http.MethodPost, path, form, tr))
		if doc := parsePage(t, rec.Body.String()); rec.Code != http.StatusConflict || len(selectAll(doc, "input", "name=name", "value=Мій варіант")) != 1 ||
			len(selectAll(doc, "p", "role=alert")) != 1 {
			t.Errorf("stale save: %d, typed value or message missing", rec.Code)
		}
		if rec := serve(f.h, staffRequest(http.MethodGet, "/staff/translations/ar/places/auslaenderamt", nil, tr)); rec.Code != http.StatusForbidden {
			t.Errorf("another language: %d, want 403", rec.Code)
		}
		ed := f.session(t, f.users[staff.Editor])
		if rec := serve(f.h, staffRequest(http.MethodGet, "/staff/translations/de/places/auslaenderamt", nil, ed)); rec.Code != http.StatusNotFound {
			t.Errorf("German as a translation: %d, want 404", rec.Code)
		}
		if n := auditCount(t, f, "place.translate"); n != 2 {
			t.Errorf("%d place.translate entries in the audit log, want 2", n)
		}
	})
}

// TestStaffPlaceBranchNames: editors edit branch names per language on the
// place form; a branch needs its German name.
func TestStaffPlaceBranchNames(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		editPlace(t, f, "Nur mit Termin")
		c := f.session(t, f.users[staff.Editor])
		doc := parsePage(t, serve(f.h, staffRequest(http.MethodGet, "/staff/places/auslaenderamt", nil, c)).Body.String())
		if n := selectAll(doc, "input", "name=branch.0.de", "value=Filiale Nord", "aria-label"); len(n) != 1 {
			t.Fatal("place form has no labelled German branch name")
		}
		form := url.Values{"version": {attr(selectAll(doc, "input", "name=version")[0], "value")}, "name.de": {"Ausländeramt"},
			"branch.0.de": {""}, "branch.0.uk": {"Філія"}}
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/places/auslaenderamt", form, c))
		if doc := parsePage(t, rec.Body.String()); rec.Code != http.StatusBadRequest || len(selectAll(doc, "input", "name=branch.0.de", "aria-invalid=true")) != 1 {
			t.Errorf("branch without a German name: %d", rec.Code)
		}
		form.Set("branch.0.de", "Filiale Süd")
		if rec := serve(f.h, staffRequest(http.MethodPost, "/staff/places/auslaenderamt", form, c)); rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d", rec.Code)
		}
		p, _ := f.srv.content.Place(context.Background(), "auslaenderamt")
		if b := p.Branches[0]; b.Name["de"] != "Filiale Süd" || b.Name["uk"] != "Філія" || b.Address != "Nordweg 1, Teststadt" {
			t.Errorf("saved branch: %+v", b)
		}
	})
}
