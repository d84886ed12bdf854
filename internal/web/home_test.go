package web

import (
	"net/http"
	"testing"

	"golang.org/x/net/html"
)

// TestHomeMunicipalityPicker: the home page says "choose yours below", so its
// towns section holds the municipality picker, right after that sentence, and
// the footer does not repeat it; other pages keep it in the footer. Every id
// of a page is unique.
func TestHomeMunicipalityPicker(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, tt := range []struct {
			path   string
			inMain bool
		}{{"/de/", true}, {"/ar/", true}, {"/de/guides/work-permit", false}, {"/en/places/", false}} {
			doc := parsePage(t, get(h, tt.path).Body.String())
			selects := selectAll(doc, "select", "id=municipality")
			if len(selects) != 1 {
				t.Fatalf("%s: %d municipality pickers, want 1", tt.path, len(selects))
			}
			section, footer := ancestor(selects[0], "section"), ancestor(selects[0], "footer")
			if tt.inMain {
				if section == nil || !hasAttrs(section, []string{"aria-labelledby=towns"}) || footer != nil {
					t.Errorf("%s: the picker is not in the towns section", tt.path)
				} else if prev := previousElement(ancestor(selects[0], "form")); prev == nil || prev.Data != "p" {
					t.Errorf("%s: the picker does not follow the sentence that points to it", tt.path)
				}
			} else if footer == nil {
				t.Errorf("%s: the picker is not in the footer", tt.path)
			}
			seen := map[string]bool{}
			for n := range doc.Descendants() {
				for _, a := range n.Attr {
					if a.Key == "id" {
						if seen[a.Val] {
							t.Errorf("%s: id %q twice", tt.path, a.Val)
						}
						seen[a.Val] = true
					}
				}
			}
		}
	})
}

// ancestor returns the nearest element above n named tag, or nil.
func ancestor(n *html.Node, tag string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return p
		}
	}
	return nil
}

// previousElement returns the element before n among its siblings, or nil.
func previousElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return p
		}
	}
	return nil
}
