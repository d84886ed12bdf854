package search

import (
	"strings"
	"testing"
)

// FuzzSearch feeds arbitrary queries and languages to Search and Suggest: they
// must not panic, must keep to the limit, and every snippet must be escaped
// text with only <mark> as markup.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"Kindergeld", "İŞ ARAMA", "Fuehrerschein", "посвідка на проживання", "工作许可",
		"<script>", "\xff\xfe", "a b c d e f g h i j k l m n o", "~*?[]\\\"", "Aufenth", strings.Repeat("ü", 300)} {
		f.Add(s, "de")
		f.Add(s, "tr")
	}
	ix, err := New(testDocs)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q, lang string) {
		for _, hits := range [][]Hit{ix.Search(q, lang, 3), ix.Suggest(q, lang, 3)} {
			if len(hits) > 3 {
				t.Fatalf("%d hits, limit 3", len(hits))
			}
			for _, h := range hits {
				if strings.ContainsAny(stripMarks(h.Snippet), "<>") {
					t.Fatalf("snippet %q has raw markup", h.Snippet)
				}
			}
		}
	})
}
