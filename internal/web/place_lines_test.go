package web

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestPlaceLineBreaks: the line breaks staff type into a place's text areas
// (what it helps with, hours, address) reach the place page as line breaks: the
// text keeps them in an element that site.css sets to white-space: pre-line,
// also when German stands in for a translation.
func TestPlaceLineBreaks(t *testing.T) {
	css, err := staticFS.ReadFile("static/site.css")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`\.lines\s*\{[^}]*white-space:\s*pre-line`).Match(css) {
		t.Error("site.css does not keep the line breaks of .lines")
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		ctx := context.Background()
		cur, err := s.content.Place(ctx, "auslaenderamt")
		if err != nil {
			t.Fatal(err)
		}
		p := *cur
		helps, hours, address := "Aufenthaltstitel.\nArbeitserlaubnis.", "Mo–Fr 8–12 Uhr\nDo 14–18 Uhr", "Kreishaus\nMarkt 1, Teststadt"
		p.HelpsWith, p.Hours, p.Address = content.Localized{"de": helps}, content.Localized{"de": hours}, address
		if err := s.content.UpdatePlace(ctx, p, content.PlaceVersion(*cur)); err != nil {
			t.Fatal(err)
		}
		h := s.Handler()
		for _, lang := range []string{"de", "ar"} {
			rec := get(h, "/"+lang+"/places/auslaenderamt")
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", lang, rec.Code)
			}
			var kept []string
			for n := range parsePage(t, rec.Body.String()).Descendants() {
				if slices.Contains(strings.Fields(attr(n, "class")), "lines") {
					kept = append(kept, textOf(n))
				}
			}
			for _, text := range []string{helps, hours, address} {
				if !slices.Contains(kept, text) {
					t.Errorf("%s: %q is not shown with its line breaks (in .lines: %q)", lang, text, kept)
				}
			}
		}
	})
}
