package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on machines without zoneinfo

	"lotse/internal/db"
	"lotse/internal/db/dbtest"
	"lotse/internal/staff"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestStaffNamesAndDates checks the staff pages' wording: one name per
// language in the UI language, German texts named "Fassung N" by their
// history number on the editors' and the translators' pages alike, and
// times in the county's zone.
func TestStaffNamesAndDates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newStaffFixture(t, d)
		tr := f.session(t, f.users[staff.Translator])
		body := serve(f.h, staffRequest(http.MethodGet, "/staff/translations/", nil, tr)).Body.String()
		if !strings.Contains(body, "<h2>Ukrainisch</h2>") || strings.Contains(body, "Ukrainian") || strings.Contains(body, "Українська") {
			t.Errorf("translations page does not name Ukrainian once, in German:\n%s", between(body, "<main", "</table>"))
		}
		en := staffRequest(http.MethodGet, "/staff/translations/", nil, tr)
		en.Header.Set("Accept-Language", "en")
		if body := serve(f.h, en).Body.String(); !strings.Contains(body, "<h2>Ukrainian</h2>") {
			t.Error("the English staff UI does not say Ukrainian")
		}

		ed := f.session(t, f.users[staff.Editor])
		history := serve(f.h, staffRequest(http.MethodGet, "/staff/guides/work-permit/de/history", nil, ed)).Body.String()
		latest, _, err := f.srv.content.Latest(ctx, "work-permit", "de")
		if err != nil {
			t.Fatal(err)
		}
		fassung := "Fassung " + strconv.Itoa(latest.Number)
		translate := serve(f.h, staffRequest(http.MethodGet, "/staff/translations/uk/work-permit", nil, tr)).Body.String()
		guides := serve(f.h, staffRequest(http.MethodGet, "/staff/guides/", nil, ed)).Body.String()
		for name, page := range map[string]string{"history": history, "translate": translate, "guides": guides} {
			if !strings.Contains(page, fassung) {
				t.Errorf("%s page does not name the current German text %q", name, fassung)
			}
		}
		if want := latest.Created.In(berlin(t)).Format("2006-01-02 15:04"); !strings.Contains(history, want) || strings.Contains(history, " UTC") {
			t.Errorf("history does not show %s (Europe/Berlin)", want)
		}

		f.srv.content.CountMiss("kindergeld", "de")
		misses, err := f.srv.content.Misses(ctx, 10)
		if err != nil || len(misses) != 1 {
			t.Fatalf("misses: %v %v", misses, err)
		}
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/misses", nil, ed)).Body.String()
		local, utc := misses[0].LastSeen.In(berlin(t)).Format("2006-01-02 15:04"), misses[0].LastSeen.UTC().Format("2006-01-02 15:04")
		if !strings.Contains(page, ">"+local+"<") || strings.Contains(page, ">"+utc+"<") {
			t.Errorf("misses page shows the time as %q, want %s (Europe/Berlin, not UTC %s)", between(page, "<time", "</time>"), local, utc)
		}
	})
}

// TestStaffAccountChecks checks the messages of the password policy, of a
// translator invited without languages, and of the accounts page for a
// translator that has none.
func TestStaffAccountChecks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		ed := f.session(t, f.users[staff.Editor])
		for pw, want := range map[string]string{
			"aaaaaaaaaaaa":   "wiederholten Zeichen",
			"Passwort2026!":  "häufigsten Passwörtern",
			"editor-und-ich": "Namen aus der E-Mail-Adresse",
		} {
			rec := serve(f.h, staffRequest(http.MethodPost, "/staff/account/password", url.Values{"current": {testPassword}, "new": {pw}, "again": {pw}}, ed))
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), want) {
				t.Errorf("new password %q: %d, want 400 with %q", pw, rec.Code, want)
			}
		}
		admin := f.session(t, f.users[staff.Admin])
		rec := serve(f.h, staffRequest(http.MethodPost, "/staff/users/", url.Values{"email": {"neu@example.org"}, "role": {"translator"}}, admin))
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "braucht mindestens eine Sprache") {
			t.Errorf("translator without languages: %d", rec.Code)
		}
		rec = serve(f.h, staffRequest(http.MethodPost, "/staff/users/", url.Values{"email": {"neu@example.org"}, "role": {"translator"}, "languages": {"ar", "uk"}}, admin))
		if rec.Code != http.StatusOK {
			t.Fatalf("translator with languages: %d", rec.Code)
		}
		// An account from before the rule, without languages, is pointed out.
		if _, err := d.Exec(context.Background(), "UPDATE users SET languages = '' WHERE email = 'neu@example.org'"); err != nil {
			t.Fatal(err)
		}
		page := serve(f.h, staffRequest(http.MethodGet, "/staff/users/", nil, admin)).Body.String()
		if !strings.Contains(page, "keine Sprachen zugeordnet") {
			t.Error("accounts page does not point out a translator without languages")
		}
	})
}

// TestStaffImportMessages uploads files that are not XLIFF and checks that
// the page explains in German, with line and column, and never shows the XML
// parser's words.
func TestStaffImportMessages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newStaffFixture(t, d)
		tr := f.session(t, f.users[staff.Translator])
		tests := []struct{ name, file, want string }{
			{"empty", "", "Die Datei ist leer."},
			{"binary", "PK\x03\x04\x00garbage", "Zeile 1, Spalte"},
			{"cut off", "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n<file", "Zeile 3, Spalte"},
			{"HTML", "<html><body>hello</body></html>", "keine XLIFF-Datei"},
		}
		for _, tt := range tests {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", "lotse-uk.xlf")
			fw.Write([]byte(tt.file))
			mw.Close()
			req := staffRequest(http.MethodPost, "/staff/translations/uk/xliff", nil, tr)
			req.Body = ioNopCloser(buf.Bytes())
			req.ContentLength = int64(buf.Len())
			req.Header.Set("Content-Type", mw.FormDataContentType())
			rec := serve(f.h, req)
			body := rec.Body.String()
			if rec.Code != http.StatusBadRequest || !strings.Contains(body, tt.want) {
				t.Errorf("%s: %d, want 400 with %q:\n%s", tt.name, rec.Code, tt.want, between(body, "<main", "</main>"))
			}
			for _, raw := range []string{"EOF", "syntax error", "illegal character", "expected element"} {
				if strings.Contains(body, raw) {
					t.Errorf("%s: the page shows the parser's %q", tt.name, raw)
				}
			}
		}
	})
}
