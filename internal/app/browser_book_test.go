package app

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// tabTo presses Tab until the focused element matches the CSS selector
// sel, as a keyboard user moves through a page; at most 120 presses.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	for range 120 {
		run(t, ctx, chromedp.KeyEvent("\t"))
		if value(t, ctx, chromedp.Evaluate[bool](`!!document.activeElement && document.activeElement.matches(`+"`"+sel+"`"+`)`)) {
			return
		}
	}
	t.Fatalf("Tab never reaches %s", sel)
}

// TestBrowserBookKeyboard books a visit in Ukrainian with the keyboard
// alone (Tab, Enter, Space) in a real browser: static/pow.js solves the
// proof-of-work in the page, the contact page counts the hold down, and
// the booking page shows the code.
func TestBrowserBookKeyboard(t *testing.T) {
	ctx := browser(t)
	url, _ := start(t, Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Demo: true, PowDifficulty: 5000})

	run(t, ctx, chromedp.Navigate(url+"/uk/onestop/book?concern=work-permit"), chromedp.WaitVisible("main h1"))
	tabTo(t, ctx, "form.book button[type=submit]")
	run(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible("#itineraries"))

	// Step 2: the first itinerary's button, by keyboard; pow.js does its
	// work (or has done it) and sends the form with the button chosen.
	tabTo(t, ctx, "button[name=itinerary]")
	run(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible("#f-name"))
	if loc := value(t, ctx, chromedp.Location()); !strings.Contains(loc, "/uk/onestop/book/contact?") {
		t.Fatalf("after choosing: %s", loc)
	}
	run(t, ctx, chromedp.Sleep(1500*time.Millisecond))
	countdown := value(t, ctx, chromedp.Text("time[data-countdown]"))
	if !regexp.MustCompile(`\d+:\d\d`).MatchString(countdown) {
		t.Errorf("countdown %q, want minutes and seconds left", countdown)
	}

	tabTo(t, ctx, "#f-name")
	run(t, ctx, chromedp.KeyEvent("О. К."))
	tabTo(t, ctx, "#f-consent")
	run(t, ctx, chromedp.KeyEvent(" "))
	tabTo(t, ctx, "form.book button[type=submit]")
	run(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible("p.code"))

	code := value(t, ctx, chromedp.Text("p.code"))
	if !regexp.MustCompile(`^[0-9A-Z]{4}-[0-9A-Z]{4}$`).MatchString(strings.TrimSpace(code)) {
		t.Errorf("booking page shows code %q", code)
	}
	if loc := value(t, ctx, chromedp.Location()); !strings.Contains(loc, "/uk/onestop/bookings/"+strings.TrimSpace(code)+"?t=") {
		t.Errorf("booking page at %s", loc)
	}
}
