package search

import (
	"strings"
	"sync"
	"testing"

	"lotse/internal/i18n"
)

// testDocs is a small corpus with the cases the table tests need.
var testDocs = []Doc{
	{Type: "guide", Slug: "driving", Lang: "de", Title: "Führerschein umschreiben",
		Summary: "Wie Sie Ihren ausländischen Führerschein umschreiben lassen.", Body: "Die Führerscheinstelle des Kreises hilft."},
	{Type: "guide", Slug: "residence", Lang: "de", Title: "Aufenthaltstitel beantragen",
		Summary: "Den Aufenthaltstitel bekommen Sie beim Ausländeramt.", Body: "Bringen Sie Ihren Pass mit."},
	{Type: "guide", Slug: "residence", Lang: "uk", Title: "Посвідка на проживання",
		Summary: "Посвідку на проживання видає Ausländeramt.", Body: "Візьміть із собою паспорт."},
	{Type: "guide", Slug: "registration", Lang: "de", Title: "Anmeldung der Wohnung",
		Summary: "Melden Sie Ihre Wohnung im Bürgerbüro an.", Body: "Sie brauchen die Wohnungsgeberbestätigung."},
	{Type: "guide", Slug: "benefit", Lang: "de", Title: "Kindergeld",
		Summary: "Kindergeld zahlt die Familienkasse.", Body: "Schreiben Sie nie <script>alert(1)</script> & Co. in den Antrag zum Kindergeld."},
	{Type: "guide", Slug: "jobs", Lang: "tr", Title: "İŞ ARAMA",
		Summary: "İstanbul'dan gelenler için iş arama.", Body: "Ajans size yardımcı olur."},
	{Type: "guide", Slug: "jobs", Lang: "de", Title: "Arbeit suchen",
		Summary: "Die Agentur für Arbeit hilft bei der Suche.", Body: "Auch auf Englisch."},
	{Type: "place", Slug: "familienkasse", Lang: "de", Title: "Familienkasse",
		Summary: "Zahlt das Kindergeld.", Body: "Aachen"},
}

func newTestIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := New(testDocs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestSearch checks that each query, in its language, finds the document
// first, in the expected language, marked German when it is the fallback.
func TestSearch(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name, q, lang string
		slug, hitLang string
		german        bool
	}{
		{"umlaut digraph", "Fuehrerschein", "de", "driving", "de", false},
		{"umlaut dropped", "fuhrerschein", "de", "driving", "de", false},
		{"umlaut", "Führerschein", "de", "driving", "de", false},
		{"digraph in query, umlaut in text", "Buergerbuero", "de", "registration", "de", false},
		{"lower case", "aufenthaltstitel", "de", "residence", "de", false},
		{"typo one edit", "Aufenthaltstitl", "de", "residence", "de", false},
		{"typo two edits", "Aufentaltstitle", "de", "residence", "de", false},
		{"typo short word", "Kindergled", "de", "benefit", "de", false},
		{"prefix while typing", "Aufenth", "de", "residence", "de", false},
		{"prefix of compound", "Anmel", "de", "registration", "de", false},
		{"Turkish dotted capital", "İŞ ARAMA", "tr", "jobs", "tr", false},
		{"Turkish lower case", "iş arama", "tr", "jobs", "tr", false},
		{"Turkish without diacritics", "is arama", "tr", "jobs", "tr", false},
		{"Turkish capital I in a word", "İSTANBUL", "tr", "jobs", "tr", false},
		{"reader's language", "посвідка", "uk", "residence", "uk", false},
		{"reader's language, other form", "посвідку", "uk", "residence", "uk", false},
		{"German word, translation exists", "Aufenthaltstitel", "uk", "residence", "uk", false},
		{"German fallback marked", "Kindergeld", "uk", "benefit", "de", true},
		{"synonym into German", "допомога на дітей", "uk", "benefit", "de", true},
		{"synonym across languages", "residence permit", "de", "residence", "de", false},
		{"synonym GEZ-style short word", "child benefit", "en", "benefit", "de", true},
		{"Einfache Sprache falls back to German", "Kindergeld", "de-x-simple", "benefit", "de", true},
		{"unknown language reads German", "Kindergeld", "xx", "benefit", "de", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := ix.Search(tt.q, tt.lang, 5)
			if len(hits) == 0 {
				t.Fatalf("Search(%q, %q) found nothing", tt.q, tt.lang)
			}
			h := hits[0]
			if h.Slug != tt.slug || h.Lang != tt.hitLang || h.German != tt.german {
				t.Errorf("Search(%q, %q)[0] = %s/%s German=%v, want %s/%s German=%v (all: %s)",
					tt.q, tt.lang, h.Slug, h.Lang, h.German, tt.slug, tt.hitLang, tt.german, topSlugs(hits))
			}
		})
	}
}

