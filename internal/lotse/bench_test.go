package lotse

import "testing"

// BenchmarkBuild measures one plan from JSON answers (decode, validate,
// evaluate, order, render).
func BenchmarkBuild(b *testing.B) {
	answers := mustJSON(b, patch{"registered": false, "children": []string{"3_5", "10_17"}, "benefits": "needed"}.apply(base()))
	opt := Options{AsOf: contractDate, Lang: "de", OneStopAgencies: oneStop}
	for b.Loop() {
		if _, err := Build(answers, opt); err != nil {
			b.Fatal(err)
		}
	}
}
