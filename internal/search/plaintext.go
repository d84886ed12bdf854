package search

import (
	"html"
	"regexp"
	"strings"
)

var (
	reTag       = regexp.MustCompile(`<[^>]*>`)
	reLink      = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	reDirective = regexp.MustCompile(`(?m)^\s*:::.*$`)
	reTableRule = regexp.MustCompile(`(?m)^\s*\|?[\s:|-]*-[\s:|-]*$`)
	reHeading   = regexp.MustCompile(`(?m)^\s{0,3}#{1,6}\s+`)
	reBullet    = regexp.MustCompile(`(?m)^\s*([-*+]|\d+\.)\s+`)
	reEmphasis  = regexp.MustCompile("\\*\\*|__|`")
	reSpace     = regexp.MustCompile(`\s+`)
)

// PlainText turns a guide's Markdown (with lotse's ::: blocks) or rendered HTML
// into the plain text the index wants: tags, link targets and markup dropped,
// entities decoded, whitespace collapsed. What remains is text: "&lt;script&gt;"
// comes out as "<script>", which snippets escape again.
func PlainText(s string) string {
	s = reTag.ReplaceAllString(s, " ")
	s = reLink.ReplaceAllString(s, "$1")
	s = reDirective.ReplaceAllString(s, " ")
	s = reTableRule.ReplaceAllString(s, " ")
	s = reHeading.ReplaceAllString(s, "")
	s = reBullet.ReplaceAllString(s, "")
	s = reEmphasis.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "|", " ")
	s = html.UnescapeString(s)
	return strings.TrimSpace(reSpace.ReplaceAllString(s, " "))
}
