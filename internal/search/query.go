package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits that bound the cost of one query, whatever is typed.
const (
	maxQueryBytes = 256
	maxWords      = 10
)

// Relative weights of the parts of a query. The exact stemmed word counts most;
// typos, prefixes and synonyms find more but rank below it; a German text found
// for a reader of another language ranks below a text in their own language.
const (
	boostTitle    = 3.0
	boostSummary  = 2.0
	boostBody     = 1.0
	boostFold     = 0.7
	boostFuzzy    = 0.4
	boostPrefix   = 0.5
	boostSynonym  = 1.0
	boostFallback = 0.8
	boostPhrase   = 1.0
)

// fieldBoosts are the fields a query searches, with their weights.
type fieldBoosts map[string]float64

var (
	allFields   = fieldBoosts{fTitle: boostTitle, fSummary: boostSummary, fBody: boostBody}
	titleFields = fieldBoosts{fTitle: boostTitle}
)

// target is one language a query runs in.
type target struct {
	lang   string
	weight float64
}

// targets returns the languages a query of a reader of lang runs in: theirs and
// German. An unknown language reads German.
func targets(lang string) []target {
	if _, ok := analyzers[lang]; !ok || lang == "de" {
		return []target{{"de", 1}}
	}
	return []target{{lang, 1}, {"de", boostFallback}}
}

// normalizeQuery trims q to a bounded size of valid UTF-8 and, for a Turkish
// reader, lowercases it with Turkish rules before any analysis.
func normalizeQuery(q, lang string) string {
	q = strings.ToValidUTF8(q, " ")
	if len(q) > maxQueryBytes {
		cut := maxQueryBytes
		for cut > 0 && !utf8.RuneStart(q[cut]) {
			cut--
		}
		q = q[:cut]
	}
	if lang == "tr" {
		q = strings.ToLowerSpecial(unicode.TurkishCase, q)
	}
	return strings.TrimSpace(q)
}

// queryBuilder turns what a reader typed into a bleve query.
type queryBuilder struct {
	st     *state
	lang   string
	fields fieldBoosts
}

// build returns the query for q, or nil when q has nothing to search for.
func (b queryBuilder) build(q string) query.Query {
	ws := words(q)
	if len(ws) > maxWords {
		ws = ws[:maxWords]
	}
	if len(ws) == 0 {
		return nil
	}
	folded := make([]string, len(ws))
	for i, w := range ws {
		folded[i] = foldString(w)
	}
	groups := matchSynonyms(folded)
	var perLang []query.Query
	for _, t := range targets(b.lang) {
		var parts []query.Query
		for i, w := range ws {
			if b.stopWord(w) {
				continue
			}
			if c := b.word(t.lang, w, i == len(ws)-1); c != nil {
				parts = append(parts, c)
			}
		}
		if len(ws) > 1 {
			if ph := b.phrase(t.lang, q, boostPhrase); len(ph) > 0 {
				parts = append(parts, bleve.NewDisjunctionQuery(ph...))
			}
		}
		for _, g := range groups {
			if c := b.synonyms(t.lang, synonyms[g]); c != nil {
				parts = append(parts, c)
			}
		}
		if len(parts) == 0 {
			continue
		}
		d := bleve.NewDisjunctionQuery(parts...)
		d.SetBoost(t.weight)
		perLang = append(perLang, d)
	}
	if len(perLang) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(perLang...)
}

// stopWord reports whether the reader's language drops w as a stop word, so it
// counts for nothing in any language ("на", "the", "für").
func (b queryBuilder) stopWord(w string) bool {
	lang := b.lang
	if _, ok := analyzers[lang]; !ok {
		lang = "de"
	}
	return len(b.st.analyze(analyzers[lang].stem, w)) == 0
}

