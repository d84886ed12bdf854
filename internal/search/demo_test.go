package search

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"

	"lotse/demo"
	"lotse/internal/content"
)

// demoDocs returns the demo county's guides and places as documents, the way
// the portal indexes them.
func demoDocs(tb testing.TB) []Doc {
	tb.Helper()
	fsys := demo.County()
	files, err := fs.Glob(fsys, "guides/*/*.md")
	if err != nil {
		tb.Fatal(err)
	}
	var docs []Doc
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			tb.Fatal(err)
		}
		meta, body, err := content.ParseFrontMatter(string(b))
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, Doc{
			Type: "guide", Slug: path.Base(path.Dir(name)), Lang: strings.TrimSuffix(path.Base(name), ".md"),
			Title: meta["title"], Summary: meta["summary"], Body: PlainText(body),
		})
	}
	b, err := fs.ReadFile(fsys, "places.json")
	if err != nil {
		tb.Fatal(err)
	}
	var places []content.Place
	if err := json.Unmarshal(b, &places); err != nil {
		tb.Fatal(err)
	}
	for _, p := range places {
		for lang, name := range p.Name {
			docs = append(docs, Doc{Type: "place", Slug: p.Slug, Lang: lang, Title: name,
				Summary: p.HelpsWith[lang], Body: p.Address})
		}
	}
	return docs
}