// TestSearchDeduplicates checks one hit per document even when both the
// reader's text and the German one match.
func TestSearchDeduplicates(t *testing.T) {
	ix := newTestIndex(t)
	hits := ix.Search("Ausländeramt", "uk", 10)
	seen := map[string]bool{}
	for _, h := range hits {
		k := h.Type + "/" + h.Slug
		if seen[k] {
			t.Errorf("%s twice in %s", k, topSlugs(hits))
		}
		seen[k] = true
	}
	if len(hits) == 0 || hits[0].Slug != "residence" || hits[0].Lang != "uk" {
		t.Errorf("Search(Ausländeramt, uk) = %s, want residence in uk first", topSlugs(hits))
	}
}

// TestSnippet checks that snippets highlight with <mark> and escape all else.
func TestSnippet(t *testing.T) {
	ix := newTestIndex(t)
	for _, q := range []string{"script", "Antrag Kindergeld", "alert"} {
		for _, h := range ix.Search(q, "de", 5) {
			if h.Slug != "benefit" {
				continue
			}
			if rest := stripMarks(h.Snippet); strings.ContainsAny(rest, "<>") {
				t.Errorf("Search(%q) snippet %q has raw markup besides <mark>", q, h.Snippet)
			}
			if !strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("Search(%q) snippet %q highlights nothing", q, h.Snippet)
			}
		}
	}
	hits := ix.Search("Antrag", "de", 1)
	want := "… Schreiben Sie nie &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co. in den <mark>Antrag</mark> zum Kindergeld."
	if len(hits) == 0 || strings.TrimPrefix(hits[0].Snippet, "… ") != strings.TrimPrefix(want, "… ") {
		t.Errorf("Search(Antrag) = %+v, want snippet %q", hits, want)
	}
}

func stripMarks(s string) string {
	return strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		text  string
		spans []span
		want  string
	}{
		{"a <b> c", []span{{0, 1}}, "<mark>a</mark> &lt;b&gt; c"},
		{"Über & mehr", []span{{0, 5}, {8, 12}}, "<mark>Über</mark> &amp; <mark>mehr</mark>"},
		{"ab", []span{{1, 9}}, "ab"},                        // outside the text
		{"äb", []span{{1, 2}}, "äb"},                        // inside a character
		{"abc", []span{{0, 2}, {1, 3}}, "<mark>ab</mark>c"}, // overlapping
		{"", nil, ""},
	}
	for _, tt := range tests {
		if got := highlight(tt.text, tt.spans); got != tt.want {
			t.Errorf("highlight(%q, %v) = %q, want %q", tt.text, tt.spans, got, tt.want)
		}
	}
}

// TestSuggest checks prefix suggestions on titles.
func TestSuggest(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct{ prefix, lang, slug, snippet string }{
		{"Aufenth", "de", "residence", "<mark>Aufenthaltstitel</mark> beantragen"},
		{"Führers", "de", "driving", "<mark>Führerschein</mark> umschreiben"},
		{"посвід", "uk", "residence", "<mark>Посвідка</mark> на <mark>проживання</mark>"}, // the synonym too
		{"kinderg", "uk", "benefit", "<mark>Kindergeld</mark>"},
	}
	for _, tt := range tests {
		hits := ix.Suggest(tt.prefix, tt.lang, 3)
		if len(hits) == 0 || hits[0].Slug != tt.slug || hits[0].Snippet != tt.snippet {
			t.Errorf("Suggest(%q, %q) = %+v, want %s with %q", tt.prefix, tt.lang, hits, tt.slug, tt.snippet)
		}
	}
}

// TestNothing checks the inputs that find nothing.
func TestNothing(t *testing.T) {
	ix := newTestIndex(t)
	for _, tt := range []struct {
		q     string
		limit int
	}{{"", 5}, {"   ", 5}, {"!!! ???", 5}, {"Kindergeld", 0}, {"Kindergeld", -1}, {"zzzzqqq", 5}} {
		if hits := ix.Search(tt.q, "de", tt.limit); len(hits) != 0 {
			t.Errorf("Search(%q, limit %d) = %s, want nothing", tt.q, tt.limit, topSlugs(hits))
		}
	}
	if hits := ix.Search("Kindergeld", "de", 1); len(hits) != 1 {
		t.Errorf("Search with limit 1 gave %d hits", len(hits))
	}
}

