package content

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Segment is a rendered, sanitised piece of a guide. Segments with Group 0 are shown
// to everyone; the segments of one Group > 0 are alternatives for different
// municipalities, and a reader sees the one naming their municipality, else the one
// naming "*".
type Segment struct {
	Group          int      `json:"g,omitempty"`
	Municipalities []string `json:"m,omitempty"`
	HTML           string   `json:"h"`
}

var (
	md = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// No WithUnsafe: raw HTML in Markdown is dropped, never rendered.
	)
	policyOnce sync.Once
	policy     *bluemonday.Policy
)

func sanitizer() *bluemonday.Policy {
	policyOnce.Do(func() {
		policy = bluemonday.UGCPolicy()
		policy.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}\p{Mn}-]+$`)).OnElements("h1", "h2", "h3", "h4")
		policy.RequireNoFollowOnLinks(false)
	})
	return policy
}

// Render turns guide Markdown with the `::: box` and `::: municipality` block
// extensions (see demo/README.md) into sanitised segments, in time linear in
// the text. A text beyond the limits (MaxBodyBytes, MaxParagraphBytes,
// MaxNesting) gives an errs.Invalid error with a message for the editor; when
// ctx ends, Render stops between segments with ctx's error.
func Render(ctx context.Context, src string) ([]Segment, error) {
	if len(src) > MaxBodyBytes {
		return nil, errBodyTooLong
	}
	if err := checkPrefixes(src); err != nil {
		return nil, err
	}
	var (
		segs     []Segment
		buf      strings.Builder
		group    int
		groups   int
		open     string // "", "box" or "municipality"
		ids      = newHeadingIDs()
		munis    []string
		lastMuni bool // the previous block closed was a municipality block
		err      error
	)
	flush := func(kind string) {
		if err != nil {
			return
		}
		var html string
		html, err = renderMarkdown(ctx, buf.String(), ids)
		buf.Reset()
		switch {
		case err != nil:
			return
		case kind == "box":
			html = `<div class="box" role="note">` + html + `</div>`
		case kind == "municipality":
			segs = append(segs, Segment{Group: group, Municipalities: munis, HTML: html})
			return
		}
		if strings.TrimSpace(html) == "" {
			return
		}
		// Plain text and boxes join the preceding always-shown segment.
		if n := len(segs); n > 0 && segs[n-1].Group == 0 {
			segs[n-1].HTML += html
			return
		}
		segs = append(segs, Segment{HTML: html})
	}
	for line := range strings.Lines(src) {
		trimmed := strings.TrimSpace(line)
		switch {
		case open == "" && strings.HasPrefix(trimmed, ":::") && trimmed != ":::":
			fields := strings.Fields(strings.TrimPrefix(trimmed, ":::"))
			if len(fields) == 0 {
				buf.WriteString(line)
				continue
			}
			if strings.TrimSpace(buf.String()) != "" {
				lastMuni = false
			}
			flush("")
			switch fields[0] {
			case "box":
				open = "box"
				lastMuni = false
			case "municipality":
				open = "municipality"
				munis = fields[1:]
				if len(munis) == 0 {
					munis = []string{"*"}
				}
				if !lastMuni {
					groups++
				}
				group = groups
			default:
				buf.WriteString(line)
			}
		case open != "" && trimmed == ":::":
			flush(open)
			lastMuni = open == "municipality"
			open = ""
		default:
			if open == "" && trimmed != "" {
				lastMuni = false
			}
			buf.WriteString(line)
		}
	}
	flush(open)
	if err != nil {
		return nil, err
	}
	return segs, nil
}

// renderMarkdown renders one piece of a guide, after checking the limits of
// its block structure.
func renderMarkdown(ctx context.Context, src string, ids *headingIDs) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if strings.TrimSpace(src) == "" {
		return "", nil
	}
	if err := checkBlocks(src); err != nil {
		return "", err
	}
	var out bytes.Buffer
	if err := md.Convert([]byte(src), &out, parser.WithContext(parser.NewContext(parser.WithIDs(ids)))); err != nil {
		// goldmark only fails on writer errors, which a bytes.Buffer never gives.
		return "", nil
	}
	html := sanitizer().Sanitize(out.String())
	// Wide tables scroll on their own instead of widening a phone's page.
	html = strings.ReplaceAll(html, "<table>", `<div class="table-scroll"><table>`)
	return strings.ReplaceAll(html, "</table>", "</table></div>"), nil
}

// Select returns the HTML a reader in municipality sees ("" = none chosen). It
// reports whether any segment differs by municipality, so a page can offer to choose.
func Select(segs []Segment, municipality string) (html string, varies bool) {
	var b strings.Builder
	chosen := map[int]int{} // group → index of chosen segment
	for i, s := range segs {
		if s.Group == 0 {
			continue
		}
		varies = true
		prev, seen := chosen[s.Group]
		switch {
		case municipality != "" && slices.Contains(s.Municipalities, municipality):
			chosen[s.Group] = i
		case slices.Contains(s.Municipalities, "*") && (!seen || !slices.Contains(segs[prev].Municipalities, municipality)):
			chosen[s.Group] = i
		}
	}
	for i, s := range segs {
		if s.Group == 0 {
			b.WriteString(s.HTML)
			continue
		}
		if c, ok := chosen[s.Group]; ok && c == i {
			b.WriteString(`<div class="local">` + s.HTML + `</div>`)
		}
	}
	return b.String(), varies
}
