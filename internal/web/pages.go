package web

import (
	"html/template"
	"net/http"
	"strings"

	"lotse/internal/content"
	"lotse/internal/i18n"
)

type homePage struct {
	About           string
	AboutLang       string // set when About is not in the page's language
	Next            nextDate
	Agencies        []placeLink
	AdviceLanguages []string
	Topics          []topic
}

type topic struct {
	Key    string
	Name   string
	Guides []content.Summary
}

type placeLink struct {
	Slug    string
	Name    template.HTML // escaped, Latin runs isolated in right-to-left text
	Lang    string        // the language of Name when it is not the page's
	URL     string
	Address string
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	county, err := s.content.County(ctx)
	if err != nil {
		return err
	}
	guides, err := s.content.Guides(ctx, lang.Code)
	if err != nil {
		return err
	}
	t := i18n.For(lang.Code)
	about, aboutLang := pickLang(county.About, lang.Code)
	if aboutLang == lang.Code {
		aboutLang = ""
	}
	p := homePage{
		About:     about,
		AboutLang: aboutLang,
		Next:      s.nextOneStop(r, t, county),
		Agencies:  s.oneStopAgencies(r, county, lang.Code, nil),
	}
	for _, code := range county.OneStop.Advice {
		if l, ok := i18n.Lookup(code); ok {
			p.AdviceLanguages = append(p.AdviceLanguages, l.Name)
		}
	}
	for _, key := range county.Topics {
		tp := topic{Key: key, Name: t.Get("topic." + key)}
		for _, g := range guides {
			if g.Topic == key {
				tp.Guides = append(tp.Guides, g)
			}
		}
		if len(tp.Guides) > 0 {
			p.Topics = append(p.Topics, tp)
		}
	}
	return render(s, w, r, "home", lang, "", p)
}

func (s *Server) guideList(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	guides, err := s.content.Guides(r.Context(), lang.Code)
	if err != nil {
		return err
	}
	return render(s, w, r, "guides", lang, i18n.For(lang.Code).Get("guides.title"), guides)
}

type guidePage struct {
	Slug        string
	Lang        string
	Status      string
	Title       string
	Summary     string
	HTML        template.HTML
	Varies      bool
	UpdatedDate string
	UpdatedISO  string
	Places      []placeLink
	Available   []i18n.Language
	Notice      translationNotice
}

func (s *Server) guide(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	munis, err := s.content.Municipalities(ctx)
	if err != nil {
		return err
	}
	muni := ""
	if m := s.chosenMunicipality(r, munis); m != nil {
		muni = m.Slug
	}
	v, err := s.content.Guide(ctx, r.PathValue("slug"), lang.Code, muni)
	if err != nil {
		return err
	}
	t := i18n.For(lang.Code)
	p := guidePage{
		Slug: v.Guide.Slug, Lang: v.Lang, Status: v.Status, Title: v.Title, Summary: v.Summary,
		// The HTML was sanitised when the text was saved (content.Render).
		HTML:        template.HTML(scrollTables(localizeLinks(v.HTML, lang.Code), v.Lang)),
		Varies:      v.Varies,
		UpdatedDate: longDate(t, v.Updated.In(s.loc)),
		UpdatedISO:  v.Updated.Format("2006-01-02"),
	}
	english := false
	for _, a := range v.Available {
		if l, ok := i18n.Lookup(a.Lang); ok && l.Code != lang.Code {
			p.Available = append(p.Available, l)
		}
		english = english || a.Lang == "en"
	}
	p.Notice = noticeFor("guide", v.Status, lang.Code, "/guides/"+v.Guide.Slug, english)
	for _, slug := range v.Guide.Places {
		pl, err := s.content.Place(ctx, slug)
		if err != nil {
			continue // a guide may name a place that was removed since
		}
		p.Places = append(p.Places, s.placeLinkFor(pl, lang.Code, munis, muni))
	}
	return render(s, w, r, "guide", lang, v.Title, p)
}

// localizeLinks points the site-relative links of a guide (/guides/…, /places/…)
// to the reader's language.
func localizeLinks(html, lang string) string {
	html = strings.ReplaceAll(html, `href="/guides/`, `href="/`+lang+`/guides/`)
	return strings.ReplaceAll(html, `href="/places/`, `href="/`+lang+`/places/`)
}

// placeLinkFor links a place; a municipal place links to the reader's own town's
// office when a municipality is chosen.
func (s *Server) placeLinkFor(pl *content.Place, lang string, munis []content.Municipality, muni string) placeLink {
	v := pl.In(lang)
	if pl.Municipal && muni != "" {
		for i := range munis {
			if munis[i].Slug == muni {
				return linkTo(v.At(&munis[i]), lang, "/"+lang+"/places/"+muni+"/"+pl.Slug)
			}
		}
	}
	return linkTo(v, lang, "/"+lang+"/places/"+pl.Slug)
}

// pickLang returns the text in lang, else English, else German, and the
// language of the text it found, so a page can mark text shown in another
// language with its own lang attribute.
func pickLang(m map[string]string, lang string) (string, string) {
	chain := []string{lang, "en", i18n.Source}
	if lang == i18n.Simple {
		chain = []string{i18n.Source, "en"}
	}
	for _, l := range chain {
		if v := m[l]; v != "" {
			return v, l
		}
	}
	return "", ""
}

func (s *Server) imprint(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	return render(s, w, r, "imprint", lang, i18n.For(lang.Code).Get("imprint.title"), struct{}{})
}

func (s *Server) privacy(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	return render(s, w, r, "privacy", lang, i18n.For(lang.Code).Get("privacy.title"), struct{}{})
}
