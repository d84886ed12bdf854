package app

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserGuideTable loads a guide with a table on a 412 px phone: the page
// never scrolls sideways, and the table sits in a named region that a keyboard
// user can focus and scroll.
func TestBrowserGuideTable(t *testing.T) {
	ctx := browser(t)
	url, _ := start(t, Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Demo: true})
	type region struct {
		Page, Width       float64
		Tables, Regions   int
		Name, Role, Focus string
	}
	for _, lang := range []string{"de", "uk", "ar", "zh-Hans"} {
		run(t, ctx, chromedp.EmulateViewport(412, 915), chromedp.Navigate(url+"/"+lang+"/guides/work-permit"), chromedp.WaitVisible("article table"))
		got := value(t, ctx, chromedp.Evaluate[region](`(() => {
			const r = document.querySelector('article table').parentElement;
			r.focus();
			const by = r.getAttribute('aria-labelledby');
			return {Page: document.documentElement.scrollWidth, Width: window.innerWidth,
				Tables: document.querySelectorAll('article table').length,
				Regions: document.querySelectorAll('article [role=region][tabindex="0"] > table').length,
				Name: by ? document.getElementById(by).textContent : (r.getAttribute('aria-label') || ''),
				Role: r.getAttribute('role') || '', Focus: document.activeElement === r ? 'yes' : 'no'};
		})()`))
		if got.Page > got.Width {
			t.Errorf("%s: the page scrolls sideways (%.0f > %.0f)", lang, got.Page, got.Width)
		}
		if got.Tables == 0 || got.Regions != got.Tables || got.Role != "region" || got.Name == "" || got.Focus != "yes" {
			t.Errorf("%s: %d tables, %d in focusable regions; role %q, name %q, focused %s", lang, got.Tables, got.Regions, got.Role, got.Name, got.Focus)
		}
	}
}
