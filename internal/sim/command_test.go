package sim_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lotse/internal/sim"
)

func TestCommandBadInput(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.json")
	if err := os.WriteFile(broken, []byte(`{"days": 3, "agencies": [], "typo": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no scenario", []string{"--out", out}, "--scenario is required"},
		{"no out", []string{"--scenario", normal}, "--out is required"},
		{"missing file", []string{"--scenario", "nope.json", "--out", out}, "nope.json"},
		{"bad scenario", []string{"--scenario", broken, "--out", out}, "typo"},
		{"unknown policy", []string{"--scenario", normal, "--out", out, "--policies", "S1,S3"}, `unknown policy "S3"`},
		{"negative days", []string{"--scenario", normal, "--out", out, "--days", "-1"}, "--days"},
		{"stray argument", []string{"--scenario", normal, "--out", out, "extra"}, "unexpected argument"},
		{"unknown flag", []string{"--scenario", normal, "--out", out, "--fast"}, "fast"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := sim.Command(tt.args, &stdout, &stderr); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not mention %q", stderr.String(), tt.want)
			}
		})
	}
}

func TestCommandWritesFilesAndTable(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := sim.Command([]string{"--scenario", normal, "--out", out, "--days", "2", "--policies", "B1,S1", "--seed", "7", "--log"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"days.csv", "summary.csv", "events.jsonl"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stdout.String(), "B1") || !strings.Contains(stdout.String(), "S1") {
		t.Errorf("the table lacks a policy:\n%s", stdout.String())
	}
	days, err := os.ReadFile(filepath.Join(out, "days.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(days), "\n"); n != 1+2*2 {
		t.Errorf("days.csv has %d lines, want 5", n)
	}
}

// Common random numbers: a policy's days do not depend on which other
// policies run.
func TestPoliciesSeeTheSameDays(t *testing.T) {
	sc, err := sim.LoadScenario(normal)
	if err != nil {
		t.Fatal(err)
	}
	alone, err := sim.Run(sc, sim.Options{Days: 3, Policies: []string{"S2"}})
	if err != nil {
		t.Fatal(err)
	}
	together, err := sim.Run(sc, sim.Options{Days: 3, Policies: []string{"B1", "S2"}})
	if err != nil {
		t.Fatal(err)
	}
	var s2 []sim.DayResult
	for _, d := range together.Days {
		if d.Policy == "S2" {
			s2 = append(s2, d)
		}
	}
	if len(s2) != len(alone.Days) {
		t.Fatalf("%d S2 days together, %d alone", len(s2), len(alone.Days))
	}
	for i := range s2 {
		if s2[i] != alone.Days[i] {
			t.Errorf("day %d: S2 together %+v, alone %+v", i+1, s2[i], alone.Days[i])
		}
	}
}
