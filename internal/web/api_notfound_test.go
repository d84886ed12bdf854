package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"lotse/internal/i18n"
)

// TestAPIGuideNotFoundNamesTheList checks that the API's answer for a guide
// that does not exist tells, in every language, where the list of guides is,
// in the API's JSON error shape with the code clients know.
func TestAPIGuideNotFoundNamesTheList(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, l := range i18n.All() {
			t.Run(l.Code, func(t *testing.T) {
				rec := get(h, "/api/v1/guides/nonexistent?lang="+l.Code)
				if rec.Code != http.StatusNotFound {
					t.Fatalf("status %d", rec.Code)
				}
				var body apiError
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
					t.Fatalf("%v: %s", err, rec.Body)
				}
				if body.Error.Code != "guide_not_found" {
					t.Errorf("code = %q", body.Error.Code)
				}
				if !strings.Contains(body.Error.Message, "/api/v1/guides") {
					t.Errorf("message names no list: %q", body.Error.Message)
				}
			})
		}
	})
}
