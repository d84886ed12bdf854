package search

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// Search returns up to limit documents matching q for a reader of lang, best
// first: texts in lang and in German, one hit per document (its text in lang
// when there is one). Bad or empty input finds nothing; Search never fails.
func (ix *Index) Search(q, lang string, limit int) []Hit {
	return ix.run(q, lang, limit, allFields)
}

// Suggest returns up to limit documents whose title matches what a reader of
// lang is typing, the last word as a prefix, for suggestions while typing. The
// snippet is the highlighted title.
func (ix *Index) Suggest(prefix, lang string, limit int) []Hit {
	return ix.run(prefix, lang, limit, titleFields)
}

func (ix *Index) run(q, lang string, limit int, fields fieldBoosts) []Hit {
	if limit <= 0 {
		return nil
	}
	if _, ok := analyzers[lang]; !ok {
		lang = "de"
	}
	q = normalizeQuery(q, lang)
	st := ix.acquire()
	if st == nil {
		return nil
	}
	defer st.mu.RUnlock()
	bq := queryBuilder{st: st, lang: lang, fields: fields}.build(q)
	if bq == nil {
		return nil
	}
	req := bleve.NewSearchRequestOptions(bq, 2*limit+len(targets(lang))*limit, 0, false)
	req.IncludeLocations = true
	res, err := st.idx.Search(req)
	if err != nil {
		return nil // an in-memory search fails only on a closed index
	}
	return st.merge(res.Hits, lang, limit, fields)
}

// merge keeps one hit per document, preferring the reader's language, and
// builds the snippets.
func (st *state) merge(matches search.DocumentMatchCollection, lang string, limit int, fields fieldBoosts) []Hit {
	type best struct {
		own, german *search.DocumentMatch
		score       float64
		order       int
	}
	groups := map[docKey]*best{}
	for i, m := range matches {
		n, err := strconv.Atoi(m.ID)
		if err != nil || n < 0 || n >= len(st.docs) {
			continue
		}
		d := st.docs[n]
		k := docKey{d.Type, d.Slug, ""}
		g := groups[k]
		if g == nil {
			g = &best{order: i}
			groups[k] = g
		}
		g.score = max(g.score, m.Score)
		if d.Lang == lang && g.own == nil {
			g.own = m
		} else if d.Lang != lang && g.german == nil {
			g.german = m
		}
	}
	type ranked struct {
		hit   Hit
		order int
	}
	var out []ranked
	for k, g := range groups {
		var h Hit
		switch {
		case g.own != nil:
			h = st.hit(g.own, fields)
		case st.has(k.typ, k.slug, lang):
			// The reader's text did not match, the German one did: show theirs.
			h = st.plainHit(st.byKey[docKey{k.typ, k.slug, lang}], fields)
		default:
			h = st.hit(g.german, fields)
			h.German = h.Lang != lang
		}
		h.Score = g.score
		out = append(out, ranked{h, g.order})
	}
	slices.SortFunc(out, func(a, b ranked) int {
		if c := cmp.Compare(b.hit.Score, a.hit.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	hits := make([]Hit, 0, min(limit, len(out)))
	for _, r := range out[:min(limit, len(out))] {
		hits = append(hits, r.hit)
	}
	return hits
}

func (st *state) has(typ, slug, lang string) bool {
	_, ok := st.byKey[docKey{typ, slug, lang}]
	return ok
}

// hit is the Hit for a matched document, its snippet highlighting what matched.
func (st *state) hit(m *search.DocumentMatch, fields fieldBoosts) Hit {
	n, _ := strconv.Atoi(m.ID) // checked in merge
	d := st.docs[n]
	h := Hit{Type: d.Type, Slug: d.Slug, Lang: d.Lang, Title: d.Title}
	loc := func(f string) []span {
		return spans(m.Locations[d.Lang+"."+f], m.Locations[d.Lang+"."+fFoldPref+f])
	}
	if _, full := fields[fSummary]; !full {
		h.Snippet = highlight(d.Title, loc(fTitle))
		return h
	}
	h.Snippet = snippet(d.Summary, loc(fSummary), d.Body, loc(fBody))
	return h
}

// plainHit is the Hit for document n without highlights.
func (st *state) plainHit(n int, fields fieldBoosts) Hit {
	d := st.docs[n]
	h := Hit{Type: d.Type, Slug: d.Slug, Lang: d.Lang, Title: d.Title}
	if _, full := fields[fSummary]; !full {
		h.Snippet = highlight(d.Title, nil)
	} else {
		h.Snippet = snippet(d.Summary, nil, d.Body, nil)
	}
	return h
}
