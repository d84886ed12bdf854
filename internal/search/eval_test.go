package search

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// evalQuery is a query as a newcomer types it and the guide it should find.
type evalQuery struct {
	Lang string `json:"lang"`
	Q    string `json:"q"`
	Want string `json:"want"`
}

// minRecall is the recall@3 below which TestEval fails.
const minRecall = 0.9

// TestEval runs the evaluation set in testdata/eval.json against the demo
// content and reports recall@3 and mean reciprocal rank, overall and per
// language. A query's rank counts guides only: places found alongside are
// right for queries like "Ausländeramt" and do not push a guide out.
func TestEval(t *testing.T) {
	b, err := os.ReadFile("testdata/eval.json")
	if err != nil {
		t.Fatal(err)
	}
	var qs []evalQuery
	if err := json.Unmarshal(b, &qs); err != nil {
		t.Fatal(err)
	}
	ix, err := New(demoDocs(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	type tally struct {
		n, top3 int
		rr      float64
	}
	byLang := map[string]*tally{}
	var all tally
	for _, q := range qs {
		rank := 0
		guides := 0
		for _, h := range ix.Search(q.Q, q.Lang, 20) {
			if h.Type != "guide" {
				continue
			}
			guides++
			if h.Slug == q.Want {
				rank = guides
				break
			}
		}
		lt := byLang[q.Lang]
		if lt == nil {
			lt = &tally{}
			byLang[q.Lang] = lt
		}
		for _, s := range []*tally{&all, lt} {
			s.n++
			if rank > 0 {
				s.rr += 1 / float64(rank)
				if rank <= 3 {
					s.top3++
				}
			}
		}
		if rank == 0 || rank > 3 {
			t.Logf("miss [%s] %q: want %s at rank %d; got %s", q.Lang, q.Q, q.Want, rank, topSlugs(ix.Search(q.Q, q.Lang, 3)))
		}
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		s := byLang[l]
		t.Logf("%-12s n=%3d recall@3=%.3f MRR=%.3f", l, s.n, float64(s.top3)/float64(s.n), s.rr/float64(s.n))
	}
	recall := float64(all.top3) / float64(all.n)
	t.Logf("%-12s n=%3d recall@3=%.3f MRR=%.3f", "all", all.n, recall, all.rr/float64(all.n))
	if len(qs) < 150 || len(langs) < 7 {
		t.Errorf("evaluation set has %d queries in %d languages, want at least 150 in 7", len(qs), len(langs))
	}
	if recall < minRecall {
		t.Errorf("recall@3 = %.3f, want at least %.2f", recall, minRecall)
	}
}

func topSlugs(hs []Hit) string {
	var s []string
	for _, h := range hs {
		g := ""
		if h.German {
			g = "(de)"
		}
		s = append(s, fmt.Sprintf("%s:%s%s", h.Type, h.Slug, g))
	}
	return strings.Join(s, ", ")
}
