package lotse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// persona is the contract's check format: answers, steps that must and must
// not appear, and pairs [a, b] where a must come before b when both appear.
type persona struct {
	Answers          json.RawMessage `json:"answers"`
	MustInclude      []string        `json:"must_include"`
	MustNotInclude   []string        `json:"must_not_include"`
	OrderConstraints [][2]string     `json:"order_constraints"`
}

// TestPersonas runs testdata/personas/*.json the way the outside checks do:
// as_of 2026-11-24 and the default switches.
func TestPersonas(t *testing.T) {
	files, err := filepath.Glob("testdata/personas/*.json")
	if err != nil || len(files) < 25 {
		t.Fatalf("%d personas, want at least 25 (%v)", len(files), err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var p persona
			if err := json.Unmarshal(data, &p); err != nil {
				t.Fatal(err)
			}
			ids := planIDs(t, p.Answers, Options{AsOf: contractDate})
			for _, id := range p.MustInclude {
				if !slices.Contains(ids, id) {
					t.Errorf("missing %s in %v", id, ids)
				}
			}
			for _, id := range p.MustNotInclude {
				if slices.Contains(ids, id) {
					t.Errorf("unexpected %s", id)
				}
			}
			for _, c := range p.OrderConstraints {
				if a, b := indexIn(ids, c[0]), indexIn(ids, c[1]); a >= 0 && b >= 0 && a > b {
					t.Errorf("%s after %s", c[0], c[1])
				}
			}
			// Every hard constraint of the contract holds in every plan.
			for _, o := range book.rb.Order {
				if a, b := indexIn(ids, o.Before), indexIn(ids, o.After); a >= 0 && b >= 0 && a > b {
					t.Errorf("hard constraint %s → %s broken", o.Before, o.After)
				}
			}
		})
	}
}
