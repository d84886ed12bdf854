package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// TestRenderCacheBoundedInBytes fills the cache far beyond its bound: it never
// holds more bytes than the bound, keeps the most recently used entries, and
// drops entries once they have expired.
func TestRenderCacheBoundedInBytes(t *testing.T) {
	c := newRenderCache(100_000)
	now := time.Unix(0, 0)
	body := make([]byte, 1000)
	for i := range 1000 {
		c.put(fmt.Sprint("k", i), &cached{status: 200, body: body, created: now})
		if c.get("k0", now) == nil {
			t.Fatalf("after %d puts the often used entry is gone", i)
		}
		if c.bytes > c.max {
			t.Fatalf("after %d puts the cache holds %d bytes, bound %d", i, c.bytes, c.max)
		}
	}
	if c.get("k999", now) == nil || c.get("k10", now) != nil {
		t.Error("the cache did not keep the newest entries")
	}
	later := now.Add(2 * c.ttl)
	c.put("new", &cached{status: 200, body: body, created: later})
	if n := c.lru.Len(); n != 1 || c.bytes != c.lru.Front().Value.(*cached).size() {
		t.Errorf("expired entries stay: %d entries, %d bytes", n, c.bytes)
	}
	c.put("huge", &cached{status: 200, body: make([]byte, c.max), created: later})
	if c.get("huge", later) != nil || c.bytes > c.max {
		t.Error("an entry larger than the cache's share for one entry was stored")
	}
}

// TestUnknownQueryParameters sends pages and API calls with a 60 kB junk
// parameter: the response is as large as without it, no link carries it, and
// the render cache does not grow with distinct junk (issue 9, item 1).
func TestUnknownQueryParameters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newWebServer(t, d)
		h := s.Handler()
		junk := strings.Repeat("a", 60_000)
		for _, path := range []string{
			"/de/", "/de/guides/", "/de/guides/work-permit", "/en/places/auslaenderamt", "/de/lotse/rules",
			"/de/imprint", "/de/search?q=Arbeit", "/de/lotse", "/de/onestop", "/de/nothing/here",
			"/api/v1/guides", "/api/v1/guides/work-permit?lang=en",
		} {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			plain := get(h, path)
			for i := range 20 {
				rec := get(h, fmt.Sprintf("%s%sx%d=%s", path, sep, i, junk), "Accept-Language", fmt.Sprintf("de;q=0.%d, %s", i%10, junk[:1000]))
				if rec.Code != plain.Code || rec.Body.Len() > plain.Body.Len()+100 {
					t.Fatalf("%s with junk: %d, %d bytes; without: %d, %d bytes", path, rec.Code, rec.Body.Len(), plain.Code, plain.Body.Len())
				}
			}
		}
		if s.renderCache.bytes > 2_000_000 {
			t.Errorf("the render cache grew to %d bytes with junk queries", s.renderCache.bytes)
		}

		// A known parameter stays in the language links; an unknown one goes.
		rec := get(h, "/en/guides/work-permit?municipality=nordstadt&utm_source=x")
		links := linkTargets(t, rec.Body.String())
		var kept bool
		for _, l := range links {
			if strings.Contains(l, "utm_source") {
				t.Errorf("link %q carries an unknown parameter", l)
			}
			if strings.HasPrefix(l, "/uk/guides/work-permit?") && strings.Contains(l, "municipality=nordstadt") {
				kept = true
			}
		}
		if !kept {
			t.Errorf("the language links lost ?municipality=: %q", links)
		}
	})
}

// linkTargets parses a page and returns every href, action and hidden form
// value in it, decoded.
func linkTargets(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "action" || (a.Key == "value" && n.Data == "input") {
				v, err := url.QueryUnescape(a.Val)
				if err != nil {
					v = a.Val
				}
				out = append(out, v)
			}
		}
	}
	return out
}
