package content

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs gives headings anchor ids made of the heading's own letters, in any
// script ("ماذا-تحضر-معك", "wer-darf-arbeiten"), unique within one guide even
// across its separately rendered segments. goldmark's default keeps only ASCII,
// which leaves Arabic or Ukrainian headings with colliding ids.
type headingIDs struct {
	seen map[string]bool
	// next is, per id, the number its next duplicate tries first, so that n
	// equal headings cost n steps, not n².
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{seen: map[string]bool{}, next: map[string]int{}}
}

// Generate implements goldmark's parser.IDs.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimSuffix(b.String(), "-")
	if id == "" {
		id = "section"
	}
	unique := id
	if h.seen[unique] {
		n := max(h.next[id], 2)
		for ; h.seen[id+"-"+strconv.Itoa(n)]; n++ {
		}
		unique = id + "-" + strconv.Itoa(n)
		h.next[id] = n + 1
	}
	h.seen[unique] = true
	return []byte(unique)
}

// Put implements goldmark's parser.IDs for ids written by hand.
func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }
