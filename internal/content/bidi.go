package content

import (
	"html"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
)

// ltrRun matches a run that must read left to right inside right-to-left
// text: legal references ("§§ 62, 63 EStG"), addresses, phone numbers, e-mail
// addresses and times written in Latin letters and digits. It starts at a
// Latin letter or digit (or §, +, an opening parenthesis before one), ends at
// a Latin letter, digit or closing parenthesis, and holds no right-to-left
// letter. Without isolation the bidi algorithm reorders its neutral
// characters, and "(§§ 62, 63 EStG)" shows as "(EStG 63 ,62 §§)".
var ltrRun = regexp.MustCompile(`(?:[§+(][ \x{00A0}]*)*[\p{Latin}0-9](?:[^\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}\n]*[\p{Latin}0-9)])?`)

// hyphenated matches a hyphenated Latin name ("One-Stop-Shop", "Rur-Eifel").
// Inside right-to-left text a line break after one of its hyphens leaves
// "One-" at the end of a line, read as "-One"; its hyphens become
// non-breaking (U+2011). Addresses and numbers keep theirs, to be copied.
var hyphenated = regexp.MustCompile(`^\p{Latin}+(?:-\p{Latin}+)+$`)

// IsolateLTR wraps the left-to-right runs in the text of right-to-left HTML in
// <bdi dir="ltr">, so each keeps its own order. Markup is kept as it is, and
// text inside code, pre and existing bdi is left alone.
func IsolateLTR(src string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(src))
	skip := 0 // depth inside elements whose text stays as written
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if skip == 0 {
				b.WriteString(isolateText(html.UnescapeString(string(z.Raw()))))
				continue
			}
		case xhtml.StartTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "code", "pre", "bdi", "script", "style":
				if tt == xhtml.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
		}
		b.Write(z.Raw())
	}
}

// isolateText escapes plain text for HTML with its left-to-right runs isolated.
func isolateText(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range ltrRun.FindAllStringIndex(s, -1) {
		start, end := balance(s, m[0], m[1])
		if start >= end {
			continue
		}
		run := s[start:end]
		if hyphenated.MatchString(run) {
			run = strings.ReplaceAll(run, "-", "\u2011")
		}
		b.WriteString(html.EscapeString(s[last:start]))
		b.WriteString(`<bdi dir="ltr">`)
		b.WriteString(html.EscapeString(run))
		b.WriteString(`</bdi>`)
		last = end
	}
	b.WriteString(html.EscapeString(s[last:]))
	return b.String()
}

// balance narrows the run s[start:end] so that it holds no parenthesis
// without its partner: "(§ 24)" stays whole, "§ 24)" loses the ")".
func balance(s string, start, end int) (int, int) {
	for {
		run := s[start:end]
		open, closing := strings.Count(run, "("), strings.Count(run, ")")
		switch {
		case closing > open && strings.HasSuffix(run, ")"):
			end--
		case open > closing && strings.HasPrefix(run, "("):
			start++
		default:
			return start, end
		}
	}
}
