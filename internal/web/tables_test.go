package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// regions parses a guide body and returns, for each table, the attributes of
// the element around it as role/tabindex/class/aria-label.
func regions(t *testing.T, body string) []string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.DataAtom == atom.Table {
			out = append(out, fmt.Sprintf("%s/%s/%s/%s", attr(n.Parent, "role"), attr(n.Parent, "tabindex"), attr(n.Parent, "class"), attr(n.Parent, "aria-label")))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestScrollTables(t *testing.T) {
	const table = "<table><thead><tr><th>Lage</th></tr></thead><tbody><tr><td>EU</td></tr></tbody></table>"
	body := "<h2>Überblick</h2><div class=\"table-scroll\">" + table + "</div><p>Text &amp; mehr</p>" + table
	got := regions(t, scrollTables(body, "uk"))
	want := []string{"region/0/table-scroll/Таблиця 1", "region/0/table-scroll/Таблиця 2"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("regions %q, want %q", got, want)
	}
	if plain := "<p>Kein Tisch</p>"; scrollTables(plain, "de") != plain {
		t.Errorf("a body without tables changed")
	}
}

// TestGuideTableRegion: the guide page puts its table in a focusable, named
// region in the language of the text shown (German where German stands in).
func TestGuideTableRegion(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		for path, want := range map[string]string{"/de/guides/housing": "Tabelle 1", "/en/guides/housing": "Tabelle 1"} {
			rec := get(h, path)
			got := regions(t, rec.Body.String())
			if len(got) != 1 || got[0] != "region/0/table-scroll/"+want {
				t.Errorf("%s: tables in %q, want one region %q", path, got, want)
			}
		}
	})
}