func TestNewRejects(t *testing.T) {
	tests := map[string][]Doc{
		"unknown language": {{Type: "guide", Slug: "a", Lang: "xx", Title: "A"}},
		"no slug":          {{Type: "guide", Lang: "de", Title: "A"}},
		"no type":          {{Slug: "a", Lang: "de", Title: "A"}},
		"duplicate":        {{Type: "guide", Slug: "a", Lang: "de"}, {Type: "guide", Slug: "a", Lang: "de"}},
	}
	for name, docs := range tests {
		if _, err := New(docs); err == nil {
			t.Errorf("%s: New succeeded, want an error", name)
		}
	}
}

// TestReplace checks that Replace swaps the content, keeps the old index on
// error, and that searches running during a rebuild always see a whole index.
func TestReplace(t *testing.T) {
	ix := newTestIndex(t)
	next := []Doc{{Type: "guide", Slug: "new", Lang: "de", Title: "Kindergeld neu", Summary: "Neu."}}
	if err := ix.Replace(next); err != nil {
		t.Fatal(err)
	}
	if hits := ix.Search("Kindergeld", "de", 5); len(hits) != 1 || hits[0].Slug != "new" {
		t.Fatalf("after Replace: %s, want only new", topSlugs(hits))
	}
	if err := ix.Replace([]Doc{{Type: "guide", Slug: "x", Lang: "xx"}}); err == nil {
		t.Fatal("Replace with a bad document succeeded")
	}
	if hits := ix.Search("Kindergeld", "de", 5); len(hits) != 1 {
		t.Fatalf("a failed Replace changed the index: %s", topSlugs(hits))
	}

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if hits := ix.Search("Kindergeld", "de", 5); len(hits) == 0 {
					t.Error("a search during Replace found nothing")
					return
				}
			}
		})
	}
	for i := range 10 {
		docs := testDocs
		if i%2 == 0 {
			docs = next
		}
		if err := ix.Replace(docs); err != nil {
			t.Error(err)
		}
	}
	close(stop)
	wg.Wait()
	ix.Close()
	if hits := ix.Search("Kindergeld", "de", 5); hits != nil {
		t.Errorf("search after Close = %s", topSlugs(hits))
	}
}

// TestLanguages checks that every portal language has analyzers and that the
// synonym groups name only known languages.
func TestLanguages(t *testing.T) {
	for _, l := range i18n.All() {
		if _, ok := analyzers[l.Code]; !ok {
			t.Errorf("no analyzer for %s", l.Code)
		}
	}
	if len(Languages()) != len(i18n.All()) {
		t.Errorf("Languages() = %v, want the %d portal languages", Languages(), len(i18n.All()))
	}
	if _, err := parseSynonyms([]byte(`[{"name":"x","terms":{"xx":["a"]}}]`)); err == nil {
		t.Error("parseSynonyms accepted an unknown language")
	}
	if _, err := parseSynonyms([]byte(`[{"name":"x","terms":{"de":["--"]}}]`)); err == nil {
		t.Error("parseSynonyms accepted an empty term")
	}
}

func TestWordMatches(t *testing.T) {
	tests := []struct {
		q, t string
		want bool
	}{
		{"kindergeld", "kindergeld", true},
		{"kindergled", "kindergeld", true}, // typo
		{"пособия", "пособие", true},       // ending
		{"kinder", "kindergeld", false},    // a different word
		{"gez", "gez", true},
		{"gel", "gez", false},   // short words must be equal
		{"工作许可证", "工作许可", true}, // Chinese: contained
		{"aufenthaltstitel", "aufenthaltserlaubnis", false},
	}
	for _, tt := range tests {
		if got := wordMatches(tt.q, tt.t); got != tt.want {
			t.Errorf("wordMatches(%q, %q) = %v, want %v", tt.q, tt.t, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	in := "## Schritt 1\n\n- Das [Bürgerbüro](/places/buergerbuero) **hilft**.\n\n::: municipality dueren\nIn Düren &amp; Jülich.\n:::\n\n| a | b |\n|---|---|\n| x | y |\n<p>Text &lt;script&gt;</p>"
	want := "Schritt 1 Das Bürgerbüro hilft. In Düren & Jülich. a b x y Text <script>"
	if got := PlainText(in); got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}
