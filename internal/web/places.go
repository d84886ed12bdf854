package web

import (
	"html/template"
	"net/http"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// shown is a text of a place on a page: escaped HTML whose left-to-right runs
// are isolated when the text is right-to-left, and its language and direction
// when they are not the page's (German shown in place of a translation).
type shown struct {
	HTML template.HTML
	Lang string
	Dir  string
}

// show prepares s for a page in lang.
func show(s content.Served, lang string) shown {
	l, ok := i18n.Lookup(s.Lang)
	if !ok {
		return shown{HTML: template.HTML(template.HTMLEscapeString(s.Text))}
	}
	out := shown{HTML: template.HTML(template.HTMLEscapeString(s.Text))}
	if l.RTL() {
		out.HTML = template.HTML(content.IsolateLTR(template.HTMLEscapeString(s.Text)))
	}
	if s.Lang != lang {
		out.Lang, out.Dir = l.Code, l.Dir
	}
	return out
}

type placeItem struct {
	placeLink
	OneStop   bool
	HelpsWith shown
	Status    string // of the reader's language, as for guides
}

func (s *Server) placeList(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	places, err := s.content.Places(r.Context())
	if err != nil {
		return err
	}
	items := make([]placeItem, 0, len(places))
	for i := range places {
		items = append(items, placeItemOf(places[i].In(lang.Code), lang.Code))
	}
	return render(s, w, r, "places", lang, i18n.For(lang.Code).Get("places.title"), items)
}

func placeItemOf(v content.PlaceView, lang string) placeItem {
	return placeItem{
		placeLink: linkTo(v, lang, "/"+lang+"/places/"+v.Place.Slug),
		OneStop:   v.Place.OneStop, HelpsWith: show(v.HelpsWith, lang), Status: v.Status,
	}
}

// branchItem is a branch on a place page.
type branchItem struct {
	Name    shown
	Address string
}

type placePage struct {
	placeItem
	Notice    translationNotice
	Branches  []branchItem
	Hours     shown
	Languages []string
	Website   string
	Municipal bool
	Local     []placeLink
	Guides    []content.Summary
}

func (s *Server) place(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	pl, err := s.content.Place(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	v := pl.In(lang.Code)
	p, err := s.placePage(r, v, lang.Code, "/places/"+pl.Slug)
	if err != nil {
		return err
	}
	return render(s, w, r, "place", lang, v.Name.Text, p)
}

// municipalPlace shows a town's own office, e.g. /de/places/titz/buergerbuero.
func (s *Server) municipalPlace(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	m, err := s.content.Municipality(ctx, r.PathValue("municipality"))
	if err != nil {
		return err
	}
	pl, err := s.content.Place(ctx, r.PathValue("kind"))
	if err != nil {
		return err
	}
	if !pl.Municipal {
		return errs.E(errs.NotFound, "error.place_not_found")
	}
	v := pl.In(lang.Code).At(m)
	p, err := s.placePage(r, v, lang.Code, "/places/"+m.Slug+"/"+pl.Slug)
	if err != nil {
		return err
	}
	p.Municipal, p.Local = false, nil
	return render(s, w, r, "place", lang, v.Name.Text, p)
}

// placePage is the page of v; path is its address after the language.
func (s *Server) placePage(r *http.Request, v content.PlaceView, lang, path string) (placePage, error) {
	ctx := r.Context()
	pl := v.Place
	p := placePage{placeItem: placeItemOf(v, lang), Notice: noticeFor("place", v.Status, lang, path, v.English),
		Hours: show(v.Hours, lang), Website: pl.URL, Municipal: pl.Municipal}
	for _, b := range v.Branches {
		p.Branches = append(p.Branches, branchItem{Name: show(b.Name, lang), Address: b.Address})
	}
	for _, code := range pl.Languages {
		if l, ok := i18n.Lookup(code); ok {
			p.Languages = append(p.Languages, l.Name)
		}
	}
	if pl.Municipal {
		munis, err := s.content.Municipalities(ctx)
		if err != nil {
			return p, err
		}
		for _, m := range munis {
			p.Local = append(p.Local, s.placeLinkFor(pl, lang, munis, m.Slug))
		}
	}
	guides, err := s.content.Guides(ctx, lang)
	if err != nil {
		return p, err
	}
	for _, g := range guides {
		for _, slug := range pl.Guides {
			if g.Slug == slug {
				p.Guides = append(p.Guides, g)
			}
		}
	}
	return p, nil
}
