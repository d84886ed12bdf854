package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"

	"lotse/internal/content"
	"lotse/internal/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames lists every page template; each is parsed together with the layout.
var pageNames = []string{"home", "guides", "guide", "places", "place", "imprint", "privacy", "error", "lotse", "plan", "onestop", "rules", "search",
	"book", "book_dates", "book_contact", "booking", "booking_cancel", "manage"}

// pageParts names, per page, the templates it shares with other pages,
// public or staff: the booking as its visitor reads it is also the slip
// staff print for a visitor (staff_book.go).
var pageParts = map[string][]string{
	"booking":      {"templates/booking_card.html"},
	"staff_booked": {"templates/booking_card.html"},
}

// pages holds the parsed templates, one per page.
type pages struct {
	byName map[string]*template.Template
}

// funcs are the template functions. They are pure and bound once at parse time;
// per-request values (language, translator) travel in the data.
var funcs = template.FuncMap{
	"join": strings.Join,
	// add1 counts rows from one, as labels do.
	"add1": func(i int) int { return i + 1 },
}

func parsePages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, append([]string{"templates/layout.html", "templates/" + name + ".html"}, pageParts[name]...)...)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// base is what every page shows: header, language and municipality pickers, footer.
type base struct {
	T              *i18n.T
	Lang           i18n.Language
	Title          string
	Page           string // the page template's name
	Path           string // the path after /{lang}, to switch language on the same page
	Languages      []i18n.Language
	County         content.County
	Municipality   *content.Municipality
	Municipalities []content.Municipality
	// Saved confirms, next to the municipality picker, the municipality the
	// visitor has just saved (?saved=, set by setMunicipality; part of the
	// page's cache key, not a cookie); SavedNone that the choice was cleared.
	Saved     *content.Municipality
	SavedNone bool
	// Private marks a page of one visitor's booking (privatePages): not
	// stored by caches, not indexed, its address never sent on as a referrer.
	Private bool
}

// privatePages are the pages whose address or content belongs to one
// visitor: a hold, a booking's token, their contact.
var privatePages = map[string]bool{"book_contact": true, "booking": true, "booking_cancel": true, "manage": true}

// page is the data of one page template: the common part and the page's own P.
type page[D any] struct {
	base
	P D
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes page name with status 200.
func render[D any](s *Server, w http.ResponseWriter, r *http.Request, name string, lang i18n.Language, title string, d D) error {
	return renderWith(s, w, r, http.StatusOK, name, lang, title, d)
}

// renderStatus is render for error pages, which cannot fail again.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, lang i18n.Language, d errorPage, title string) {
	if err := renderWith(s, w, r, status, name, lang, title, d); err != nil {
		s.log.ErrorContext(r.Context(), "render error page", "error", err.Error())
		http.Error(w, http.StatusText(status), status)
	}
}

func renderWith[D any](s *Server, w http.ResponseWriter, r *http.Request, status int, name string, lang i18n.Language, title string, d D) error {
	b, err := s.base(r, lang, title)
	if err != nil {
		return err
	}
	b.Page, b.Private = name, privatePages[name]
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := s.pages.byName[name].Execute(buf, page[D]{base: b, P: d}); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang.Code)
	h.Set("Cache-Control", "no-cache")
	if b.Private {
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Robots-Tag", "noindex")
	}
	w.WriteHeader(status)
	_, err = w.Write(buf.Bytes())
	return err
}

func (s *Server) base(r *http.Request, lang i18n.Language, title string) (base, error) {
	county, err := s.content.County(r.Context())
	if err != nil {
		return base{}, err
	}
	munis, err := s.content.Municipalities(r.Context())
	if err != nil {
		return base{}, err
	}
	path := "/"
	if rest, ok := strings.CutPrefix(r.URL.Path, "/"+r.PathValue("lang")); ok && r.PathValue("lang") != "" && rest != "" {
		path = rest
	}
	if q := linkQuery(r); q != "" {
		// A plan link or a chosen municipality stays when the language changes.
		path += "?" + q
	}
	t := i18n.For(lang.Code)
	full := county.Name
	if title != "" {
		full = title + " – " + county.Short
	}
	b := base{
		T: t, Lang: lang, Title: full, Path: path, Languages: i18n.All(), County: county,
		Municipality: s.chosenMunicipality(r, munis), Municipalities: munis,
	}
	if filtered, _ := r.Context().Value(paramsKey{}).(bool); filtered {
		switch saved := r.URL.Query().Get("saved"); saved {
		case "":
		case "-":
			b.SavedNone = true
		default:
			for i := range munis {
				if munis[i].Slug == saved {
					b.Saved = &munis[i]
				}
			}
		}
	}
	return b, nil
}

//go:embed static
var staticFS embed.FS

// staticFiles are the files under /static/, served by staticServer.
var staticFiles, _ = fs.Sub(staticFS, "static")

var staticServer = http.StripPrefix("/static/", http.FileServerFS(staticFiles))

// static serves a file of static/; a directory or a missing file is the
// reader's 404 page, never a listing.
func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	if fi, err := fs.Stat(staticFiles, strings.TrimPrefix(r.URL.Path, "/static/")); err != nil || fi.IsDir() {
		return s.notFound(w, r)
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	staticServer.ServeHTTP(w, r)
	return nil
}

func (s *Server) favicon(w http.ResponseWriter, r *http.Request) error {
	b, err := staticFS.ReadFile("static/icon.svg")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, err = w.Write(b)
	return err
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("User-agent: *\nDisallow: /api/\nDisallow: /staff/\n"))
	return err
}

// serviceWorker serves the offline cache script from the site root, so that it
// may keep plans and guides under every language path.
func (s *Server) serviceWorker(w http.ResponseWriter, r *http.Request) error {
	b, err := staticFS.ReadFile("static/sw.js")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, err = w.Write(b)
	return err
}
