package web

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestGuideUpdatedIsTheRevisionsDate checks that "Last changed" on a guide
// page is the date of the text shown, as its file gives it, not the day the
// county was loaded: its own date for a translation that has one, the German
// text's for one without and for German shown in place of a missing one.
func TestGuideUpdatedIsTheRevisionsDate(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/de/guides/work-permit", "2026-10-05"},
		{"/uk/guides/work-permit", "2026-06-30"},
		{"/en/guides/work-permit", "2026-10-05"},
		{"/ar/guides/work-permit", "2026-10-05"},
	}
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, tt := range tests {
			rec := get(h, tt.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", tt.path, rec.Code)
			}
			doc, err := html.Parse(strings.NewReader(rec.Body.String()))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for n := range doc.Descendants() {
				if n.Type == html.ElementNode && n.Data == "time" {
					for _, a := range n.Attr {
						if a.Key == "datetime" {
							got = append(got, a.Val)
						}
					}
				}
			}
			if len(got) == 0 || got[len(got)-1] != tt.want {
				t.Errorf("%s: <time datetime> %q, want %s", tt.path, got, tt.want)
			}
		}
	})
}
