package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var htmlTag = regexp.MustCompile(`<html lang="([^"]+)" dir="([^"]+)">`)

func TestPages(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		tests := []struct {
			path    string
			status  int
			lang    string
			dir     string
			want    []string
			notWant []string
		}{
			{"/de/", 200, "de", "ltr", []string{"Willkommen im Testkreis", "Freitag, 4. Dezember 2026", "09:00–12:00", "Arbeitserlaubnis", "Nordstadt", "Zum Inhalt springen", `href="#main"`, "/de/imprint", "/de/privacy"}, nil},
			{"/en/", 200, "en", "ltr", []string{"Welcome to Testkreis", "Friday, 4 December 2026", "Work permit", "Immigration office"}, nil},
			{"/ar/", 200, "ar", "rtl", []string{`href="/ar/guides/work-permit"`}, nil},
			{"/fa/", 200, "fa", "rtl", nil, nil},
			{"/zh-Hans/", 200, "zh-Hans", "ltr", nil, nil},
			{"/de-x-simple/", 200, "de-x-simple", "ltr", nil, nil},
			{"/en/guides/", 200, "en", "ltr", []string{"Work permit", `lang="de"`, "German only"}, nil},
			{"/en/guides/work-permit", 200, "en", "ltr", []string{"<h1>Work permit</h1>", `class="box"`, "Ask at your town hall", `href="/en/places/auslaenderamt"`, "Part of this guide depends"}, []string{"German text", "<script>"}},
			{"/de/guides/work-permit", 200, "de", "ltr", []string{"Arbeitserlaubnis", "Fragen Sie im Rathaus"}, []string{"<script>", "alert("}},
			{"/uk/guides/work-permit", 200, "uk", "ltr", []string{"Дозвіл на роботу", `href="/de/guides/work-permit"`, `role="note"`}, nil},
			{"/uk/guides/housing", 200, "uk", "ltr", []string{`lang="de"`, "Wohnen", `href="/uk/guides/work-permit"`}, nil},
			{"/en/guides/housing", 200, "en", "ltr", []string{"This guide is not yet available in your language", "Wohnung suchen"}, nil},
			{"/en/guides/work-permit?municipality=nordstadt", 200, "en", "ltr", []string{"Rathausplatz 1", "Local details for: Nordstadt"}, []string{"Ask at your town hall"}},
			{"/en/places/", 200, "en", "ltr", []string{"Immigration office", "at the One-Stop-Shop"}, nil},
			{"/en/places/auslaenderamt", 200, "en", "ltr", []string{"By appointment only", "Work permit"}, nil},
			{"/de/places/buergerbuero", 200, "de", "ltr", []string{"/de/places/nordstadt/buergerbuero", "Bürgerbüro Südheim"}, nil},
			{"/de/places/nordstadt/buergerbuero", 200, "de", "ltr", []string{"Bürgerbüro Nordstadt", "Rathausplatz 1"}, nil},
			{"/tr/imprint", 200, "tr", "ltr", []string{"Landrätin Erika Muster"}, nil},
			{"/ar/privacy", 200, "ar", "rtl", []string{"Markt 1, 12345 Teststadt"}, nil},
			{"/uk/guides/no-such-guide", 404, "uk", "ltr", nil, nil},
			{"/ar/places/nowhere", 404, "ar", "rtl", nil, nil},
			{"/de/places/nordstadt/auslaenderamt", 404, "de", "ltr", nil, nil},
			{"/de/places/atlantis/buergerbuero", 404, "de", "ltr", nil, nil},
			{"/xx/", 404, "de", "ltr", nil, nil},
			{"/de/nothing/here", 404, "de", "ltr", nil, nil},
		}
		for _, tt := range tests {
			t.Run(tt.path, func(t *testing.T) {
				rec := get(h, tt.path)
				if rec.Code != tt.status {
					t.Fatalf("status = %d, want %d", rec.Code, tt.status)
				}
				body := rec.Body.String()
				m := htmlTag.FindStringSubmatch(body)
				if m == nil {
					t.Fatalf("no <html lang dir> in %.200s", body)
				}
				if m[1] != tt.lang || m[2] != tt.dir {
					t.Errorf("<html lang=%q dir=%q>, want %q %q", m[1], m[2], tt.lang, tt.dir)
				}
				if !strings.Contains(body, "<title>") || strings.Contains(body, "<title></title>") {
					t.Error("page has no title")
				}
				for _, w := range tt.want {
					if !strings.Contains(body, w) {
						t.Errorf("body lacks %q", w)
					}
				}
				for _, w := range tt.notWant {
					if strings.Contains(body, w) {
						t.Errorf("body contains %q", w)
					}
				}
			})
		}
	})
}

