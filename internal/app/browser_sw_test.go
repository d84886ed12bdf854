package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserServiceWorker registers the service worker in Chromium and reads
// through it: it keeps guides and static files, never the staff area, the API or
// a no-store answer, and a new version drops the caches of the old one, which
// kept staff pages (issue 9, item 3).
func TestBrowserServiceWorker(t *testing.T) {
	ctx := browser(t)
	url, _ := start(t, Config{DatabaseURL: filepath.Join(t.TempDir(), "lotse.db"), Demo: true})
	run(t, ctx, chromedp.Navigate(url+"/de/"), chromedp.WaitVisible("main h1"))
	// What the first version left: a staff page in its cache.
	eval := func(js string) string {
		t.Helper()
		return value(t, ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	}
	eval(`caches.open("lotse-v1").then(c => c.put("/staff/guides/x/de/history", new Response("mail@example.org"))).then(() => "")`)
	eval(`navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready).then(() =>
		navigator.serviceWorker.controller ? "" : new Promise(ok => navigator.serviceWorker.addEventListener("controllerchange", () => ok(""))))`)
	got := eval(`Promise.all(["/staff/login", "/staff/guides/", "/api/v1/guides", "/de/guides/residence", "/static/site.css"].map(u => fetch(u)))
		.then(() => new Promise(ok => setTimeout(ok, 500)))
		.then(() => caches.keys())
		.then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()).then(rs => rs.map(r => n + " " + new URL(r.url).pathname)))))
		.then(lists => lists.flat().sort().join("\n"))`)
	entries := strings.Split(got, "\n")
	for _, want := range []string{"lotse-v2 /de/guides/residence", "lotse-v2 /static/site.css"} {
		if !slices.Contains(entries, want) {
			t.Errorf("the worker did not keep %q; it holds %q", want, entries)
		}
	}
	for _, e := range entries {
		if strings.Contains(e, "/staff/") || strings.Contains(e, "/api/") || strings.HasPrefix(e, "lotse-v1") {
			t.Errorf("the browser keeps %q", e)
		}
	}
	// The rule for answers marked no-store, on the worker's own code in a
	// page without the site's Content-Security-Policy.
	src, err := os.ReadFile("../web/static/sw.js")
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(string(src))
	run(t, ctx, chromedp.Navigate("about:blank"))
	rule := eval(`(() => {
		const storable = new Function("self", "location", ` + string(js) + ` + "; return storable;")({addEventListener() {}}, location);
		const res = cc => ({ok: true, type: "basic", redirected: false, headers: new Headers({"Cache-Control": cc})});
		return Promise.resolve([storable(res("no-store")), storable(res("private, max-age=60")), storable(res("no-cache"))].join(" "));
	})()`)
	if rule != "false false true" {
		t.Errorf("storable(no-store, private, no-cache) = %s, want false false true", rule)
	}
}
