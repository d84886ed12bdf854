package web

import (
	"testing"

	"github.com/jba/templatecheck"

	"lotse/internal/content"
)

// TestTemplatesTypeCheck checks every page template against the Go type it is
// executed with, so a misspelt field fails here rather than in front of a reader.
func TestTemplatesTypeCheck(t *testing.T) {
	p, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]any{
		"home":           page[homePage]{},
		"guides":         page[[]content.Summary]{},
		"guide":          page[guidePage]{},
		"places":         page[[]placeItem]{},
		"place":          page[placePage]{},
		"imprint":        page[struct{}]{},
		"privacy":        page[struct{}]{},
		"error":          page[errorPage]{},
		"lotse":          page[lotsePage]{},
		"plan":           page[planPage]{},
		"onestop":        page[onestopPage]{},
		"rules":          page[rulesPage]{},
		"search":         page[searchPage]{},
		"book":           page[bookStartPage]{},
		"book_dates":     page[bookDatesPage]{},
		"book_contact":   page[bookContactPage]{},
		"booking":        page[bookingPage]{},
		"booking_cancel": page[bookingPage]{},
		"manage":         page[managePage]{},
	}
	for _, name := range pageNames {
		typ, ok := types[name]
		if !ok {
			t.Errorf("page %s has no type to check against", name)
			continue
		}
		if err := templatecheck.CheckHTML(p.byName[name], typ); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
