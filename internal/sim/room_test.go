package sim_test

import (
	"os"
	"path/filepath"
	"testing"

	"lotse/internal/sim"
	"lotse/internal/sim/simcheck"
)

// TestFloorEngine plays S1 and S2 through the product (--engine floor) on
// the scenario's variants: S1 gives exactly the model's days, since the
// floor decides with the model's dispatcher on the same floor, and both
// logs pass the checker.
func TestFloorEngine(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(map[string]any)
	}{
		{"normal", func(map[string]any) {}},
		{"desk absent", func(m map[string]any) {
			m["disruptions"] = []any{map[string]any{"agency": "abh", "desks_absent": 1, "from_min": 60, "to_min": 120}}
		}},
		{"interpreters", func(m map[string]any) {
			m["interpreters"] = []any{map[string]any{"language": "ar", "count": 1, "share": 0.15}}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			scenario := variant(t, tt.edit)
			sc, err := sim.ParseScenario(scenario)
			if err != nil {
				t.Fatal(err)
			}
			opt := sim.Options{Days: 2, Policies: []string{"S1", "S2"}}
			model, err := sim.Run(sc, opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.Engine = "floor"
			room, err := sim.Run(sc, opt)
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range room.Days {
				if d.Policy == "S1" && d != model.Days[i] {
					t.Errorf("S1 day %d: floor %+v, model %+v", d.Day, d, model.Days[i])
				}
			}
			dir := t.TempDir()
			if err := room.Write(dir, true); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "scenario.json"), scenario, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := simcheck.CheckDir(filepath.Join(dir, "scenario.json"), dir); err != nil {
				t.Errorf("checker rejects the floor engine's log: %v", err)
			}
		})
	}
	sc, err := sim.ParseScenario(variant(t, func(map[string]any) {}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Run(sc, sim.Options{Days: 1, Engine: "dream"}); err == nil {
		t.Error("an unknown engine runs")
	}
}
