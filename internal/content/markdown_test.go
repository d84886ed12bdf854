package content

import (
	"fmt"
	"net/url"

	"golang.org/x/net/html"
	"strings"
	"testing"
)

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
	segs := Render(sample)
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
	html, varies := Select(Render("# Titel\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"), "dueren")
	if varies {
		t.Error("varies = true for a text without municipality blocks")
	}
	if !strings.Contains(html, "<table>") || !strings.Contains(html, "<h1") {
		t.Errorf("table or heading missing: %s", html)
	}
}

func TestRenderUnclosedBlock(t *testing.T) {
	html, _ := Select(Render("::: box\nnie geschlossen\n"), "")
	if !strings.Contains(html, "nie geschlossen") {
		t.Errorf("unclosed box lost its text: %s", html)
	}
}

func FuzzRender(f *testing.F) {
	f.Add(sample)
	f.Add("<img src=x onerror=alert(1)>")
	f.Add("[x](javascript:alert(1))")
	f.Add("::: municipality\n<script>x</script>\n:::\n")
	f.Fuzz(func(t *testing.T, src string) {
		out, _ := Select(Render(src), "dueren")
		if err := unsafeHTML(out); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
	})
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
	html, _ := Select(Render(src), "")
	for _, want := range []string{`id="لمن-هذا-الدليل"`, `id="لمن-هذا-الدليل-2"`, `id="wer-darf-arbeiten"`, `id="wer-darf-arbeiten-2"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in %s", want, html)
		}
	}
}
