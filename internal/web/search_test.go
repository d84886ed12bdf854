package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/en/search?q=permit")
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, `href="/en/guides/work-permit"`) || !strings.Contains(body, "<mark>") {
			t.Fatalf("search page: %d %s", rec.Code, body)
		}
		if !strings.Contains(body, `value="permit"`) {
			t.Error("the query is not kept in the form")
		}
		// Ukrainian reader, German-only guide: found and marked German.
		rec = get(h, "/uk/search?q=Wohnung")
		if !strings.Contains(rec.Body.String(), `href="/uk/guides/housing" hreflang="de"`) {
			t.Errorf("German fallback hit not marked: %s", rec.Body)
		}
		// A town's name finds its own offices.
		rec = get(h, "/de/search?q=Nordstadt")
		if !strings.Contains(rec.Body.String(), `href="/de/places/nordstadt/buergerbuero"`) {
			t.Errorf("a search for the town does not find its Bürgerbüro: %s", rec.Body)
		}
		rec = get(h, "/api/v1/search?q=arbeiten&lang=de")
		var hits []map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &hits); err != nil || len(hits) == 0 {
			t.Fatalf("api search: %d %s", rec.Code, rec.Body)
		}
		for k := range hits[0] {
			switch k {
			case "type", "slug", "lang", "title", "snippet":
			default:
				t.Errorf("api hit has field %q beyond the contract", k)
			}
		}
		if hits[0]["slug"] != "work-permit" || hits[0]["type"] != "guide" {
			t.Errorf("best hit = %v", hits[0])
		}
		rec = get(h, "/api/v1/suggest?q=Arbeit&lang=de")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "work-permit") {
			t.Errorf("suggest: %d %s", rec.Code, rec.Body)
		}
		for _, q := range []string{"", "\xff\x00", strings.Repeat("x", 5000), "<script>alert(1)</script>", "*", "\"unbalanced", "a AND OR NOT"} {
			for _, p := range []string{"/de/search?q=", "/api/v1/search?lang=uk&q=", "/api/v1/suggest?lang=ar&q="} {
				rec := get(h, p+url.QueryEscape(q))
				if rec.Code != 200 {
					t.Errorf("%s%.20q: %d", p, q, rec.Code)
				}
				if strings.Contains(rec.Body.String(), "<script>alert") {
					t.Errorf("%s: query echoed unescaped", p)
				}
			}
		}
	})
}
