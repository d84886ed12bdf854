package content

import (
	"context"
	"testing"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/errs"
)

// TestTranslatePlace: the translator's work lists places with a text missing
// or outdated in their language; saving a translation brings the language up
// to date with the current German texts, even a text left as it was, and
// changes no other language; a save from a stale form or into German is
// refused.
func TestTranslatePlace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newPlacesStore(t, d)
		place := func() Place {
			t.Helper()
			p, err := s.Place(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			return *p
		}
		edit := func(fn func(p *Place)) {
			t.Helper()
			cur := place()
			p := cur
			p.Name, p.Hours = clone(cur.Name), clone(cur.Hours)
			p.Branches = []Branch{{Name: Localized{"de": "Filiale"}, Address: "Nebenweg 1"}}
			if len(cur.Branches) == 1 {
				p.Branches[0].Name = clone(cur.Branches[0].Name)
			}
			fn(&p)
			if err := s.UpdatePlace(ctx, p, PlaceVersion(cur)); err != nil {
				t.Fatal(err)
			}
		}
		work := func(lang string) map[string]string {
			t.Helper()
			w, err := s.PlaceTranslationWork(ctx, lang)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]string{}
			for _, x := range w {
				out[x.Slug] = x.Status
			}
			return out
		}
		edit(func(p *Place) {
			p.Name["en"], p.Name["uk"] = "Office a", "Відомство a"
			p.Hours = Localized{"de": "Nur mit Termin", "en": "By appointment only", "uk": "Лише за записом"}
			p.Branches[0].Name["en"] = "Branch"
		})
		if w := work("uk"); w["a"] != StatusMissing || w["b"] != StatusMissing {
			t.Errorf("uk work with a branch name missing: %v", w)
		}
		edit(func(p *Place) { p.Hours["de"] = "Termine nach Vereinbarung" })
		if w := work("uk"); w["a"] != StatusMissing {
			t.Errorf("uk work after a German edit: %v", w)
		}
		version := PlaceTranslationVersion(place(), "uk")
		tr := PlaceTexts{Name: "Відомство a", HelpsWith: "ignored: no German", Hours: " За домовленістю ", Branches: []string{"Філія"}}
		if err := s.TranslatePlace(ctx, "a", "uk", tr, version); err != nil {
			t.Fatal(err)
		}
		p := place()
		if w := work("uk"); w["a"] != "" || len(w) != 1 {
			t.Errorf("uk work after translating: %v", w)
		}
		if v := p.In("uk"); v.Status != StatusUpToDate || v.Hours != (Served{"За домовленістю", "uk", StatusUpToDate}) ||
			v.Name.Status != StatusUpToDate || v.Branches[0].Name.Text != "Філія" || p.HelpsWith["uk"] != "" {
			t.Errorf("uk after translating: %+v", v)
		}
		if p.Name["de"] != "Amt a" || p.Hours["de"] != "Termine nach Vereinbarung" || p.Hours["en"] != "By appointment only" ||
			p.Branches[0].Name["en"] != "Branch" || p.Branches[0].Address != "Nebenweg 1" || p.In("en").Status != StatusOutdated {
			t.Errorf("translating uk changed other languages: %+v", p)
		}
		if err := s.TranslatePlace(ctx, "a", "uk", PlaceTexts{Name: "Alt", Branches: []string{""}}, version); errs.KindOf(err) != errs.Conflict {
			t.Errorf("stale save: %v, want a conflict", err)
		}
		if err := s.TranslatePlace(ctx, "a", "de", PlaceTexts{Name: "Neu", Branches: []string{""}}, PlaceTranslationVersion(p, "de")); errs.KindOf(err) != errs.NotFound {
			t.Errorf("German through the translation: %v, want not found", err)
		}
		if got := place().Name["uk"]; got != "Відомство a" {
			t.Errorf("refused saves wrote %q", got)
		}
	})
}
