package web

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"lotse/internal/i18n"
)

// scrollTables puts every table of a guide's sanitised HTML in a region of its
// own (the site.css class table-scroll) that scrolls sideways on a phone, so
// the page itself never does, and that a keyboard user can focus to scroll it.
// The regions are named "Table 1", "Table 2"… in lang, the language of the
// text. A table already in a table-scroll div gets the attributes there.
func scrollTables(body, lang string) string {
	if !strings.Contains(body, "<table") {
		return body
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		return body // cannot happen on a string reader
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	t, count := i18n.For(lang), 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Table {
				walk(c)
				continue
			}
			region := n
			if n.DataAtom != atom.Div || !hasClass(n, "table-scroll") {
				region = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div,
					Attr: []html.Attribute{{Key: "class", Val: "table-scroll"}}}
				n.InsertBefore(region, c)
				n.RemoveChild(c)
				region.AppendChild(c)
				c = region
			}
			count++
			region.Attr = slices.DeleteFunc(region.Attr, func(a html.Attribute) bool {
				return a.Key == "role" || a.Key == "tabindex" || a.Key == "aria-label" || a.Key == "aria-labelledby"
			})
			region.Attr = append(region.Attr, html.Attribute{Key: "role", Val: "region"},
				html.Attribute{Key: "tabindex", Val: "0"},
				html.Attribute{Key: "aria-label", Val: t.Get("guide.table", "N", strconv.Itoa(count))})
		}
	}
	walk(ctx)
	var b strings.Builder
	for c := ctx.FirstChild; c != nil; c = c.NextSibling {
		html.Render(&b, c)
	}
	return b.String()
}

// hasClass reports whether the element n has class c.
func hasClass(n *html.Node, c string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			return strings.Contains(" "+a.Val+" ", " "+c+" ")
		}
	}
	return false
}
