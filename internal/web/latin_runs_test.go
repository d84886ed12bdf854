package web

import (
	"net/http"
	"slices"
	"testing"
)

// TestLatinRunsInArabic checks that Latin names inside Arabic text are
// isolated where they are shown, so that the bidi algorithm keeps their
// order, and that a hyphenated Latin name cannot break at its hyphens.
func TestLatinRunsInArabic(t *testing.T) {
	tests := []struct {
		path, tag string
		attrs     []string // of the element that holds the run
		run       string   // the text of a <bdi dir="ltr"> in it
	}{
		{"/ar/onestop", "a", []string{"href=/ar/places/kim"}, "(KI / KIM)"},
		{"/ar/lotse/plan?a=12EG151_1005_11_01~200", "ul", []string{"class=inline"}, "(KI / KIM)"},
		{"/ar/places/", "p", []string{"class=lines"}, "One\u2011Stop\u2011Shop"},
		{"/fa/places/kim", "h1", nil, "(KI / KIM)"},
	}
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		for _, tt := range tests {
			rec := get(h, tt.path)
			if rec.Code != 200 {
				t.Errorf("%s: status %d", tt.path, rec.Code)
				continue
			}
			var runs []string
			for _, n := range selectAll(parsePage(t, rec.Body.String()), tt.tag, tt.attrs...) {
				for _, b := range selectAll(n, "bdi", "dir=ltr") {
					runs = append(runs, textOf(b))
				}
			}
			if !slices.Contains(runs, tt.run) {
				t.Errorf("%s: no <bdi dir=ltr>%s</bdi> in %s %v; isolated: %q", tt.path, tt.run, tt.tag, tt.attrs, runs)
			}
		}
	})
}
