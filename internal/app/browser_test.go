package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium for a test. Without Chromium the test is
// skipped, unless LOTSE_TEST_BROWSER=1 (./test.sh) demands it.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("LOTSE_TEST_BROWSER") == "1" {
			t.Fatal("LOTSE_TEST_BROWSER=1 but chromium is not installed")
		}
		t.Skip("chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(412, 915), // a cheap Android phone
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// run performs browser steps and fails the test on the first error.
func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// value runs one browser action that returns a value.
func value[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowserReader opens the home page in Arabic and a guide in Ukrainian in a
// real browser and checks what a person sees: the right script and direction, the
// skip link working by keyboard, the guide text, and the language switch.
func TestBrowserReader(t *testing.T) {
	ctx := browser(t)
	url, _ := start(t, Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Demo: true})

	run(t, ctx, chromedp.Navigate(url+"/ar/"), chromedp.WaitVisible("main h1"))
	dir := value(t, ctx, chromedp.Evaluate[string](`document.documentElement.dir`))
	lang := value(t, ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	h1 := value(t, ctx, chromedp.Text("main h1"))
	if dir != "rtl" || lang != "ar" {
		t.Errorf("Arabic home page: lang=%q dir=%q", lang, dir)
	}
	if !strings.ContainsAny(h1, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") {
		t.Errorf("Arabic home page heading is not Arabic: %q", h1)
	}
	// The first Tab reaches the skip link; Enter moves the focus to the content.
	run(t, ctx, chromedp.KeyEvent("\t"))
	skip := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.textContent`))
	run(t, ctx, chromedp.KeyEvent("\r"), chromedp.Sleep(200*time.Millisecond))
	focused := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if strings.TrimSpace(skip) == "" || focused != "main" {
		t.Errorf("skip link: text %q, focus after Enter on %q", skip, focused)
	}
	// Right to left: the brand, first in the header, sits at the right.
	brandRight := value(t, ctx, chromedp.Evaluate[float64](`document.querySelector('.brand').getBoundingClientRect().right`))
	width := value(t, ctx, chromedp.Evaluate[float64](`document.documentElement.clientWidth`))
	if brandRight < width/2 {
		t.Errorf("in RTL the brand should be on the right: right edge %.0f of %.0f", brandRight, width)
	}

	run(t, ctx, chromedp.Navigate(url+"/uk/guides/residence"), chromedp.WaitVisible("article h1"))
	title := value(t, ctx, chromedp.Text("article h1"))
	body := value(t, ctx, chromedp.Text("article .body"))
	notice := value(t, ctx, chromedp.Evaluate[string](`(document.querySelector('.notice[role=note]')||{}).textContent||""`))
	lang = value(t, ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if lang != "uk" || !strings.ContainsAny(title, "абвгдежзийклмнопрстуфхцчшщьюяіїє") {
		t.Errorf("Ukrainian guide: lang=%q title=%q", lang, title)
	}
	if len([]rune(body)) < 500 {
		t.Errorf("Ukrainian guide body has only %d characters", len([]rune(body)))
	}
	if notice != "" {
		t.Errorf("an up-to-date translation shows a notice: %q", notice)
	}

	// Switching the language keeps the page.
	run(t, ctx, chromedp.Click("details.langs summary"), chromedp.Click(`details.langs a[lang="en"]`), chromedp.WaitVisible("article h1"))
	loc := value(t, ctx, chromedp.Location())
	title = value(t, ctx, chromedp.Text("article h1"))
	if !strings.HasSuffix(loc, "/en/guides/residence") || title == "" {
		t.Errorf("language switch went to %s (%q)", loc, title)
	}
}

// TestBrowserLotse walks the questionnaire in a real browser: one question per
// screen with progress, Back, skipped questions that do not apply, and the plan.
func TestBrowserLotse(t *testing.T) {
	ctx := browser(t)
	url, _ := start(t, Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Demo: true})
	visible := `Array.from(document.querySelectorAll('fieldset.question')).filter(f => !f.hidden).map(f => f.id).join(',')`
	progress := `document.querySelector('.progress').textContent`

	run(t, ctx, chromedp.Navigate(url+"/en/lotse"), chromedp.WaitVisible("#q-citizenship"))
	if got := value(t, ctx, chromedp.Evaluate[string](visible)); got != "q-citizenship" {
		t.Fatalf("first screen shows %q, want only the citizenship question", got)
	}
	if got := value(t, ctx, chromedp.Evaluate[string](progress)); !strings.HasPrefix(got, "Question 1 of") {
		t.Errorf("progress = %q", got)
	}
	// An EU citizen: the residence-status question does not apply and is skipped.
	run(t, ctx, chromedp.Click(`#q-citizenship input[value="eu"]`), chromedp.Click("button.next"))
	if got := value(t, ctx, chromedp.Evaluate[string](visible)); got != "q-nationality" {
		t.Fatalf("second screen shows %q", got)
	}
	run(t, ctx, chromedp.Click("button.next"))
	if got := value(t, ctx, chromedp.Evaluate[string](visible)); got != "q-purpose" {
		t.Errorf("after nationality the EU citizen sees %q, want the residence question skipped", got)
	}
	run(t, ctx, chromedp.Click("button.back"))
	if got := value(t, ctx, chromedp.Evaluate[string](visible)); got != "q-nationality" {
		t.Errorf("Back shows %q", got)
	}
	// Answer the rest quickly by script, then submit as a visitor would.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const pick = (f, v) => document.querySelector('input[name="' + f + '"][value="' + v + '"]').click();
		pick('purpose', 'work'); pick('arrival_stage', 'just_arrived'); pick('registered', 'false');
		pick('housing', 'own_flat'); pick('job.situation', 'employed'); pick('benefits', 'none');
		document.querySelector('select[name="municipality"]') ? null : pick('municipality', 'juelich');
		document.getElementById('lotse').requestSubmit();
	})()`), chromedp.WaitVisible("ol.plan"))
	loc := value(t, ctx, chromedp.Location())
	steps := value(t, ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('ol.plan > li')).map(li => li.id).join(',')`))
	if !strings.Contains(loc, "/en/lotse/plan?a=") || !strings.HasPrefix(steps, "step-address-registration") {
		t.Errorf("plan at %s with steps %s", loc, steps)
	}
	if strings.Contains(steps, "residence-permit") || strings.Contains(steps, "work-permission-check") {
		t.Errorf("an EU citizen's plan has permit steps: %s", steps)
	}
}