// word is the clause for one typed word in lang: the stemmed word, its folded
// spelling, typos of the folded spelling (one fuzzy automaton per field is the
// main cost of a query, so the stemmed fields get none), and, for the last
// word, what it may be the start of.
func (b queryBuilder) word(lang, w string, last bool) query.Query {
	a := analyzers[lang]
	var qs []query.Query
	add := func(analyzer, prefix string, boost float64) {
		for _, tok := range b.st.analyze(analyzer, w) {
			n := utf8.RuneCount(tok)
			for f, fb := range b.fields {
				field := lang + "." + prefix + f
				tq := bleve.NewTermQuery(string(tok))
				tq.SetField(field)
				tq.SetBoost(fb * boost)
				qs = append(qs, tq)
				if fz := fuzziness(n); fz > 0 && (prefix != "" || a.fold == a.stem) {
					fq := bleve.NewFuzzyQuery(string(tok))
					fq.SetField(field)
					fq.SetFuzziness(fz)
					fq.SetBoost(fb * boost * boostFuzzy)
					qs = append(qs, fq)
				}
				if last && (n >= 3 || isHan([]rune(string(tok))[0])) {
					pq := bleve.NewPrefixQuery(string(tok))
					pq.SetField(field)
					pq.SetBoost(fb * boost * boostPrefix)
					qs = append(qs, pq)
				}
			}
		}
	}
	add(a.stem, "", 1)
	if a.fold != a.stem {
		add(a.fold, fFoldPref, boostFold)
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// fuzziness is the number of edits a typo may have in a word of n letters.
func fuzziness(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// synonyms is the clause for the terms of group g in lang: each term stemmed,
// as a phrase when it has several words.
func (b queryBuilder) synonyms(lang string, g synGroup) query.Query {
	terms := g.Terms[lang]
	if lang == "de-x-simple" {
		terms = append(terms[:len(terms):len(terms)], g.Terms["de"]...)
	}
	var qs []query.Query
	for _, term := range terms {
		qs = append(qs, b.phrase(lang, term, boostSynonym)...)
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// phrase returns, for each field, a query for text as stemmed in lang: a term
// query for one word, a phrase query for several (stop words leave gaps that
// match any word).
func (b queryBuilder) phrase(lang, text string, boost float64) []query.Query {
	toks := b.st.analyzer(analyzers[lang].stem).Analyze([]byte(text))
	if len(toks) == 0 {
		return nil
	}
	var terms []string
	for i, t := range toks {
		if i > 0 {
			for gap := toks[i-1].Position + 1; gap < t.Position; gap++ {
				terms = append(terms, "")
			}
		}
		terms = append(terms, string(t.Term))
	}
	var qs []query.Query
	for f, fb := range b.fields {
		field := lang + "." + f
		if len(terms) == 1 {
			tq := bleve.NewTermQuery(terms[0])
			tq.SetField(field)
			tq.SetBoost(fb * boost)
			qs = append(qs, tq)
			continue
		}
		pq := bleve.NewPhraseQuery(terms, field)
		pq.SetBoost(fb * boost)
		qs = append(qs, pq)
	}
	return qs
}

// analyzer returns the named analyzer.
func (st *state) analyzer(name string) analysis.Analyzer { return st.analyzers[name] }

// analyze returns the terms the named analyzer makes of s.
func (st *state) analyze(analyzer, s string) [][]byte {
	var out [][]byte
	for _, t := range st.analyzer(analyzer).Analyze([]byte(s)) {
		if len(t.Term) > 0 {
			out = append(out, t.Term)
		}
	}
	return out
}

// resolveAnalyzers looks up every analyzer the index uses once, so queries do
// not go through the mapping's registry.
func resolveAnalyzers(st *state) map[string]analysis.Analyzer {
	out := map[string]analysis.Analyzer{}
	for _, a := range analyzers {
		for _, name := range []string{a.stem, a.fold} {
			if _, ok := out[name]; !ok {
				out[name] = st.im.AnalyzerNamed(name)
			}
		}
	}
	return out
}
