package web

import (
	"context"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	"lotse/internal/content"
	"lotse/internal/i18n"
	"lotse/internal/search"
)

// searchIndex keeps the full-text index in step with the content: when the
// content version changes, it is rebuilt in the background while searches keep
// using the previous index.
type searchIndex struct {
	content *content.Store
	log     func(msg string, args ...any)

	mu       sync.Mutex
	ix       *search.Index
	version  string
	building bool
}

// index returns the current index, building it on first use and starting a
// rebuild when the content changed.
func (si *searchIndex) index(ctx context.Context) (*search.Index, error) {
	version, err := si.content.Version(ctx)
	if err != nil {
		return nil, err
	}
	si.mu.Lock()
	defer si.mu.Unlock()
	if si.ix == nil {
		ix, err := si.build(ctx)
		if err != nil {
			return nil, err
		}
		si.ix, si.version = ix, version
		return ix, nil
	}
	if version != si.version && !si.building {
		si.building = true
		go si.rebuild(version)
	}
	return si.ix, nil
}

func (si *searchIndex) rebuild(version string) {
	ctx := context.Background()
	docs, err := si.docs(ctx)
	if err == nil {
		err = si.ix.Replace(docs)
	}
	si.mu.Lock()
	defer si.mu.Unlock()
	si.building = false
	if err != nil {
		si.log("rebuild search index", "error", err.Error())
		return
	}
	si.version = version
}

func (si *searchIndex) build(ctx context.Context) (*search.Index, error) {
	docs, err := si.docs(ctx)
	if err != nil {
		return nil, err
	}
	return search.New(docs)
}

func (si *searchIndex) docs(ctx context.Context) ([]search.Doc, error) {
	all, err := si.content.Documents(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]search.Doc, 0, len(all))
	for _, d := range all {
		out = append(out, search.Doc{Type: d.Type, Slug: d.Slug, Lang: d.Lang, Title: d.Title, Summary: d.Summary, Body: search.PlainText(d.HTML)})
	}
	return out, nil
}

// WarmSearch builds the search index now, so that the first visitor who
// searches does not wait for it.
func (s *Server) WarmSearch(ctx context.Context) error {
	_, err := s.search.index(ctx)
	return err
}

// RefreshSearch starts rebuilding the search index in the background when the
// content changed; the content store's Follow calls it after each change, so
// the index follows writes of every process at once.
func (s *Server) RefreshSearch(ctx context.Context) {
	if _, err := s.search.index(ctx); err != nil && ctx.Err() == nil {
		s.log.Warn("refresh search index", "error", err.Error())
	}
}

// maxQuery bounds the query length; longer input is cut, not refused.
const maxQuery = 200

func cleanQuery(q string) string {
	q = strings.TrimSpace(strings.ToValidUTF8(q, ""))
	for len(q) > maxQuery {
		_, size := utf8.DecodeLastRuneInString(q)
		q = q[:len(q)-size]
	}
	return q
}

type searchResult struct {
	URL     string
	Title   string
	Snippet template.HTML
	Lang    string // set when the hit is not in the page's language
	Place   bool
}

type searchPage struct {
	Query   string
	Results []searchResult
}

// searchHits runs a query and counts it for editors when nothing is found,
// as often as missLimit lets the client.
func (s *Server) searchHits(r *http.Request, q, lang string, limit int) ([]search.Hit, error) {
	ix, err := s.search.index(r.Context())
	if err != nil {
		return nil, err
	}
	hits := ix.Search(q, lang, limit)
	if len(hits) == 0 && s.missLimit.allow(s.clientAddr(r), s.now()) {
		s.content.CountMiss(q, lang)
	}
	return hits, nil
}

// searchPage shows results with highlighted snippets; it works without
// JavaScript, which only adds suggestions while typing.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	q := cleanQuery(r.URL.Query().Get("q"))
	p := searchPage{Query: q}
	if q != "" {
		hits, err := s.searchHits(r, q, lang.Code, 20)
		if err != nil {
			return err
		}
		for _, h := range hits {
			res := searchResult{Title: h.Title, Snippet: template.HTML(h.Snippet), Place: h.Type == "place"}
			res.URL = "/" + lang.Code + "/guides/" + h.Slug
			if res.Place {
				res.URL = "/" + lang.Code + "/places/" + h.Slug
			}
			if h.Lang != lang.Code {
				res.Lang = h.Lang
			}
			p.Results = append(p.Results, res)
		}
	}
	t := i18n.For(lang.Code)
	title := t.Get("search.title")
	if q != "" {
		title = t.Get("search.title_for", "Query", q)
	}
	return render(s, w, r, "search", lang, title, p)
}

// apiHit is one result of GET /api/v1/search, in the fixed contract's shape.
type apiHit struct {
	Type    string `json:"type"`
	Slug    string `json:"slug"`
	Lang    string `json:"lang"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	return s.apiHits(w, r, false)
}

func (s *Server) apiSuggest(w http.ResponseWriter, r *http.Request) error {
	return s.apiHits(w, r, true)
}

// apiHits answers search (best first) and suggestions while typing (prefixes of
// titles, not counted as misses).
func (s *Server) apiHits(w http.ResponseWriter, r *http.Request, suggest bool) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	q := cleanQuery(r.URL.Query().Get("q"))
	out := []apiHit{}
	if q != "" {
		var hits []search.Hit
		if suggest {
			ix, err := s.search.index(r.Context())
			if err != nil {
				return err
			}
			hits = ix.Suggest(q, lang.Code, 8)
		} else if hits, err = s.searchHits(r, q, lang.Code, 20); err != nil {
			return err
		}
		for _, h := range hits {
			out = append(out, apiHit{Type: h.Type, Slug: h.Slug, Lang: h.Lang, Title: h.Title, Snippet: h.Snippet})
		}
	}
	return writeJSON(w, out)
}
