package web

import (
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLanguageMenuEscape checks that every page loads static/menu.js and, in
// node with a stand-in DOM, that Escape closes the open language menu from
// its summary or a link in it and focuses the summary, while other keys and
// targets outside the menu leave it open. The node part skips without node.
func TestLanguageMenuEscape(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		for _, path := range []string{"/ar/", "/de/places/"} {
			doc := parsePage(t, get(h, path).Body.String())
			if n := selectAll(doc, "script", "src=/static/menu.js"); len(n) != 1 {
				t.Errorf("%s loads menu.js %d times", path, len(n))
			}
		}
		if rec := get(h, "/static/menu.js"); rec.Code != 200 {
			t.Errorf("/static/menu.js: %d", rec.Code)
		}
	})
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	script, err := filepath.Abs("static/menu.js")
	if err != nil {
		t.Fatal(err)
	}
	// A stand-in for <details class="langs" open><summary>…</summary><ul><li><a>…
	const driver = `const {closeOnEscape} = require(process.argv[1]);
const [key, where] = process.argv.slice(2);
let focused = "";
const menu = {open: true, querySelector: () => ({focus: () => { focused = "summary"; }})};
const inside = {closest: sel => sel === "details.langs[open]" && menu.open ? menu : null};
const outside = {closest: () => null};
const e = {key, target: where === "inside" ? inside : outside, preventDefault() {}};
console.log(closeOnEscape(e), menu.open, focused || "none");`
	tests := []struct {
		key, where, want string
	}{
		{"Escape", "inside", "true false summary"},
		{"Enter", "inside", "false true none"},
		{"Escape", "outside", "false true none"},
	}
	for _, tt := range tests {
		out, err := exec.Command(node, "-e", driver, script, tt.key, tt.where).Output()
		if err != nil {
			t.Fatalf("%s %s: node: %v", tt.key, tt.where, err)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("%s %s: closed, open, focus = %q, want %q", tt.key, tt.where, got, tt.want)
		}
	}
}
