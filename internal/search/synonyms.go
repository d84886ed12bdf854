package search

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// synonymsJSON holds groups of words that mean the same thing across the
// portal's languages ("Aufenthaltstitel", "residence permit", "посвідка"). A
// query that contains one of them also searches for the others in the reader's
// language and in German, which is how a Ukrainian query finds a guide that
// exists only in German.
//
//go:embed synonyms.json
var synonymsJSON []byte

// synGroup is one group of synonyms, by language.
type synGroup struct {
	Name  string              `json:"name"`
	Terms map[string][]string `json:"terms"`
	// folded holds every term of every language as folded words, for matching.
	folded [][]string
}

var synonyms = mustSynonyms(synonymsJSON)

func mustSynonyms(b []byte) []synGroup {
	gs, err := parseSynonyms(b)
	if err != nil {
		panic(err) // the file is embedded and checked by a test
	}
	return gs
}

func parseSynonyms(b []byte) ([]synGroup, error) {
	var gs []synGroup
	if err := json.Unmarshal(b, &gs); err != nil {
		return nil, fmt.Errorf("synonyms: %w", err)
	}
	for i := range gs {
		g := &gs[i]
		for lang, terms := range g.Terms {
			if _, ok := analyzers[lang]; !ok {
				return nil, fmt.Errorf("synonyms: group %q: unknown language %q", g.Name, lang)
			}
			for _, t := range terms {
				w := words(foldString(t))
				if len(w) == 0 {
					return nil, fmt.Errorf("synonyms: group %q: empty term in %s", g.Name, lang)
				}
				g.folded = append(g.folded, w)
			}
		}
	}
	return gs, nil
}

// words splits s into words at everything that is not a letter, digit or mark.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// synonymMatch is a group found in a query and the query words it covers.
type synonymMatch struct {
	group int
	words []int
}

// matchSynonyms returns the groups whose terms occur in the folded query words
// qw. A term matches when each of its words matches a query word (see
// wordMatches). Where terms of different groups overlap, the longer wins:
// "дозвіл на роботу" is a work permit, not a job search for "роботу".
func matchSynonyms(qw []string) []int {
	var found []synonymMatch
	for gi, g := range synonyms {
		for _, term := range g.folded {
			if at, ok := termIn(term, qw); ok {
				found = append(found, synonymMatch{gi, at})
			}
		}
	}
	slices.SortStableFunc(found, func(a, b synonymMatch) int { return len(b.words) - len(a.words) })
	covered := map[int]int{} // query word → group that took it
	var groups []int
	for _, m := range found {
		if slices.Contains(groups, m.group) {
			continue
		}
		taken := true
		for _, w := range m.words {
			if g, ok := covered[w]; !ok || g == m.group {
				taken = false
			}
		}
		if taken {
			continue
		}
		groups = append(groups, m.group)
		for _, w := range m.words {
			if _, ok := covered[w]; !ok {
				covered[w] = m.group
			}
		}
	}
	return groups
}

// termIn reports where each word of term occurs in qw.
func termIn(term, qw []string) ([]int, bool) {
	at := make([]int, 0, len(term))
	for _, tw := range term {
		i := slices.IndexFunc(qw, func(q string) bool { return wordMatches(q, tw) })
		if i < 0 {
			return nil, false
		}
		at = append(at, i)
	}
	return at, true
}

// wordMatches reports whether the query word q is a form of, or a typo for, the
// synonym word t: equal; for Chinese, contained; sharing all but the last two
// letters (an inflected ending); or within one edit (two from nine letters).
// Words of up to three letters must be equal.
func wordMatches(q, t string) bool {
	if q == t {
		return true
	}
	tr, qr := []rune(t), []rune(q)
	if isHan(tr[0]) {
		return strings.Contains(q, t)
	}
	if len(tr) <= 3 || len(qr) < 4 {
		return false
	}
	p := 0
	for p < len(tr) && p < len(qr) && tr[p] == qr[p] {
		p++
	}
	if p >= max(4, min(len(tr), len(qr))-2) && abs(len(tr)-len(qr)) <= 3 {
		return true
	}
	limit := 1
	if len(tr) >= 9 {
		limit = 2
	}
	if len(tr) < 5 {
		return false
	}
	return levenshtein(qr, tr, limit) <= limit
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// levenshtein returns the edit distance of a and b, or limit+1 once it is
// certain to exceed limit.
func levenshtein(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
