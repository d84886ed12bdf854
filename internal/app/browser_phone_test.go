package app

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPhoneHeader loads the home page in every language on phones from
// 360 to 412 px and on a desktop: on a phone the header stays compact, and
// everywhere the search box shows its whole placeholder.
func TestBrowserPhoneHeader(t *testing.T) {
	ctx := browser(t)
	url, _ := start(t, Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Demo: true})
	type measure struct {
		Header, Text, Box, Page, Width float64
	}
	for _, width := range []int64{360, 375, 412, 1024} {
		for _, lang := range []string{"ar", "bg", "de", "de-x-simple", "en", "fa", "pl", "ro", "ru", "tr", "uk", "zh-Hans"} {
			run(t, ctx, chromedp.EmulateViewport(width, 700), chromedp.Navigate(url+"/"+lang+"/"), chromedp.WaitVisible("#site-q"))
			// The placeholder fits when its text, in the input's font, is no
			// wider than the input's content box.
			m := value(t, ctx, chromedp.Evaluate[measure](`(() => {
				const q = document.getElementById('site-q'), cs = getComputedStyle(q);
				const c = document.createElement('canvas').getContext('2d');
				c.font = cs.font;
				return {Header: document.querySelector('header.site').getBoundingClientRect().height,
					Text: Math.ceil(c.measureText(q.placeholder).width),
					Box: q.clientWidth - parseFloat(cs.paddingInlineStart) - parseFloat(cs.paddingInlineEnd),
					Page: document.documentElement.scrollWidth, Width: window.innerWidth};
			})()`))
			if width < 480 && m.Header > 100 {
				t.Errorf("%s at %d px: header %.0f px tall, want at most 100", lang, width, m.Header)
			}
			if m.Text > m.Box {
				t.Errorf("%s at %d px: the search placeholder is cut (%.0f px of text in a %.0f px box)", lang, width, m.Text, m.Box)
			}
			if m.Page > m.Width {
				t.Errorf("%s at %d px: the page scrolls sideways (%.0f > %.0f)", lang, width, m.Page, m.Width)
			}
		}
	}
}
