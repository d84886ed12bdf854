package web

import (
	"bytes"
	"container/list"
	"net/http"
	"sync"
	"time"

	"lotse/internal/i18n"
)

// renderCache keeps rendered public pages and API answers. Public content changes
// rarely and is the same for every reader of one language and municipality, so a
// page is rendered once per content version and served from memory until the
// content changes or the entry is a minute old (the home page shows a date).
//
// The cache is bounded in bytes, not entries, and forgets the least recently used
// entries first; keys hold only the parameters a route declares (params.go), so a
// client cannot make distinct entries of one page.
type renderCache struct {
	mu      sync.Mutex
	entries map[string]*list.Element
	lru     list.List // of *cached, most recently used first
	bytes   int       // what the entries hold, keys included
	max     int
	ttl     time.Duration
	swept   time.Time // when expired entries were last dropped
}

// defaultCacheBytes bounds the render cache of a server.
const defaultCacheBytes = 32 << 20

// entryOverhead approximates the bookkeeping of one entry beyond its key and body.
const entryOverhead = 256

type cached struct {
	key     string
	status  int
	ctype   string
	lang    string
	body    []byte
	created time.Time
}

func (e *cached) size() int { return len(e.key) + len(e.body) + entryOverhead }

func newRenderCache(maxBytes int) *renderCache {
	return &renderCache{entries: map[string]*list.Element{}, max: maxBytes, ttl: time.Minute}
}

func (c *renderCache) get(key string, now time.Time) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	el := c.entries[key]
	if el == nil {
		return nil
	}
	e := el.Value.(*cached)
	if now.Sub(e.created) > c.ttl {
		c.remove(el)
		return nil
	}
	c.lru.MoveToFront(el)
	return e
}

// put stores e under e.key, then drops expired entries (at most once per ttl)
// and the least recently used ones until the cache is within its bound. An entry
// larger than an eighth of the bound is not kept.
func (c *renderCache) put(key string, e *cached) {
	e.key = key
	if e.size() > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.entries[key]; el != nil {
		c.remove(el)
	}
	c.entries[key] = c.lru.PushFront(e)
	c.bytes += e.size()
	if e.created.Sub(c.swept) > c.ttl {
		c.swept = e.created
		for el := c.lru.Front(); el != nil; {
			next := el.Next()
			if e.created.Sub(el.Value.(*cached).created) > c.ttl {
				c.remove(el)
			}
			el = next
		}
	}
	for c.bytes > c.max {
		c.remove(c.lru.Back())
	}
}

// clear drops every entry: the public pages show the next One-Stop-Shop
// date, which staff change apart from the content version (a date set up or
// cancelled). Other instances follow within the ttl.
func (c *renderCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	c.lru.Init()
	c.bytes = 0
}

func (c *renderCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cached)
	delete(c.entries, e.key)
	c.bytes -= e.size()
}

// recorder captures a handler's response for the cache while passing it
// through to the client.
type recorder struct {
	statusWriter
	buf bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.buf.Write(b)
	return r.statusWriter.Write(b)
}

// cache wraps a read-only public handler with the render cache; the handler sees
// only the query parameters named (see params). The key holds the content
// version, the path, those parameters, and what else selects a variant: the
// chosen municipality and, for API calls, the language Accept-Language selects.
func (s *Server) cache(fn handlerFunc, names ...string) handlerFunc {
	return params(func(w http.ResponseWriter, r *http.Request) error {
		version, err := s.content.Version(r.Context())
		if err != nil {
			return err
		}
		munis, err := s.content.Municipalities(r.Context())
		if err != nil {
			return err
		}
		var muni string
		if m := s.chosenMunicipality(r, munis); m != nil {
			muni = m.Slug
		}
		var accept string
		if r.PathValue("lang") == "" {
			accept = i18n.Match(r.Header.Get("Accept-Language")).Code
		}
		key := version + "\x00" + r.URL.Path + "?" + r.URL.RawQuery + "\x00" + muni + "\x00" + accept
		now := s.now()
		if e := s.renderCache.get(key, now); e != nil {
			if e.lang != "" {
				rememberLang(w, r, e.lang)
			}
			h := w.Header()
			h.Set("Content-Type", e.ctype)
			h.Set("Cache-Control", "no-cache")
			if e.lang != "" {
				h.Set("Content-Language", e.lang)
			}
			w.WriteHeader(e.status)
			_, err := w.Write(e.body)
			return err
		}
		rec := &recorder{statusWriter: statusWriter{ResponseWriter: w}}
		if err := fn(rec, r); err != nil {
			return err
		}
		if rec.code == http.StatusOK {
			s.renderCache.put(key, &cached{
				status: rec.code, ctype: w.Header().Get("Content-Type"), lang: w.Header().Get("Content-Language"),
				body: bytes.Clone(rec.buf.Bytes()), created: now,
			})
		}
		return nil
	}, names...)
}
