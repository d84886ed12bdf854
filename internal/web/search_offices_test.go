package web

import (
	"net/http"
	"testing"
)

// TestSearchTownOfficesTranslated checks that a search for a town finds its
// own offices in the reader's language, named as their pages name them, and
// in German for a German reader.
func TestSearchTownOfficesTranslated(t *testing.T) {
	tests := []struct{ lang, office string }{
		{"uk", "buergerbuero"},
		{"uk", "sozialamt"},
		{"ar", "buergerbuero"},
		{"ar", "sozialamt"},
		{"de", "buergerbuero"},
	}
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		for _, tt := range tests {
			t.Run(tt.lang+"/"+tt.office, func(t *testing.T) {
				url := "/" + tt.lang + "/places/juelich/" + tt.office
				h1 := selectAll(parsePage(t, get(h, url).Body.String()), "h1")
				if len(h1) != 1 {
					t.Fatalf("%d h1 on %s", len(h1), url)
				}
				doc := parsePage(t, get(h, "/"+tt.lang+"/search?q=J%C3%BClich").Body.String())
				links := selectAll(doc, "a", "href="+url)
				if len(links) != 1 {
					t.Fatalf("%d results link %s", len(links), url)
				}
				if got, want := textOf(links[0]), textOf(h1[0]); got != want {
					t.Errorf("result named %q, its page %q", got, want)
				}
				if tt.lang != "de" && hasAttrs(links[0], []string{"lang"}) {
					t.Errorf("result %q marked as another language", textOf(links[0]))
				}
			})
		}
	})
}
