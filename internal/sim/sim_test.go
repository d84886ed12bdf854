package sim_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lotse/internal/sim"
	"lotse/internal/sim/simcheck"
)

var update = flag.Bool("update", false, "rewrite golden files")

const normal = "testdata/normal.json"

// variant returns the normal scenario changed by edit, as JSON.
func variant(t *testing.T, edit func(map[string]any)) []byte {
	t.Helper()
	b, err := os.ReadFile(normal)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// simulate runs days of every policy on a scenario and writes the log.
func simulate(t *testing.T, scenario []byte, days int) string {
	t.Helper()
	sc, err := sim.ParseScenario(scenario)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(sc, sim.Options{Days: days, Policies: sim.Policies})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := res.Write(dir, true); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scenario.json"), scenario, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestEveryPolicyPassesTheChecker(t *testing.T) {
	tests := []struct {
		name string
		edit func(map[string]any)
	}{
		{"normal", func(map[string]any) {}},
		{"desk absent", func(m map[string]any) {
			m["disruptions"] = []any{map[string]any{"agency": "abh", "desks_absent": 1, "from_min": 60, "to_min": 120}}
		}},
		{"burst and no-shows", func(m map[string]any) {
			m["walkin_burst"] = map[string]any{"at_min": 0, "count": 10}
			m["no_show"] = 0.25
		}},
		{"interpreters", func(m map[string]any) {
			m["interpreters"] = []any{
				map[string]any{"language": "ar", "count": 1, "share": 0.15},
				map[string]any{"language": "uk", "count": 1, "share": 0.1},
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := simulate(t, variant(t, tt.edit), 2)
			rep, err := simcheck.CheckDir(filepath.Join(dir, "scenario.json"), dir)
			if err != nil {
				t.Fatalf("checker rejects the log: %v", err)
			}
			if rep.Days != 2 || len(rep.Stretch) != len(sim.Policies) {
				t.Errorf("checked %d days and %d policies, want 2 and %d", rep.Days, len(rep.Stretch), len(sim.Policies))
			}
		})
	}
}

func TestCheckerRejectsCorruptLogs(t *testing.T) {
	scenario := variant(t, func(map[string]any) {})
	dir := simulate(t, scenario, 1)
	events, err := os.ReadFile(filepath.Join(dir, "events.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	days, err := os.ReadFile(filepath.Join(dir, "days.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(events)), "\n")
	// edit changes the first line of the given type and policy.
	edit := func(typ, policy string, f func(map[string]any)) string {
		out := append([]string(nil), lines...)
		for i, l := range out {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatal(err)
			}
			if m["type"] == typ && m["policy"] == policy {
				f(m)
				b, _ := json.Marshal(m)
				out[i] = string(b)
				break
			}
		}
		return strings.Join(out, "\n")
	}
	tests := []struct {
		name   string
		events string
		days   string
	}{
		{"service shorter than true", edit("service", "S1", func(m map[string]any) { m["end"] = m["end"].(float64) - 1 }), string(days)},
		{"service before arrival", edit("service", "S2", func(m map[string]any) {
			m["start"], m["end"] = -50.0, m["end"].(float64)-m["start"].(float64)-50
		}), string(days)},
		{"desk out of range", edit("service", "B1", func(m map[string]any) { m["desk"] = 7.0 }), string(days)},
		{"different visitors per policy", edit("visitor", "B2", func(m map[string]any) { m["booked"] = !m["booked"].(bool) }), string(days)},
		{"missing service", strings.Join(slicesWithout(lines, "\"type\":\"service\""), "\n"), string(days)},
		{"stretch misreported", string(events), misreport(string(days))},
		{"row without a log", string(events), string(days) + "1,S9,1,1,1,0,0,0,0,0,1,1,0\n"},
		{"unknown type", string(events) + "\n{\"type\":\"call\"}", string(days)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := simcheck.Check(scenario, strings.NewReader(tt.events), strings.NewReader(tt.days)); err == nil {
				t.Error("the checker accepted a corrupt log")
			}
		})
	}
	if _, err := simcheck.Check(scenario, bytes.NewReader(events), bytes.NewReader(days)); err != nil {
		t.Fatalf("the untouched log is rejected: %v", err)
	}
}

// slicesWithout drops the first line containing sub.
func slicesWithout(lines []string, sub string) []string {
	for i, l := range lines {
		if strings.Contains(l, sub) {
			return append(append([]string(nil), lines[:i]...), lines[i+1:]...)
		}
	}
	return lines
}

func TestHeadersGolden(t *testing.T) {
	dir := simulate(t, variant(t, func(map[string]any) {}), 1)
	var got bytes.Buffer
	for _, name := range []string{"days.csv", "summary.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(string(b), "\n")
		got.WriteString(name + ": " + header + "\n")
	}
	golden := "testdata/headers.golden"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("headers changed:\n got %s\nwant %s", got.String(), want)
	}
}

// misreport changes the stretch of the first S1 row of days.csv.
func misreport(days string) string {
	rows := strings.Split(days, "\n")
	for i, r := range rows {
		f := strings.Split(r, ",")
		if len(f) > 4 && f[1] == "S1" {
			f[4] = "9.9999"
			rows[i] = strings.Join(f, ",")
			break
		}
	}
	return strings.Join(rows, "\n")
}
