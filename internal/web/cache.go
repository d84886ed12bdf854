package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// renderCache keeps rendered public pages and API answers. Public content changes
// rarely and is the same for every reader of one language and municipality, so a
// page is rendered once per content version and served from memory until the
// content changes or the entry is a minute old (the home page shows a date).
type renderCache struct {
	mu      sync.RWMutex
	entries map[string]*cached
	max     int
	ttl     time.Duration
}

type cached struct {
	status  int
	ctype   string
	lang    string
	body    []byte
	created time.Time
}

func newRenderCache() *renderCache {
	return &renderCache{entries: map[string]*cached{}, max: 4096, ttl: time.Minute}
}

func (c *renderCache) get(key string, now time.Time) *cached {
	c.mu.RLock()
	e := c.entries[key]
	c.mu.RUnlock()
	if e == nil || now.Sub(e.created) > c.ttl {
		return nil
	}
	return e
}

func (c *renderCache) put(key string, e *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		// Keys include free-form request parts; a flood of distinct ones
		// empties the cache rather than growing it.
		clear(c.entries)
	}
	c.entries[key] = e
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

// cache wraps a read-only public handler with the render cache. The key holds the
// content version, the URL, and what else selects a variant: the chosen
// municipality and, for API calls without ?lang=, the Accept-Language header.
func (s *Server) cache(fn handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		version, err := s.content.Version(r.Context())
		if err != nil {
			return err
		}
		var muni string
		if c, err := r.Cookie(cookieMunicipality); err == nil {
			muni = c.Value
		}
		key := version + "\x00" + r.URL.Path + "?" + r.URL.RawQuery + "\x00" + muni + "\x00" + r.Header.Get("Accept-Language")
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
	}
}
