package web

import (
	"net/http"
	"net/url"
	"testing"

	"lotse/internal/lotse"
)

// TestLotseRememberedMunicipality: the questionnaire pre-selects the municipality
// saved on the home page (or named by ?municipality=) when its answers do not
// name one; answers in the URL win, and an unknown slug selects nothing.
func TestLotseRememberedMunicipality(t *testing.T) {
	token := func(field, v string) string {
		a, err := lotse.Answers{}.Set(field, v)
		if err != nil {
			t.Fatal(err)
		}
		return url.QueryEscape(a.Token())
	}
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, tt := range []struct {
			name, path, cookie, want string // want: the checked value, "" for none
		}{
			{"no cookie", "/uk/lotse", "", ""},
			{"cookie", "/uk/lotse", "juelich", "juelich"},
			{"cookie, other answers", "/de/lotse?a=" + token("purpose", "work"), "juelich", "juelich"},
			{"explicit answer wins", "/uk/lotse?a=" + token("municipality", "dueren"), "juelich", "dueren"},
			{"explicit unknown wins", "/uk/lotse?a=" + token("municipality", "unknown"), "juelich", "unknown"},
			{"shared link", "/en/lotse?municipality=titz", "juelich", "titz"},
			{"stale cookie", "/uk/lotse", "atlantis", ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				var hdr []string
				if tt.cookie != "" {
					hdr = []string{"Cookie", cookieMunicipality + "=" + tt.cookie}
				}
				rec := get(h, tt.path, hdr...)
				if rec.Code != http.StatusOK {
					t.Fatalf("%d", rec.Code)
				}
				doc := parsePage(t, rec.Body.String())
				checked := selectAll(doc, "input", "name=municipality", "checked")
				var got []string
				for _, n := range checked {
					got = append(got, attr(n, "value"))
				}
				if tt.want == "" && len(got) != 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want) {
					t.Errorf("checked %q, want %q", got, tt.want)
				}
			})
		}
	})
}
