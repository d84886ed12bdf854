package content

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"lotse/internal/errs"
)

// render is Render for texts within the limits.
func render(t testing.TB, src string) []Segment {
	t.Helper()
	segs, err := Render(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	return segs
}

const sample = `## Schritte

Text vor dem Block.

::: box
Wichtig: **zwei Wochen**.
:::

::: municipality dueren
Bürgerbüro Düren, Markt 2.
:::

::: municipality juelich titz
Nordkreis.
:::

::: municipality *
Rathaus Ihrer Gemeinde.
:::

<script>alert(1)</script>

[Amt](/places/auslaenderamt) und <b onclick="x()">fett</b>.
`

func TestRenderAndSelect(t *testing.T) {
	segs := render(t, sample)
	tests := []struct {
		muni    string
		want    []string
		notWant []string
	}{
		{"dueren", []string{"Markt 2", `class="box"`, "Text vor dem Block", "/places/auslaenderamt"}, []string{"Nordkreis", "Rathaus Ihrer"}},
		{"titz", []string{"Nordkreis"}, []string{"Markt 2", "Rathaus Ihrer"}},
		{"heimbach", []string{"Rathaus Ihrer"}, []string{"Markt 2", "Nordkreis"}},
		{"", []string{"Rathaus Ihrer"}, []string{"Markt 2", "Nordkreis"}},
	}
	for _, tt := range tests {
		html, varies := Select(segs, tt.muni)
		if !varies {
			t.Errorf("%q: varies = false", tt.muni)
		}
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%q: missing %q in %s", tt.muni, w, html)
			}
		}
		for _, w := range append(tt.notWant, "<script", "onclick", "alert(1)") {
			if strings.Contains(html, w) {
				t.Errorf("%q: unexpected %q in %s", tt.muni, w, html)
			}
		}
	}
}

func TestRenderWithoutBlocks(t *testing.T) {
	html, varies := Select(render(t, "# Titel\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"), "dueren")
	if varies {
		t.Error("varies = true for a text without municipality blocks")
	}
	if !strings.Contains(html, "<table>") || !strings.Contains(html, "<h1") {
		t.Errorf("table or heading missing: %s", html)
	}
}

func TestRenderUnclosedBlock(t *testing.T) {
	html, _ := Select(render(t, "::: box\nnie geschlossen\n"), "")
	if !strings.Contains(html, "nie geschlossen") {
		t.Errorf("unclosed box lost its text: %s", html)
	}
}

// renderBudget is the time any text may take to render or be refused: the
// goal is under a second for every accepted text; the budget leaves room for
// a busy test machine.
const renderBudget = 2 * time.Second

// FuzzRender renders any text: it is refused with a message or rendered to
// safe HTML, within renderBudget. The seeds include the inputs that took
// minutes before the limits (8,000 and 20,000 equal headings, a list 3,000
// levels deep) and the pathological inputs of CommonMark implementations.
func FuzzRender(f *testing.F) {
	f.Add(sample)
	f.Add("<img src=x onerror=alert(1)>")
	f.Add("[x](javascript:alert(1))")
	f.Add("::: municipality\n<script>x</script>\n:::\n")
	for _, tt := range hostileTexts() {
		f.Add(tt.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		start := time.Now()
		segs, err := Render(context.Background(), src)
		if took := time.Since(start); took > renderBudget {
			t.Fatalf("%d bytes took %s", len(src), took)
		}
		if err != nil {
			if errs.KindOf(err) != errs.Invalid || errs.MsgKeyOf(err) == "" {
				t.Fatalf("not a message for the editor: %v", err)
			}
			return
		}
		out, _ := Select(segs, "dueren")
		if err := unsafeHTML(out); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
	})
}

// hostileText is a text built to make a Markdown renderer slow, with the
// message key Render refuses it with ("" = it renders).
type hostileText struct {
	name, src, refused string
}

