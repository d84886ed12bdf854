package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"lotse/demo"
	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/i18n"
	"lotse/internal/onestop"
	"lotse/internal/sched"
)

// slugs are the guide slugs fixed by the foundation contract.
var slugs = []string{"work-permit", "job-search", "german-courses", "recognition", "address-registration",
	"residence", "health-insurance", "bank-account", "rundfunkbeitrag", "housing", "childcare-school",
	"child-benefit", "counselling", "culture-networking"}

// TestDemoCounty loads the demo county and checks what the issue promises readers:
// every guide in German and in en, uk, ar and tr, the top five in every language
// and in Einfache Sprache, the 15 municipalities, places that exist for every link.
func TestDemoCounty(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := content.NewStore(d)
		if err := s.Seed(ctx, demo.County()); err != nil {
			t.Fatal(err)
		}
		county, err := s.County(ctx)
		if err != nil {
			t.Fatal(err)
		}
		munis, _ := s.Municipalities(ctx)
		if len(munis) != 15 {
			t.Errorf("%d municipalities, want 15", len(munis))
		}
		guides, _ := s.Guides(ctx, "de")
		var have []string
		for _, g := range guides {
			have = append(have, g.Slug)
		}
		for _, slug := range slugs {
			if !slices.Contains(have, slug) {
				t.Errorf("guide %s missing", slug)
				continue
			}
			langs := []string{"de", "en", "uk", "ar", "tr"}
			if slices.Contains(county.TopGuides, slug) {
				langs = nil
				for _, l := range i18n.All() {
					langs = append(langs, l.Code)
				}
			}
			for _, lang := range langs {
				v, err := s.Guide(ctx, slug, lang, "")
				if err != nil {
					t.Fatal(err)
				}
				if v.Lang != lang || v.Status != content.StatusUpToDate || len(v.HTML) < 500 {
					t.Errorf("%s in %s: served %s, %s, %d bytes", slug, lang, v.Lang, v.Status, len(v.HTML))
				}
			}
		}
		for _, l := range i18n.All() {
			if county.About[l.Code] == "" {
				t.Errorf("the county's introduction lacks %s", l.Code)
			}
		}
		if len(county.TopGuides) != 5 {
			t.Errorf("%d top guides, want 5", len(county.TopGuides))
		}
		places, _ := s.Places(ctx)
		for _, g := range guides {
			v, _ := s.Guide(ctx, g.Slug, "de", "")
			for _, p := range v.Guide.Places {
				if _, err := s.Place(ctx, p); err != nil {
					t.Errorf("guide %s links unknown place %s", g.Slug, p)
				}
			}
		}
		for _, p := range places {
			for _, g := range p.Guides {
				if !slices.Contains(have, g) {
					t.Errorf("place %s links unknown guide %s", p.Slug, g)
				}
			}
		}
		site := county.OneStop
		for _, a := range site.Agencies {
			if p, err := s.Place(ctx, a.Place); err != nil || !p.OneStop {
				t.Errorf("One-Stop-Shop agency %s: %s is not a place marked onestop", a.ID, a.Place)
			}
		}
		open, close := site.Hours()
		if err := site.Roster.Validate(site, open, close); err != nil {
			t.Errorf("One-Stop-Shop roster template: %v", err)
		}
		first := onestop.Date{ID: 1, Roster: site.Roster}
		first.Start, first.End = site.Next(time.Now(), time.UTC)
		if _, err := sched.Propose(first.BookingDay(1), nil, sched.BookingRequest{Visitor: 1, Agencies: []string{"abh", "aa"}, K: 1}); err != nil {
			t.Errorf("the demo roster does not feed the booking: %v", err)
		}
		for _, c := range site.Concerns {
			st, ok := site.Roster.Station(c.Agency)
			if _, has := st.Service(c.Service); !ok || !has {
				t.Errorf("concern %s leads to %s/%s, which the roster does not offer", c.ID, c.Agency, c.Service)
			}
			if l := i18n.For("en").Get("onestop.concern." + c.ID); l == "onestop.concern."+c.ID {
				t.Errorf("concern %s has no label", c.ID)
			}
		}
	})
}

// TestDemoPlacesTranslated: every text of every place of the demo county
// (name, what it helps with, hours, branch names) exists in every language,
// so no reader meets German or English in place of their own language.
func TestDemoPlacesTranslated(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := content.NewStore(d)
		if err := s.Seed(ctx, demo.County()); err != nil {
			t.Fatal(err)
		}
		places, err := s.Places(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range places {
			for _, l := range i18n.All() {
				if v := places[i].In(l.Code); v.Status != content.StatusUpToDate {
					t.Errorf("%s in %s: %s (name %+v, hours %+v)", places[i].Slug, l.Code, v.Status, v.Name, v.Hours)
				}
			}
		}
	})
}
