package lotse

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// oneStop is a One-Stop-Shop with the stations named by WDR (facts §3).
var oneStop = []string{"agentur-fuer-arbeit", "familienbuero", "auslaenderamt", "kim", "wohnberatung", "kultur", "bank", "krankenkasse", "welcome-center"}

// TestGolden runs the CLI on personas and compares the JSON output with
// testdata/golden; refresh with go test -update.
func TestGolden(t *testing.T) {
	tests := []struct{ persona, lang string }{
		{"recognized-refugee-family-contract-example", "en"},
		{"ukraine-after-cutoff-needs-benefits", "uk"},
		{"asylum-seeker-family-job-seeking", "ar"},
		{"blue-card-engineer-family", "de"},
		{"eu-partial-answers", "tr"},
		{"family-reunion-visa-three-children", "fa"},
		{"ukraine-just-arrived-not-registered", "de-x-simple"},
	}
	for _, tt := range tests {
		t.Run(tt.persona+"."+tt.lang, func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := []string{"--answers", filepath.Join("testdata/personas", tt.persona+".json"), "--as-of", "2026-11-24", "--lang", tt.lang}
			if code := Command(args, &out, &errOut, oneStop); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			golden := filepath.Join("testdata/golden", tt.persona+"."+tt.lang+".json")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s (go test -update to refresh):\n%s", golden, firstDiff(out.String(), string(want)))
			}
		})
	}
}

// firstDiff shows the first differing line.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range g {
		if i >= len(w) || g[i] != w[i] {
			wl := ""
			if i < len(w) {
				wl = w[i]
			}
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, g[i], wl)
		}
	}
	return "output is shorter"
}