// hostileTexts are the inputs of the outside probe and, each at the size
// limits, the pathological cases of CommonMark implementations.
func hostileTexts() []hostileText {
	// fill repeats s up to n bytes.
	fill := func(s string, n int) string { return strings.Repeat(s, n/len(s)) }
	// paragraphs repeats s up to a paragraph's limit, in paragraphs up to the
	// text's limit.
	paragraphs := func(s string) string {
		return fill(fill(s, MaxParagraphBytes-len(s))+"\n\n", MaxBodyBytes)
	}
	nested := func(levels int) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	var ticks strings.Builder
	for i := 1; ticks.Len() < MaxParagraphBytes-200; i++ {
		ticks.WriteString("e" + strings.Repeat("`", i))
	}
	const tooLong, tooDeep, paragraph = "staff.error.body_too_long", "staff.error.too_deep", "staff.error.paragraph_too_long"
	return []hostileText{
		{"8,000 equal headings", strings.Repeat("# a\n", 8_000), ""},
		{"16,000 equal headings", fill("# a\n", MaxBodyBytes), ""},
		{"20,000 equal headings", strings.Repeat("# a\n", 20_000), tooLong},
		{"a list 3,000 levels deep", nested(3_000), tooLong},
		{"a list 11 levels deep", nested(MaxNesting + 1), tooDeep},
		{"a list 10 levels deep", nested(MaxNesting), ""},
		{"a list 10 levels deep, many times", fill(nested(MaxNesting), MaxBodyBytes), ""},
		{"quotes 11 deep", strings.Repeat("> ", MaxNesting+1) + "a\n", tooDeep},
		{"quotes 30,000 deep", fill("> ", 60_000) + "a\n", tooDeep},
		{"quotes 10 deep with lazy lines", strings.Repeat("> ", MaxNesting) + "a\n" + fill("b\n", 50_000), paragraph},
		{"indented 41 columns", strings.Repeat(" ", maxIndent+1) + "a\n", tooDeep},
		{"a paragraph at the limit", fill("wort ", MaxParagraphBytes), ""},
		{"a paragraph over the limit", fill("wort ", MaxParagraphBytes+5), paragraph},
		{"a setext heading over the limit", fill("wort\n", MaxParagraphBytes+5) + "===\n", paragraph},
		{"a table cell over the limit", "| a |\n|---|\n| " + fill("b", MaxParagraphBytes+1) + " |\n", paragraph},
		{"a long table", "| a | b |\n|---|---|\n" + fill("| x | y |\n", 60_000), ""},
		{"nested emphasis", paragraphs("*a **a ") + "b" + paragraphs(" a** a*"), tooLong},
		{"emphasis closers", paragraphs("a_ "), ""},
		{"emphasis openers", paragraphs("_a "), ""},
		{"link closers", paragraphs("a]"), ""},
		{"link openers", paragraphs("[a"), ""},
		{"mismatched emphasis", paragraphs("*a_ "), ""},
		{"multiples of three", paragraphs("a**b c* "), ""},
		{"link openers and emphasis closers", paragraphs("[ a_"), ""},
		{"brackets and parentheses", paragraphs("[ (]("), ""},
		{"nested brackets", fill("[", 1_900) + "a" + fill("]", 1_900), ""},
		{"backticks", ticks.String(), ""},
		{"unclosed links <", paragraphs("[a](<b"), ""},
		{"unclosed links", paragraphs("[a](b"), ""},
		{"unclosed comments", paragraphs("</<!--"), ""},
		{"reference definitions", fill("[a]: u\n", 30_000) + paragraphs("[a] "), tooLong},
		{"autolinks", paragraphs("www."), ""},
		{"municipality blocks", fill("::: municipality a\nx\n:::\n", MaxBodyBytes), ""},
		{"NUL", paragraphs("\x00"), ""},
	}
}

