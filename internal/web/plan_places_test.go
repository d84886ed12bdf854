package web

import (
	"net/http"
	"testing"
)

// TestPlanPlaceNames: the One-Stop-Shop agencies of a plan and of the
// One-Stop-Shop page are named like on the place pages: in the reader's
// language, else in German marked as German, never in English instead.
func TestPlanPlaceNames(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/uk/lotse/answers?"+familyForm.Encode())
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("submit: %d", rec.Code)
		}
		pages := map[string][3]string{
			rec.Header().Get("Location"):         {"/uk/places/buergerbuero", "Bürgerbüro", "Citizens' office"},
			"/uk/onestop?agencies=auslaenderamt": {"/uk/places/auslaenderamt", "Ausländeramt", "Immigration office"},
		}
		for path, want := range pages {
			german := 0
			for _, a := range selectAll(parsePage(t, get(h, path).Body.String()), "a", "href="+want[0]) {
				switch textOf(a) {
				case want[1]:
					if attr(a, "lang") == "de" {
						german++
					}
				case want[2]:
					t.Errorf("%s: %s named in English", path, want[0])
				}
			}
			if german != 1 {
				t.Errorf("%s: %d links to %s by its German name marked de, want 1", path, german, want[0])
			}
		}
	})
}
