package sim_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"testing"

	"lotse/internal/sim"
)

func TestChartGolden(t *testing.T) {
	bench := []sim.Benchmark{
		{"normal", []sim.Summary{{Policy: "B1", StretchMean: 1.67, StretchCI95: 0.03, P95WaitMean: 82.7}, {Policy: "S2", StretchMean: 1.2, StretchCI95: 0.02, P95WaitMean: 32.3}}},
		{"light <&>", []sim.Summary{{Policy: "B1", StretchMean: 1.35, P95WaitMean: 52}, {Policy: "S2", StretchMean: 1.08, P95WaitMean: 18.3}}},
	}
	var buf bytes.Buffer
	if err := sim.WriteChart(&buf, bench); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the chart is not well-formed XML: %v", err)
		}
	}
	golden := "testdata/chart.golden.svg"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("chart differs from testdata/chart.golden.svg (run with -update after checking it)")
	}
}
