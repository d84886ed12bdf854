package web

import (
	"bytes"
	"context"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lotse/internal/content"
	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// TestStaffTextLimits sends texts beyond the Markdown limits to the live
// preview, the preview button and the save button: each answers at once with
// the limit's message in the editor's language, the form keeps the text, and
// nothing is a 500.
func TestStaffTextLimits(t *testing.T) {
	deep := ""
	for i := range content.MaxNesting + 1 {
		deep += strings.Repeat("  ", i) + "- x\n"
	}
	texts := []struct{ name, body, key string }{
		{"too long", strings.Repeat("# a\n", 20_000), "staff.error.body_too_long"},
		{"paragraph too long", strings.Repeat("wort ", content.MaxParagraphBytes/5+1), "staff.error.paragraph_too_long"},
		{"too deep", deep, "staff.error.too_deep"},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		c := f.session(t, f.users[staff.Editor])
		base := between(serve(f.h, staffRequest(http.MethodGet, "/staff/guides/work-permit/edit", nil, c)).Body.String(), `name="base" value="`, `"`)
		for _, tt := range texts {
			for _, lang := range []string{"de", "en"} {
				t.Run(tt.name+"/"+lang, func(t *testing.T) {
					want := i18n.For(lang).Get(tt.key)
					for _, action := range []string{"live", "preview", "draft"} {
						var req *http.Request
						if action == "live" {
							req = staffRequest(http.MethodPost, "/staff/preview", url.Values{"body": {tt.body}}, c)
						} else {
							req = staffRequest(http.MethodPost, "/staff/guides/work-permit/edit",
								url.Values{"title": {"Arbeitserlaubnis"}, "body": {tt.body}, "base": {base}, "action": {action}}, c)
						}
						req.Header.Set("Accept-Language", lang)
						rec := serve(f.h, req)
						wantStatus := http.StatusBadRequest
						if action == "live" {
							wantStatus = http.StatusOK // the preview pane shows the message
						}
						if rec.Code != wantStatus {
							t.Fatalf("%s: status %d, want %d", action, rec.Code, wantStatus)
						}
						doc, err := html.Parse(strings.NewReader(rec.Body.String()))
						if err != nil {
							t.Fatal(err)
						}
						if got := elementText(doc, "p", "role", "alert"); got != want {
							t.Errorf("%s: alert %q, want %q", action, got, want)
						}
						if action != "live" && elementText(doc, "textarea", "id", "body") != tt.body {
							t.Errorf("%s: the form lost the text", action)
						}
					}
				})
			}
		}
	})
}

// TestStaffPreviewClientGone checks that an editor who leaves while the
// preview renders gets nothing written: no 500, no plain-text log line, one
// JSON log line saying so.
func TestStaffPreviewClientGone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		c := f.session(t, f.users[staff.Editor])
		var logged, plain bytes.Buffer
		f.srv.log = slog.New(slog.NewJSONHandler(&logged, nil))
		stdlog := log.Writer()
		log.SetOutput(&plain)
		defer log.SetOutput(stdlog)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := staffRequest(http.MethodPost, "/staff/preview", url.Values{"body": {"# a\n"}}, c).WithContext(ctx)
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, req)
		if rec.Code == http.StatusInternalServerError || rec.Body.Len() > 0 {
			t.Errorf("answered a client that has gone: %d %q", rec.Code, rec.Body)
		}
		if plain.Len() > 0 {
			t.Errorf("plain-text log: %q", plain.String())
		}
		if !strings.Contains(logged.String(), `"msg":"client gone"`) {
			t.Errorf("no JSON log line: %q", logged.String())
		}

		// The same when the editor goes between signing in and rendering.
		logged.Reset()
		rec = httptest.NewRecorder()
		if err := f.srv.staffPreview(rec, req, f.users[staff.Editor]); err != nil || rec.Body.Len() > 0 {
			t.Errorf("preview after the client went: %v, %q", err, rec.Body)
		}
		if !strings.Contains(logged.String(), `"msg":"client gone"`) {
			t.Errorf("no JSON log line: %q", logged.String())
		}
	})
}

// elementText is the text of the first element named tag whose attribute
// key has value val.
func elementText(doc *html.Node, tag, key, val string) string {
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != tag {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == key && a.Val == val {
				var b strings.Builder
				for c := range n.Descendants() {
					if c.Type == html.TextNode {
						b.WriteString(c.Data)
					}
				}
				return b.String()
			}
		}
	}
	return ""
}
