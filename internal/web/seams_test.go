package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"lotse/demo"
	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
)

// parsePage parses an HTML response body.
func parsePage(t *testing.T, body string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// selectAll returns the elements under n named tag that have every attribute
// of attrs ("name=value", or "name" for any value).
func selectAll(n *html.Node, tag string, attrs ...string) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == tag && hasAttrs(c, attrs) {
			out = append(out, c)
		}
	}
	return out
}

func hasAttrs(n *html.Node, attrs []string) bool {
	for _, a := range attrs {
		name, value, withValue := strings.Cut(a, "=")
		found := false
		for _, at := range n.Attr {
			if at.Key == name && (!withValue || at.Val == value) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// textOf is the text content of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// eachDemoServer runs fn against a server with the demo county on every engine.
func eachDemoServer(t *testing.T, fn func(t *testing.T, h http.Handler)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		store := content.NewStore(d)
		if err := store.Seed(context.Background(), demo.County()); err != nil {
			t.Fatal(err)
		}
		s, err := New(Config{DB: d, Content: store, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
			Location: time.UTC, Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		fn(t, s.Handler())
	})
}

// TestPlacesInReadersLanguage checks the demo county's places in Arabic and
// Chinese: names, branches and hours in the reader's language, no German or
// English where a translation exists, and no notice.
func TestPlacesInReadersLanguage(t *testing.T) {
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/ar/places/auslaenderamt")
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("status %d", rec.Code)
		}
		for _, seam := range []string{"Geschäftsstelle Jülich", "By appointment only", "Nur mit Termin"} {
			if strings.Contains(body, seam) {
				t.Errorf("Arabic place page shows %q", seam)
			}
		}
		doc := parsePage(t, body)
		if n := selectAll(doc, "div", "class=notice", "role=note"); len(n) != 0 {
			t.Errorf("translated place has a notice: %q", textOf(n[0]))
		}
		rec = get(h, "/zh-Hans/places/")
		doc = parsePage(t, rec.Body.String())
		lists := selectAll(doc, "ul", "class=list")
		if len(lists) != 1 {
			t.Fatalf("%d lists of places", len(lists))
		}
		n := 0
		for _, a := range selectAll(lists[0], "a") {
			n++
			if !strings.ContainsFunc(textOf(a), func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("office name %q is not in Chinese", textOf(a))
			}
		}
		if n != 21 {
			t.Errorf("%d offices listed, want 21", n)
		}
	})
}

// TestLTRRunsIsolated checks that in right-to-left pages legal references and
// addresses sit in their own left-to-right run, so they are not mirrored.
func TestLTRRunsIsolated(t *testing.T) {
	eachDemoServer(t, func(t *testing.T, h http.Handler) {
		doc := parsePage(t, get(h, "/ar/guides/residence").Body.String())
		found := false
		for _, b := range selectAll(doc, "bdi", "dir=ltr") {
			if strings.Contains(textOf(b), "§ 24") {
				found = true
			}
		}
		if !found {
			t.Error("Arabic guide: § 24 is not in a <bdi dir=ltr>")
		}
		doc = parsePage(t, get(h, "/ar/places/auslaenderamt").Body.String())
		found = false
		for _, b := range selectAll(doc, "bdi", "dir=ltr") {
			if strings.Contains(textOf(b), "Bismarckstraße 16") {
				found = true
			}
		}
		if !found {
			t.Error("Arabic place page: the address is not in a <bdi dir=ltr>")
		}
	})
}

// TestArabicDatePunctuation checks the next One-Stop-Shop on the Arabic home
// page: the CLDR date with the Arabic comma, and no Latin comma anywhere in it.
func TestArabicDatePunctuation(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, path := range []string{"/ar/", "/ar/onestop"} {
			doc := parsePage(t, get(h, path).Body.String())
			times := selectAll(doc, "time")
			if len(times) == 0 {
				t.Fatalf("%s: no <time>", path)
			}
			if got := textOf(times[0]); got != "الجمعة، 4 ديسمبر 2026" {
				t.Errorf("%s: date %q", path, got)
			}
			if dd := textOf(times[0].Parent); strings.Contains(dd, ",") {
				t.Errorf("%s: Latin comma in %q", path, dd)
			}
		}
	})
}

// TestGermanFallbackOffersEnglish checks a reader whose language is missing:
// German with the notice, and a link to the English version where one exists,
// on guides and places alike.
func TestGermanFallbackOffersEnglish(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		for path, english := range map[string]string{
			"/ar/guides/work-permit":   "/en/guides/work-permit",
			"/ar/places/auslaenderamt": "/en/places/auslaenderamt",
			"/tr/places/buergerbuero":  "/en/places/buergerbuero",
		} {
			doc := parsePage(t, get(h, path).Body.String())
			notes := selectAll(doc, "div", "class=notice", "role=note")
			if len(notes) == 0 {
				t.Errorf("%s: no notice", path)
				continue
			}
			if links := selectAll(notes[0], "a", "href="+english, "hreflang=en"); len(links) != 1 {
				t.Errorf("%s: notice %q offers no English version", path, textOf(notes[0]))
			}
		}
		doc := parsePage(t, get(h, "/ar/places/auslaenderamt").Body.String())
		if h1 := selectAll(doc, "h1", "lang=de"); len(h1) != 1 || textOf(h1[0]) != "Ausländeramt" {
			t.Error("Arabic page of an untranslated place: the German name is not shown and marked")
		}
	})
}

// TestAPIPlaceLanguages checks that the places API says, per field, which
// language it served and the status of the requested one, as guides do.
func TestAPIPlaceLanguages(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/api/v1/places/auslaenderamt?lang=ar")
		var p struct {
			Name struct {
				Text, Lang, Status string
			} `json:"name"`
			Status    string `json:"status"`
			Requested string `json:"requested_lang"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatalf("%v: %s", err, rec.Body)
		}
		if p.Name.Text != "Ausländeramt" || p.Name.Lang != "de" || p.Name.Status != content.StatusMissing ||
			p.Status != content.StatusMissing || p.Requested != "ar" {
			t.Errorf("got %+v", p)
		}
	})
}
