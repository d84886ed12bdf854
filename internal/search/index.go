package search

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Doc is one text to search: a guide, place or event in one language.
type Doc struct {
	Type    string // "guide", "place", later "event"
	Slug    string
	Lang    string // a content language, see Languages
	Title   string
	Summary string
	Body    string // plain text; PlainText turns Markdown or HTML into it
}

// Hit is one search result, a document in the reader's language or, when that
// is missing, in German.
type Hit struct {
	Type  string `json:"type"`
	Slug  string `json:"slug"`
	Lang  string `json:"lang"`
	Title string `json:"title"`
	// Snippet is HTML: the matched terms in <mark>, everything else escaped.
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
	// German is true when the hit is the German text shown to a reader of
	// another language (Einfache Sprache included), so the page can say so.
	German bool `json:"german,omitempty"`
}

// Index is an in-memory full-text index over documents in many languages. It
// is safe for concurrent use; Replace swaps in a fully built new index, so
// searches never see a half-built one.
type Index struct {
	cur atomic.Pointer[state]
}

// state is one built index with the documents it holds.
type state struct {
	idx bleve.Index
	im  *mapping.IndexMappingImpl
	// analyzers by name, resolved once
	analyzers map[string]analysis.Analyzer
	docs      []Doc          // by bleve document id (its position, in decimal)
	byKey     map[docKey]int // (type, slug, lang) → position
	// mu guards idx against Close while searches run on it.
	mu     sync.RWMutex
	closed bool
}

type docKey struct{ typ, slug, lang string }

// field names inside each language's sub-document.
const (
	fTitle    = "title"
	fSummary  = "summary"
	fBody     = "body"
	fFoldPref = "f" // folded twin of each field: ftitle, fsummary, fbody
)

// New builds an index over docs.
func New(docs []Doc) (*Index, error) {
	ix := &Index{}
	if err := ix.Replace(docs); err != nil {
		return nil, err
	}
	return ix, nil
}

// Replace rebuilds the index from docs and swaps it in once it is complete.
// Searches running meanwhile finish on the old index. On error the old index
// stays in place.
func (ix *Index) Replace(docs []Doc) error {
	st, err := build(docs)
	if err != nil {
		return err
	}
	if old := ix.cur.Swap(st); old != nil {
		old.close()
	}
	return nil
}

// Close releases the index. Searches after Close find nothing.
func (ix *Index) Close() error {
	if old := ix.cur.Swap(nil); old != nil {
		return old.close()
	}
	return nil
}

// acquire returns the current state locked for reading, or nil when closed.
// The caller calls st.mu.RUnlock.
func (ix *Index) acquire() *state {
	for {
		st := ix.cur.Load()
		if st == nil {
			return nil
		}
		st.mu.RLock()
		if !st.closed {
			return st
		}
		st.mu.RUnlock() // swapped out between Load and RLock: take the new one
	}
}

func (st *state) close() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.closed = true
	return st.idx.Close()
}

func build(docs []Doc) (*state, error) {
	im, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("search: mapping: %w", err)
	}
	st := &state{im: im, docs: docs, byKey: make(map[docKey]int, len(docs))}
	st.analyzers = resolveAnalyzers(st)
	for i, d := range docs {
		if d.Type == "" || d.Slug == "" {
			return nil, fmt.Errorf("search: document %d has no type or slug", i)
		}
		if _, ok := analyzers[d.Lang]; !ok {
			return nil, fmt.Errorf("search: %s %q: unknown language %q", d.Type, d.Slug, d.Lang)
		}
		k := docKey{d.Type, d.Slug, d.Lang}
		if _, dup := st.byKey[k]; dup {
			return nil, fmt.Errorf("search: %s %q in %s twice", d.Type, d.Slug, d.Lang)
		}
		st.byKey[k] = i
	}
	// scorch with no path keeps its segments in memory; it searches several
	// times faster than bleve.NewMemOnly's upsidedown store.
	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: new index: %w", err)
	}
	b := idx.NewBatch()
	for i, d := range docs {
		text := map[string]any{fTitle: d.Title, fSummary: d.Summary, fBody: d.Body}
		if err := b.Index(strconv.Itoa(i), map[string]any{d.Lang: text}); err != nil {
			return nil, errors.Join(fmt.Errorf("search: index %s %q: %w", d.Type, d.Slug, err), idx.Close())
		}
	}
	if err := idx.Batch(b); err != nil {
		return nil, errors.Join(fmt.Errorf("search: index: %w", err), idx.Close())
	}
	st.idx = idx
	return st, nil
}

// newMapping maps each language to a sub-document whose fields are analyzed
// twice: with the language's stemming analyzer and, in the f-prefixed twin,
// folded without stemming.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultMapping = bleve.NewDocumentStaticMapping()
	for lang, a := range analyzers {
		sub := bleve.NewDocumentStaticMapping()
		for _, f := range []string{fTitle, fSummary, fBody} {
			sub.AddFieldMappingsAt(f, textField(f, a.stem), textField(fFoldPref+f, a.fold))
		}
		im.DefaultMapping.AddSubDocumentMapping(lang, sub)
	}
	return im, im.Validate()
}

func textField(name, analyzer string) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name = name
	fm.Analyzer = analyzer
	fm.Store = false
	fm.IncludeInAll = false
	fm.IncludeTermVectors = true // term locations, for the snippets
	fm.DocValues = false
	return fm
}
