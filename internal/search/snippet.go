package search

import (
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// snippetBytes is about how much body text a snippet shows around the matches.
const snippetBytes = 200

// span is a matched term in a text, as byte offsets.
type span struct{ start, end int }

// spans collects the term locations of one text from its fields, sorted and
// without overlaps.
func spans(fields ...search.TermLocationMap) []span {
	var out []span
	for _, f := range fields {
		for _, locs := range f {
			for _, l := range locs {
				out = append(out, span{int(l.Start), int(l.End)})
			}
		}
	}
	slices.SortFunc(out, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.start < merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// snippet is the HTML shown under a hit: the summary when it holds as many
// different matched words as the best stretch of the body, else that stretch;
// the summary alone when nothing matched in either (a title or synonym match).
func snippet(summary string, inSummary []span, body string, inBody []span) string {
	from, to, n := bestWindow(body, inBody)
	if len(inBody) == 0 || distinct(summary, inSummary, 0, len(summary)) >= n {
		return highlight(summary, inSummary)
	}
	var sb strings.Builder
	if from > 0 {
		sb.WriteString("… ")
	}
	var local []span
	for _, s := range inBody {
		if s.start >= from && s.end <= to {
			local = append(local, span{s.start - from, s.end - from})
		}
	}
	sb.WriteString(highlight(body[from:to], local))
	if to < len(body) {
		sb.WriteString(" …")
	}
	return sb.String()
}

// bestWindow finds the stretch of about snippetBytes of text, cut at spaces,
// that holds the most different matched words.
func bestWindow(text string, ss []span) (from, to, n int) {
	if len(ss) == 0 {
		return 0, 0, 0
	}
	bestFrom := 0
	for _, s := range ss {
		a := max(0, s.start-snippetBytes/4)
		if c := distinct(text, ss, a, a+snippetBytes); c > n {
			n, bestFrom = c, a
		}
	}
	from = wordStart(text, bestFrom)
	to = wordEnd(text, min(len(text), from+snippetBytes))
	return from, to, n
}

// distinct counts the different matched words lying within text[from:to].
func distinct(text string, ss []span, from, to int) int {
	seen := map[string]bool{}
	for _, s := range ss {
		if s.start >= from && s.end <= to && s.end <= len(text) {
			seen[strings.ToLower(text[s.start:s.end])] = true
		}
	}
	return len(seen)
}

// wordStart moves i back to the start of the word it is in.
func wordStart(text string, i int) int {
	if i <= 0 {
		return 0
	}
	if j := strings.LastIndexAny(text[:i], " \n\t"); j >= 0 {
		return j + 1
	}
	return 0
}

// wordEnd moves i forward to the end of the word it is in.
func wordEnd(text string, i int) int {
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	if j := strings.IndexAny(text[i:], " \n\t"); j >= 0 {
		return i + j
	}
	return len(text)
}

// highlight escapes text and wraps the spans in <mark>. Spans outside the text
// or not on character boundaries are skipped.
func highlight(text string, ss []span) string {
	var sb strings.Builder
	at := 0
	for _, s := range ss {
		if s.start < at || s.end > len(text) || s.start >= s.end ||
			!utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			continue
		}
		sb.WriteString(html.EscapeString(text[at:s.start]))
		sb.WriteString("<mark>")
		sb.WriteString(html.EscapeString(text[s.start:s.end]))
		sb.WriteString("</mark>")
		at = s.end
	}
	sb.WriteString(html.EscapeString(text[at:]))
	return sb.String()
}
