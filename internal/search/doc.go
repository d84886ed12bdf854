// Package search is the portal's full-text search over guides, places and
// (later) events in every content language, held in memory with bleve.
//
// # Index
//
// Each document is one text in one language. It is indexed under a
// sub-document named by its language ("uk.title", "uk.body"), each field twice:
// with the language's stemming analyzer (bleve's for de, en, tr, ro, ar, pl, fa,
// ru; a light suffix stripper of this package for uk and bg, which bleve lacks;
// character bigrams for zh-Hans; German for de-x-simple), and folded in the
// f-prefixed twin ("uk.ftitle"): lowercased the Turkish way, umlauts spelled
// out (ä → ae, ß → ss), other Latin diacritics dropped, Arabic and Persian
// letter variants unified, no stemming. German needs no digraph field of its
// own: bleve's German normalizer maps both "Führerschein" and "Fuehrerschein"
// to "fuhrerschein". Turkish is lowercased with unicode.TurkishCase in a token
// filter ahead of the rest of the analysis, at index and query time, because
// bleve's lowercase filter turns İ into i plus a combining dot; doing it per
// token keeps byte offsets right for highlighting.
//
// Replace builds a complete new index and swaps it in atomically; searches in
// flight finish on the old one, which is closed once they are done.
//
// # Queries
//
// A query runs in the reader's language and in German. Each typed word becomes
// a clause of its stemmed form, its folded form, typos of the folded form
// (fuzzy, one edit from four letters, two from eight) and, for the last word,
// the prefix of what the reader is still typing; several words also search as
// a phrase. Words are combined with OR, so a document matching more of them
// ranks higher. Titles weigh more than summaries, summaries more than bodies.
//
// synonyms.json holds groups of domain terms across languages (Aufenthaltstitel
// ~ residence permit ~ посвідка ~ إقامة …). When a query contains a term of a
// group — matched on folded words, tolerating endings and typos, longer terms
// winning over shorter ones — the group's terms in the reader's language and
// in German are added as phrases. This is how a Russian "пособие на ребенка"
// finds the German Kindergeld guide when there is no Russian one.
//
// # Results
//
// Hits are merged per document (type and slug): the reader's text when it
// matched or exists, otherwise the German text with Hit.German set. Snippets
// are built here from bleve's term locations, not by bleve's highlighter: the
// text is HTML-escaped and only the matched terms are wrapped in <mark>.
//
// The evaluation in testdata/eval.json (queries as newcomers type them, with
// the guide each should find) runs against the demo county in TestEval, which
// reports recall@3 and MRR and fails below a recall@3 of 0.9.
package search
