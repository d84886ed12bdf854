package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestPlanIsolatesLTR checks that the plan in a right-to-left language keeps
// legal references and German office names and addresses in their own order
// (isolated in <bdi dir="ltr">), and that a left-to-right language is left
// as it is.
func TestPlanIsolatesLTR(t *testing.T) {
	const plan = "/%s/lotse/plan?a=12EG151_1005_11_01~200"
	tests := []struct {
		lang     string
		isolated bool
	}{
		{"ar", true},
		{"fa", true},
		{"uk", false},
	}
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		for _, tt := range tests {
			t.Run(tt.lang, func(t *testing.T) {
				rec := get(h, strings.Replace(plan, "%s", tt.lang, 1))
				if rec.Code != 200 {
					t.Fatalf("status %d", rec.Code)
				}
				doc := parsePage(t, rec.Body.String())
				legal := selectAll(doc, "span", "class=legal")
				if len(legal) == 0 {
					t.Fatal("no legal reference in the plan")
				}
				want := map[string]bool{"(§§ 17, 19 BMG)": false}
				for _, sp := range legal {
					bdis := selectAll(sp, "bdi", "dir=ltr")
					if got := len(bdis) == 1 && textOf(bdis[0]) == textOf(sp); got != tt.isolated {
						t.Errorf("legal reference %q isolated: %v, want %v", textOf(sp), got, tt.isolated)
					}
					if _, ok := want[textOf(sp)]; ok {
						want[textOf(sp)] = true
					}
				}
				for ref, seen := range want {
					if !seen {
						t.Errorf("no legal reference %q", ref)
					}
				}
				step := selectAll(doc, "li", "id=step-residence-permit")
				if len(step) != 1 {
					t.Fatalf("%d steps of the Ausländeramt", len(step))
				}
				if got := isolatedText(selectAll(step[0], "dd")[0]); strings.Contains(got, "Kreishaus Düren") != tt.isolated {
					t.Errorf("isolated in where: %q", got)
				}
			})
		}
	})
}

// isolatedText joins the texts of n's <bdi dir="ltr"> elements.
func isolatedText(n *html.Node) string {
	var parts []string
	for _, b := range selectAll(n, "bdi", "dir=ltr") {
		parts = append(parts, textOf(b))
	}
	return strings.Join(parts, "|")
}

// TestAPIPlanPlainText checks that the plan's JSON in a right-to-left
// language stays plain text: isolation is for HTML only.
func TestAPIPlanPlainText(t *testing.T) {
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/plan?lang=ar&as_of=2026-11-24",
			strings.NewReader(`{"citizenship_group":"third_country","registered":false,"municipality":"dueren"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := serve(h, req)
		if rec.Code != 200 {
			t.Fatalf("plan: %d %s", rec.Code, rec.Body)
		}
		if body := rec.Body.String(); strings.Contains(body, "bdi") || !strings.Contains(body, "BMG") {
			t.Errorf("JSON plan is not plain text with the legal references: %.300s", body)
		}
	})
}