func TestRootRedirect(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		tests := []struct{ accept, cookie, want string }{
			{"", "", "/de/"},
			{"uk-UA,uk;q=0.9,en;q=0.5", "", "/uk/"},
			{"ar-EG", "", "/ar/"},
			{"zh-CN,zh;q=0.9", "", "/zh-Hans/"},
			{"fr-FR,fr;q=0.9", "", "/de/"},
			{";;;q=zz,,", "", "/de/"},
			{"en", "lotse_lang=tr", "/tr/"},
			{"en", "lotse_lang=bogus", "/en/"},
		}
		for _, tt := range tests {
			args := []string{"Accept-Language", tt.accept}
			if tt.cookie != "" {
				args = append(args, "Cookie", tt.cookie)
			}
			rec := get(h, "/", args...)
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != tt.want {
				t.Errorf("Accept-Language %q cookie %q: %d %q, want 303 %q", tt.accept, tt.cookie, rec.Code, rec.Header().Get("Location"), tt.want)
			}
		}
	})
}

func TestNotFoundLanguage(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		rec := get(h, "/xx/guides/foo", "Accept-Language", "ar")
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), `lang="ar" dir="rtl"`) {
			t.Errorf("unknown language: %d, want a 404 page in Arabic; %.300s", rec.Code, rec.Body.String())
		}
		for path, want := range map[string]string{"/en-US/": "/en/", "/zh-CN/guides/work-permit?municipality=nordstadt": "/zh-Hans/guides/work-permit?municipality=nordstadt", "/zh/": "/zh-Hans/"} {
			if rec := get(h, path); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != want {
				t.Errorf("%s: %d %q, want a redirect to %s", path, rec.Code, rec.Header().Get("Location"), want)
			}
		}
		rec = get(h, "/zh-hans/guides/work-permit")
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/zh-Hans/guides/work-permit" {
			t.Errorf("lower-case zh-hans: %d %q", rec.Code, rec.Header().Get("Location"))
		}
	})
}

func TestMalformedInputNeverFails(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		paths := []string{
			"/de/guides/work-permit?municipality=%00%ff",
			"/de/guides/work-permit?municipality=" + strings.Repeat("x", 5000),
			"/de/?q=%zz",
			"/api/v1/guides?lang=%ff",
			"/api/v1/guides/work-permit?lang=en&municipality=nowhere",
			"/de/guides/%2e%2e%2f",
			"/api/v1/places/%20",
		}
		for _, p := range paths {
			for _, accept := range []string{"", ";;;q=zz,,", strings.Repeat("a-", 3000), "*;q=1.5"} {
				rec := get(h, p, "Accept-Language", accept)
				if rec.Code >= 500 {
					t.Errorf("%s (Accept-Language %.20q): %d", p, accept, rec.Code)
				}
			}
		}
	})
}

func TestMunicipalityChoice(t *testing.T) {
	eachServer(t, func(t *testing.T, h http.Handler) {
		post := func(form string) *http.Response {
			req := newForm("/en/municipality", form)
			rec := serve(h, req)
			return rec.Result()
		}
		res := post("municipality=nordstadt&return=/en/guides/work-permit")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/en/guides/work-permit?saved=nordstadt#municipality-form" {
			t.Fatalf("choose: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		var cookie *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == cookieMunicipality {
				cookie = c
			}
		}
		if cookie == nil || cookie.Value != "nordstadt" || !cookie.HttpOnly {
			t.Fatalf("cookie = %+v", cookie)
		}
		rec := get(h, "/en/guides/work-permit", "Cookie", cookie.String())
		if !strings.Contains(rec.Body.String(), "Rathausplatz 1") {
			t.Error("the remembered municipality does not select the local section")
		}
		if res := post("municipality=atlantis"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown municipality: %d, want 400", res.StatusCode)
		}
		if res := post("municipality=nordstadt&return=https://evil.example/"); res.Header.Get("Location") != "/en/?saved=nordstadt#municipality-form" {
			t.Errorf("open redirect: %q", res.Header.Get("Location"))
		}
	})
}
