package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lotse/internal/db"
	"lotse/internal/staff"
)

// TestBrowserEditorial runs the editorial workflow in a real browser: an editor
// signs in and publishes a change to a guide, a translator sees the Ukrainian
// translation outdated with the change highlighted and updates it, and a reader
// sees the new Ukrainian text without an outdated notice.
func TestBrowserEditorial(t *testing.T) {
	ctx := browser(t)
	path := filepath.Join(t.TempDir(), "lotse.db")
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	svc := staff.New(d, staff.Options{Params: staff.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}})
	const pw = "correct horse battery staple"
	for _, nu := range []staff.NewUser{
		{Email: "ed@example.org", Role: staff.Editor, Password: pw},
		{Email: "tr@example.org", Role: staff.Translator, Password: pw, Languages: []string{"uk"}},
	} {
		if _, _, err := svc.Create(context.Background(), staff.CLI, nu); err != nil {
			t.Fatal(err)
		}
	}
	d.Close()
	url, _ := start(t, Config{DatabaseURL: path, Demo: true})

	login := func(email string) {
		t.Helper()
		run(t, ctx, chromedp.Navigate(url+"/staff/login"), chromedp.WaitVisible("#email"),
			chromedp.SendKeys("#email", email), chromedp.SendKeys("#password", pw),
			chromedp.Click(`main form button[type=submit]`), chromedp.WaitVisible(`form[action="/staff/logout"]`))
	}
	appendText := func(text string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`(() => { const b = document.querySelector('#body');
			b.value += ` + "`\\n\\n" + text + "\\n`" + `; b.dispatchEvent(new Event('input')); })()`)
	}

	// The editor publishes a new paragraph; the live preview shows it first.
	login("ed@example.org")
	run(t, ctx, chromedp.Navigate(url+"/staff/guides/residence/edit"), chromedp.WaitVisible("#body"),
		appendText("Neu 2026: Termine gibt es nur online."))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('#preview').textContent.includes('Neu 2026')`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("live preview never showed the new paragraph: %v", err)
	}
	run(t, ctx, chromedp.Click(`button[value=publish]`), chromedp.WaitVisible(".notice.ok"),
		chromedp.Click(`form[action="/staff/logout"] button`), chromedp.WaitVisible("#email"))

	// The translator finds the Ukrainian text outdated and the change marked.
	login("tr@example.org")
	run(t, ctx, chromedp.Navigate(url+"/staff/translations/"), chromedp.WaitVisible("main h1"))
	if !value(t, ctx, chromedp.Evaluate[bool](`!!document.querySelector('#lang-uk tr.status-outdated a[href="/staff/translations/uk/residence"]')`)) {
		t.Fatal("the translator's dashboard does not list residence as outdated in Ukrainian")
	}
	run(t, ctx, chromedp.Click(`a[href="/staff/translations/uk/residence"]`), chromedp.WaitVisible("#body"))
	added := value(t, ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('pre.diff ins')).map(e => e.textContent).join('\n')`))
	if !strings.Contains(added, "Neu 2026") {
		t.Errorf("side-by-side view does not highlight the change: %q", added)
	}
	run(t, ctx, appendText("Нове 2026: записатися можна лише онлайн."),
		chromedp.Click(`button[value=publish]`), chromedp.WaitVisible(".notice.ok"))
	status := value(t, ctx, chromedp.Text("#status"))
	if status != "up to date" && status != "aktuell" {
		t.Errorf("after publishing the translation its status is %q", status)
	}

	// A reader sees the new Ukrainian text and no outdated notice.
	run(t, ctx, chromedp.Navigate(url+"/uk/guides/residence"), chromedp.WaitVisible("article h1"))
	body := value(t, ctx, chromedp.Text("article .body"))
	notice := value(t, ctx, chromedp.Evaluate[string](`(document.querySelector('.notice[role=note]')||{}).textContent||""`))
	if !strings.Contains(body, "Нове 2026") || notice != "" {
		t.Errorf("reader sees body with new text: %v, notice %q", strings.Contains(body, "Нове 2026"), notice)
	}
}