// TestRenderLimits checks that every hostile text renders or is refused with
// the message that names the limit it passes.
func TestRenderLimits(t *testing.T) {
	for _, tt := range hostileTexts() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render(context.Background(), tt.src)
			if got := errs.MsgKeyOf(err); err != nil && got != tt.refused || err == nil && tt.refused != "" {
				t.Errorf("error %v, want %q", err, tt.refused)
			}
			if err != nil && errs.KindOf(err) != errs.Invalid {
				t.Errorf("kind %v, want Invalid", errs.KindOf(err))
			}
		})
	}
}

// TestRenderStopsWhenCancelled checks that Render gives up with the context's
// error once the context has ended.
func TestRenderStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, sample); err != context.Canceled {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// BenchmarkRender renders the demo-sized sample and the slowest hostile texts
// at the limits: go test -run '^$' -bench Render ./internal/content
func BenchmarkRender(b *testing.B) {
	texts := []hostileText{{name: "sample", src: sample}}
	for _, tt := range hostileTexts() {
		switch tt.name {
		case "16,000 equal headings", "a list 10 levels deep, many times", "mismatched emphasis", "unclosed links", "multiples of three", "a long table":
			texts = append(texts, tt)
		}
	}
	for _, tt := range texts {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.src)))
			for b.Loop() {
				Render(context.Background(), tt.src)
			}
		})
	}
}

// unsafeHTML parses rendered HTML and reports the first element or attribute that
// could run script.
func unsafeHTML(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "style":
				return fmt.Errorf("element %s", tok.Data)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					return fmt.Errorf("attribute %s=%q", a.Key, a.Val)
				}
				if a.Key == "href" || a.Key == "src" {
					u, err := url.Parse(strings.TrimSpace(a.Val))
					if err != nil {
						return fmt.Errorf("unparsable %s=%q", a.Key, a.Val)
					}
					switch strings.ToLower(u.Scheme) {
					case "", "http", "https", "mailto", "tel":
					default:
						return fmt.Errorf("scheme in %s=%q", a.Key, a.Val)
					}
				}
			}
		}
	}
}

func TestHeadingIDsUniqueInAnyScript(t *testing.T) {
	src := "## لمن هذا الدليل؟\n\n::: box\n## لمن هذا الدليل؟\n:::\n\n## Wer darf arbeiten?\n\n## Wer darf arbeiten?\n"
	html, _ := Select(render(t, src), "")
	for _, want := range []string{`id="لمن-هذا-الدليل"`, `id="لمن-هذا-الدليل-2"`, `id="wer-darf-arbeiten"`, `id="wer-darf-arbeiten-2"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in %s", want, html)
		}
	}
}

// TestHeadingIDsDuplicates checks the ids of equal headings, also where a
// counted id is taken by a heading of its own.
func TestHeadingIDsDuplicates(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"# a\n# a\n# a\n", []string{"a", "a-2", "a-3"}},
		{"# a\n# a\n# a 2\n# a\n", []string{"a", "a-2", "a-2-2", "a-3"}},
		{"# a 3\n# a\n# a\n# a\n", []string{"a-3", "a", "a-2", "a-4"}},
		{"# !\n# ?\n", []string{"section", "section-2"}},
	}
	for _, tt := range tests {
		got := headingIDsOf(t, render(t, tt.src))
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: ids %q, want %q", tt.src, got, tt.want)
		}
	}
}

// headingIDsOf returns the ids of the headings in segs, in order.
func headingIDsOf(t *testing.T, segs []Segment) []string {
	t.Helper()
	var ids []string
	for _, s := range segs {
		z := html.NewTokenizer(strings.NewReader(s.HTML))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			tok := z.Token()
			if tt != html.StartTagToken || len(tok.Data) != 2 || tok.Data[0] != 'h' {
				continue
			}
			for _, a := range tok.Attr {
				if a.Key == "id" {
					ids = append(ids, a.Val)
				}
			}
		}
	}
	return ids
}
