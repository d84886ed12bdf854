package content

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lotse/internal/errs"
)

// Limits of a guide text. Goldmark's block parser costs time quadratic in the
// nesting of lists and block quotes, and its inline parser time quadratic in the
// length of one paragraph for some inputs (unclosed links, mismatched emphasis);
// within these limits any text renders in well under a second. The largest demo
// guide has 8 kB, its longest paragraph 1 kB and its deepest list two levels.
const (
	// MaxBodyBytes is the size of a whole guide text in bytes (a letter of the
	// Latin alphabet takes one, Arabic or Cyrillic letters two).
	MaxBodyBytes = 64_000
	// MaxParagraphBytes is the size of one paragraph, heading or table cell.
	MaxParagraphBytes = 4_000
	// MaxNesting is how deep lists and block quotes may stand inside each other.
	MaxNesting = 10
	// maxIndent is the widest run of spaces, in columns, before a line's text
	// or between its list and quote markers, checked before parsing.
	maxIndent = 4 * MaxNesting
)

// Message keys of a text beyond the limits, with the field they concern.
var (
	errBodyTooLong      = &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.body_too_long", Field: "body"}
	errParagraphTooLong = &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.paragraph_too_long", Field: "body"}
	errTooDeep          = &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.too_deep", Field: "body"}
)

// blockParser parses only the block structure of Markdown as md does (lists,
// quotes, paragraphs, headings, tables), with no inline parsers, in time linear
// in the text once checkPrefixes has passed: checkBlocks measures with it what
// the real parser's inline pass would see.
var blockParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
)

// checkPrefixes bounds, line by line and before any parsing, the markers that
// open containers: at most MaxNesting quote and list markers and maxIndent
// columns of indentation before a line's text. This bounds how many
// containers can be open at once, and so the block parser's work per line.
func checkPrefixes(src string) error {
	for line := range strings.Lines(src) {
		markers, cols := 0, 0
		for i := 0; i < len(line); {
			switch c := line[i]; {
			case c == ' ':
				cols++
				i++
			case c == '\t':
				cols += 4 - cols%4
				i++
			case c == '>':
				markers++
				i++
			default:
				n := listMarker(line[i:])
				if n == 0 {
					i = len(line)
					continue
				}
				markers++
				i += n
			}
			if markers > MaxNesting || cols > maxIndent {
				return errTooDeep
			}
		}
	}
	return nil
}

// listMarker returns the length of the list marker ("-", "*", "+", "1." or
// "1)") that s starts with, if a space, a tab or the line's end follows; else 0.
func listMarker(s string) int {
	n := 0
	switch {
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n == len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r' {
		return 0
	}
	return n
}

// checkBlocks parses the block structure of src and checks the nesting of
// lists and quotes and the size of every block whose text the inline parser
// reads (paragraphs, headings, table cells).
func checkBlocks(src string) error {
	b := []byte(src)
	doc := blockParser.Parse(text.NewReader(b))
	var err error
	depth := 0 // lists and block quotes around n
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if k := n.Kind(); k == ast.KindList || k == ast.KindBlockquote {
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			if depth++; depth > MaxNesting {
				err = errTooDeep
				return ast.WalkStop, nil
			}
		}
		if !entering || n.Type() != ast.TypeBlock || n.IsRaw() {
			return ast.WalkContinue, nil
		}
		size := 0
		for i, lines := 0, n.Lines(); i < lines.Len(); i++ {
			seg := lines.At(i)
			size += seg.Len()
		}
		if size > MaxParagraphBytes {
			err = errParagraphTooLong
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return err
}
