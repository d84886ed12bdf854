package web

import (
	"net/http"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

type placeItem struct {
	placeLink
	OneStop   bool
	HelpsWith string
	HelpsLang string // set when HelpsWith is not in the page's language
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
	for _, pl := range places {
		items = append(items, s.placeItem(&pl, lang.Code))
	}
	return render(s, w, r, "places", lang, i18n.For(lang.Code).Get("places.title"), items)
}

func (s *Server) placeItem(pl *content.Place, lang string) placeItem {
	helps, hl := pickLang(pl.HelpsWith, lang)
	it := placeItem{
		placeLink: placeLink{Slug: pl.Slug, Name: pick(pl.Name, lang), URL: "/" + lang + "/places/" + pl.Slug, Address: pl.Address},
		OneStop:   pl.OneStop, HelpsWith: helps,
	}
	if hl != lang {
		it.HelpsLang = hl
	}
	return it
}

type placePage struct {
	placeItem
	Branches  []content.Office
	Hours     string
	HoursLang string
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
	p, err := s.placePage(r, pl, lang.Code)
	if err != nil {
		return err
	}
	return render(s, w, r, "place", lang, p.Name, p)
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
	p, err := s.placePage(r, pl, lang.Code)
	if err != nil {
		return err
	}
	office := m.Buergerbuero
	if pl.Slug == "sozialamt" {
		office = m.Sozialamt
	}
	p.Name, p.Address, p.Municipal, p.Local = office.Name, office.Address, false, nil
	return render(s, w, r, "place", lang, p.Name, p)
}

func (s *Server) placePage(r *http.Request, pl *content.Place, lang string) (placePage, error) {
	ctx := r.Context()
	p := placePage{placeItem: s.placeItem(pl, lang), Branches: pl.Branches, Website: pl.URL, Municipal: pl.Municipal}
	p.Hours, p.HoursLang = pickLang(pl.Hours, lang)
	if p.HoursLang == lang {
		p.HoursLang = ""
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
