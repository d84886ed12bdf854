package content

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestPlaceTranslationStatus: a place's texts are marked like a guide's. A
// missing translation serves German with status missing; a German edit makes
// the translations made before it outdated (still served); translating again
// brings a language up to date; a save that changes only a translation leaves
// the others as they were.
func TestPlaceTranslationStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newPlacesStore(t, d)
		save := func(edit func(p *Place)) {
			t.Helper()
			cur, err := s.Place(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			p := *cur
			p.Name, p.Hours = clone(cur.Name), clone(cur.Hours)
			edit(&p)
			if err := s.UpdatePlace(ctx, p, PlaceVersion(*cur)); err != nil {
				t.Fatal(err)
			}
		}
		view := func(lang string) PlaceView {
			t.Helper()
			p, err := s.Place(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			return p.In(lang)
		}
		save(func(p *Place) {
			p.Name["en"], p.Name["uk"] = "Office a", "Відомство a"
			p.Hours = Localized{"de": "Nur mit Termin", "en": "By appointment only", "uk": "Лише за записом"}
		})
		if v := view("ar"); v.Name != (Served{"Amt a", "de", StatusMissing}) || v.Status != StatusMissing || !v.English {
			t.Errorf("missing: %+v", v)
		}
		if v := view("uk"); v.Name != (Served{"Відомство a", "uk", StatusUpToDate}) || v.Status != StatusUpToDate {
			t.Errorf("new translation: %+v", v)
		}
		save(func(p *Place) { p.Hours["de"], p.Hours["en"] = "Termine nach Vereinbarung", "By appointment" })
		if v := view("uk"); v.Hours != (Served{"Лише за записом", "uk", StatusOutdated}) || v.Status != StatusOutdated {
			t.Errorf("after a German edit: %+v", v)
		}
		if v := view("en"); v.Status != StatusUpToDate {
			t.Errorf("translated in the same save: %+v", v)
		}
		save(func(p *Place) { p.Hours["uk"] = "За домовленістю" })
		if v := view("uk"); v.Hours != (Served{"За домовленістю", "uk", StatusUpToDate}) || v.Name.Status != StatusUpToDate {
			t.Errorf("translated again: %+v", v)
		}
		if v := view("de"); v.Status != StatusUpToDate || v.Name.Lang != "de" {
			t.Errorf("German: %+v", v)
		}
	})
}

func clone(l Localized) Localized {
	out := Localized{}
	for k, v := range l {
		out[k] = v
	}
	return out
}

// TestBranchNameJSON: a branch name stored as a plain string is German.
func TestBranchNameJSON(t *testing.T) {
	var b []Branch
	if err := json.Unmarshal([]byte(`[{"name":"Geschäftsstelle Jülich","address":"Jülich"},{"name":{"de":"Filiale","en":"Branch"}}]`), &b); err != nil {
		t.Fatal(err)
	}
	want := []Branch{{Name: Localized{"de": "Geschäftsstelle Jülich"}, Address: "Jülich"}, {Name: Localized{"de": "Filiale", "en": "Branch"}}}
	if diff := cmp.Diff(want, b); diff != "" {
		t.Error(diff)
	}
}
