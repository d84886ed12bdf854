package lotse

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// oneStop is a One-Stop-Shop with the stations named by WDR (facts §3).
var oneStop = []string{"agentur-fuer-arbeit", "familienbuero", "auslaenderamt", "kim", "wohnberatung", "kultur", "bank", "krankenkasse", "welcome-center"}

// goldenCases are the personas whose whole plan is compared, one language
// each; together they hold every residence status (TestGoldenCoversEveryStatus).
var goldenCases = []struct{ persona, lang string }{
	{"recognized-refugee-family-contract-example", "en"},
	{"ukraine-after-cutoff-needs-benefits", "uk"},
	{"ukraine-24-arrived-2026-09", "en"},
	{"asylum-seeker-family-job-seeking", "ar"},
	{"duldung-not-seeking-syrian", "ro"},
	{"blue-card-engineer-family", "de"},
	{"chancenkarte-job-seeker", "pl"},
	{"settlement-permit-obliged-course", "bg"},
	{"family-permit-needs-benefits", "zh-Hans"},
	{"eu-jobseeker-first-months", "ru"},
	{"eu-partial-answers", "tr"},
	{"family-reunion-visa-three-children", "fa"},
	{"ukraine-just-arrived-not-registered", "de-x-simple"},
}

// TestGolden runs the CLI on personas and compares the JSON output with
// testdata/golden; refresh with go test -update.
func TestGolden(t *testing.T) {
	for _, tt := range goldenCases {
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
			if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(out.String(), "\n")); diff != "" {
				t.Errorf("output differs from %s (go test -update to refresh), -want +got:\n%s", golden, diff)
			}
		})
	}
}
