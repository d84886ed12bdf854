package sim

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"os"
	"strconv"
)

// Benchmark is one scenario's summary, a group of bars in the chart.
type Benchmark struct {
	Scenario string
	Summary  []Summary
}

// ReadSummary reads a summary.csv written by Write.
func ReadSummary(path string) ([]Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []Summary
	for i, r := range rows {
		if i == 0 {
			continue
		}
		if len(r) != 9 {
			return nil, fmt.Errorf("%s row %d: %d fields, want 9", path, i+1, len(r))
		}
		var x [8]float64
		for j := range x {
			if x[j], err = strconv.ParseFloat(r[j+1], 64); err != nil {
				return nil, fmt.Errorf("%s row %d: %w", path, i+1, err)
			}
		}
		out = append(out, Summary{Policy: r[0], Days: int(x[0]), StretchMean: x[1], StretchCI95: x[2],
			P95WaitMean: x[3], MeanWaitMean: x[4], ServedByClose: x[5], OvertimeMean: x[6], Utilisation: x[7]})
	}
	return out, nil
}

// chart geometry, in SVG user units.
const (
	chartLeft   = 60
	chartTop    = 40
	panelHeight = 200
	panelGap    = 70
	barWidth    = 12
	groupGap    = 24
)

var policyColours = map[string]string{
	"B1": "#b2182b", "B2": "#ef8a62", "S1": "#67a9cf", "S2": "#2166ac", "HINDSIGHT": "#999999",
}

// WriteChart draws two panels of grouped bars, mean stretch (with its 95 %
// interval) and mean p95 wait, one group per scenario and one bar per
// policy, as a self-contained SVG.
func WriteChart(w io.Writer, bench []Benchmark) error {
	maxBars := 0
	for _, b := range bench {
		maxBars = max(maxBars, len(b.Summary))
	}
	groupWidth := maxBars*barWidth + groupGap
	width := chartLeft + len(bench)*groupWidth + 140
	height := chartTop + 2*panelHeight + panelGap + 50
	p := &svg{w: w}
	p.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", width, height, width, height)
	p.printf(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	panels := []struct {
		title string
		value func(Summary) (float64, float64)
		top   float64
	}{
		{"stretch (time on site / own service time; 1 = no waiting)", func(s Summary) (float64, float64) { return s.StretchMean, s.StretchCI95 }, 2},
		{"p95 wait (minutes)", func(s Summary) (float64, float64) { return s.P95WaitMean, 0 }, 0},
	}
	for i, panel := range panels {
		y0 := chartTop + i*(panelHeight+panelGap)
		top := panel.top
		for _, b := range bench {
			for _, s := range b.Summary {
				v, ci := panel.value(s)
				top = max(top, v+ci)
			}
		}
		if panel.top == 0 {
			top = float64(int(top/20)+1) * 20
		}
		scale := func(v float64) float64 { return float64(y0+panelHeight) - v/top*panelHeight }
		p.printf(`<text x="%d" y="%d" font-size="13">%s</text>`+"\n", chartLeft, y0-12, html.EscapeString(panel.title))
		for k := 0; k <= 4; k++ {
			v := top * float64(k) / 4
			p.printf(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%d" y="%.1f" text-anchor="end">%g</text>`+"\n",
				chartLeft, chartLeft+len(bench)*groupWidth, scale(v), scale(v), chartLeft-6, scale(v)+4, v)
		}
		for g, b := range bench {
			x0 := chartLeft + g*groupWidth + groupGap/2
			for j, s := range b.Summary {
				v, ci := panel.value(s)
				x := x0 + j*barWidth
				p.printf(`<rect x="%d" y="%.1f" width="%d" height="%.1f" fill="%s"><title>%s %s: %.3f</title></rect>`+"\n",
					x, scale(v), barWidth-2, float64(y0+panelHeight)-scale(v), policyColours[s.Policy],
					html.EscapeString(b.Scenario), s.Policy, v)
				if ci > 0 {
					cx := float64(x) + float64(barWidth-2)/2
					p.printf(`<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="black"/>`+"\n", cx, cx, scale(v-ci), scale(v+ci))
				}
			}
			p.printf(`<text x="%d" y="%d" text-anchor="middle">%s</text>`+"\n",
				x0+len(b.Summary)*barWidth/2, y0+panelHeight+14, html.EscapeString(b.Scenario))
		}
	}
	for i, pol := range Policies {
		y := chartTop + 20*i
		x := chartLeft + len(bench)*groupWidth + 20
		p.printf(`<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d">%s</text>`+"\n", x, y, policyColours[pol], x+18, y+10, pol)
	}
	p.printf("</svg>\n")
	return p.err
}

// svg writes and keeps the first error.
type svg struct {
	w   io.Writer
	err error
}

func (p *svg) printf(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}
