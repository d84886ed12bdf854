package search

import "testing"

// BenchmarkBuild measures building the index from the demo county's guides
// and places.
func BenchmarkBuild(b *testing.B) {
	docs := demoDocs(b)
	b.ResetTimer()
	for b.Loop() {
		ix, err := New(docs)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkSearch measures one search over the demo content, a mix of
// languages, typos and synonyms.
func BenchmarkSearch(b *testing.B) {
	ix, err := New(demoDocs(b))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	queries := []struct{ q, lang string }{
		{"aufenthaltstitel verlängern", "de"}, {"допомога на дітей", "uk"}, {"calisma izni", "tr"},
		{"helth insurence", "en"}, {"تصريح اقامة", "ar"}, {"Kindergeld", "ru"},
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		ix.Search(q.q, q.lang, 10)
		i++
	}
}

// BenchmarkSuggest measures one suggestion lookup while typing.
func BenchmarkSuggest(b *testing.B) {
	ix, err := New(demoDocs(b))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for b.Loop() {
		ix.Suggest("Aufenth", "uk", 5)
	}
}
