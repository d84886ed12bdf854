package web

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestMunicipalitySavedConfirmation: saving a municipality returns to the
// picker (its form's id, once on the page), which confirms the choice in the
// reader's language in a role="status" element. The confirmation is part of
// the cached page's key, so a visitor who saved nothing never sees it, and
// links to the page in other languages do not carry it.
func TestMunicipalitySavedConfirmation(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		statusIn := func(t *testing.T, path string, header ...string) string {
			t.Helper()
			rec := get(h, path, header...)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", path, rec.Code)
			}
			doc := parsePage(t, rec.Body.String())
			forms := selectAll(doc, "form", "id="+pickerID)
			var ids int
			for n := range doc.Descendants() {
				if n.Type == html.ElementNode && attr(n, "id") == pickerID {
					ids++
				}
			}
			if len(forms) != 1 || ids != 1 {
				t.Fatalf("%s: %d picker forms, id %q %d times", path, len(forms), pickerID, ids)
			}
			for _, a := range selectAll(doc, "a", "hreflang") {
				if strings.Contains(attr(a, "href"), "saved=") {
					t.Errorf("%s: link %q carries the confirmation", path, attr(a, "href"))
				}
			}
			var text []string
			for n := range doc.Descendants() {
				if n.Type == html.ElementNode && attr(n, "role") == "status" {
					if ancestor(n, "form") != forms[0] {
						t.Errorf("%s: status outside the picker", path)
					}
					var b strings.Builder
					for c := range n.Descendants() {
						if c.Type == html.TextNode {
							b.WriteString(c.Data)
						}
					}
					text = append(text, b.String())
				}
			}
			return strings.Join(text, "|")
		}
		for _, tt := range []struct {
			name, post, lang, want string
		}{
			{"home", "municipality=nordstadt&return=/uk/", "uk", "Збережено: Nordstadt"},
			{"guide", "municipality=nordstadt&return=/de/guides/work-permit", "de", "Gespeichert: Nordstadt"},
			{"lotse", "municipality=nordstadt&return=/ar/lotse", "ar", "تم الحفظ: Nordstadt"},
			{"cleared", "municipality=&return=/en/places/", "en", "Saved: no municipality chosen."},
		} {
			t.Run(tt.name, func(t *testing.T) {
				res := serve(h, newForm("/"+tt.lang+"/municipality", tt.post)).Result()
				loc := res.Header.Get("Location")
				if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "#"+pickerID) {
					t.Fatalf("%d %q", res.StatusCode, loc)
				}
				var hdr []string
				for _, c := range res.Cookies() {
					if c.Name == cookieMunicipality && c.MaxAge >= 0 {
						hdr = []string{"Cookie", c.Name + "=" + c.Value}
					}
				}
				path, _, _ := strings.Cut(loc, "#")
				if got := statusIn(t, path, hdr...); got != tt.want {
					t.Errorf("%s: status %q, want %q", path, got, tt.want)
				}
				// The same page without the flag, for this visitor and another
				// one (after the confirmed page was cached), confirms nothing.
				plain, _, _ := strings.Cut(path, "?")
				for _, header := range [][]string{hdr, nil} {
					if got := statusIn(t, plain, header...); got != "" {
						t.Errorf("%s %v: status %q, want none", plain, header, got)
					}
				}
			})
		}
	})
}
