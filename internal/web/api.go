package web

import (
	"embed"
	"net/http"
	"strings"
	"time"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

//go:embed openapi.yaml
var openapiFS embed.FS

// apiLang is the language of an API call: ?lang= when given (and valid), else the
// best match of Accept-Language.
func apiLang(r *http.Request) (i18n.Language, error) {
	code := r.URL.Query().Get("lang")
	if code == "" {
		return i18n.Match(r.Header.Get("Accept-Language")), nil
	}
	l, ok := i18n.Lookup(code)
	if !ok {
		return l, &errs.Error{Kind: errs.Invalid, MsgKey: "error.bad_language", Field: "lang"}
	}
	return l, nil
}

func writeJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Cache-Control", "no-cache")
	writeJSONStatus(w, http.StatusOK, v)
	return nil
}

func (s *Server) apiSpec(w http.ResponseWriter, r *http.Request) error {
	b, err := openapiFS.ReadFile("openapi.yaml")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	_, err = w.Write(b)
	return err
}

type apiLanguage struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Dir  string `json:"dir"`
}

func (s *Server) apiLanguages(w http.ResponseWriter, r *http.Request) error {
	out := []apiLanguage{}
	for _, l := range i18n.All() {
		out = append(out, apiLanguage{Code: l.Code, Name: l.Name, Dir: l.Dir})
	}
	return writeJSON(w, out)
}

type apiMunicipality struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

func (s *Server) apiMunicipalities(w http.ResponseWriter, r *http.Request) error {
	munis, err := s.content.Municipalities(r.Context())
	if err != nil {
		return err
	}
	out := []apiMunicipality{}
	for _, m := range munis {
		out = append(out, apiMunicipality{Slug: m.Slug, Name: m.Name, Kind: m.Kind})
	}
	return writeJSON(w, out)
}

func (s *Server) apiGuides(w http.ResponseWriter, r *http.Request) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	guides, err := s.content.Guides(r.Context(), lang.Code)
	if err != nil {
		return err
	}
	if guides == nil {
		guides = []content.Summary{}
	}
	return writeJSON(w, guides)
}

type apiGuide struct {
	Slug          string                 `json:"slug"`
	Lang          string                 `json:"lang"`
	RequestedLang string                 `json:"requested_lang"`
	Title         string                 `json:"title"`
	Summary       string                 `json:"summary"`
	HTML          string                 `json:"html"`
	Status        string                 `json:"status"`
	Topic         string                 `json:"topic"`
	Municipality  *string                `json:"municipality"`
	Varies        bool                   `json:"varies_by_municipality"`
	Updated       string                 `json:"updated"`
	Places        []string               `json:"places"`
	Available     []content.Availability `json:"available_languages"`
}

func (s *Server) apiGuide(w http.ResponseWriter, r *http.Request) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var muni *string
	if m := r.URL.Query().Get("municipality"); m != "" {
		if _, err := s.content.Municipality(ctx, m); err != nil {
			return &errs.Error{Kind: errs.Invalid, MsgKey: "error.bad_municipality", Field: "municipality"}
		}
		muni = &m
	}
	slug := ""
	if muni != nil {
		slug = *muni
	}
	v, err := s.content.Guide(ctx, r.PathValue("slug"), lang.Code, slug)
	if err != nil {
		return err
	}
	places := v.Guide.Places
	if places == nil {
		places = []string{}
	}
	return writeJSON(w, apiGuide{
		Slug: v.Guide.Slug, Lang: v.Lang, RequestedLang: lang.Code, Title: v.Title, Summary: v.Summary,
		HTML: localizeLinks(v.HTML, lang.Code), Status: v.Status, Topic: v.Guide.Topic, Municipality: muni,
		Varies: v.Varies, Updated: v.Updated.UTC().Format(time.RFC3339), Places: places, Available: v.Available,
	})
}

// apiPlace is a place in the reader's language. Each text says which language
// it is in and the status of the requested language, as a guide does; Status
// is the most urgent of them.
type apiPlace struct {
	Slug          string                 `json:"slug"`
	RequestedLang string                 `json:"requested_lang"`
	Status        string                 `json:"status"`
	Name          content.Served         `json:"name"`
	HelpsWith     content.Served         `json:"helps_with"`
	Address       string                 `json:"address"`
	Branches      []content.ServedBranch `json:"branches"`
	Hours         *content.Served        `json:"hours"`
	Languages     []string               `json:"languages"`
	OneStop       bool                   `json:"onestop"`
	Municipal     bool                   `json:"municipal"`
	URL           string                 `json:"url"`
	Guides        []string               `json:"guides"`
}

func toAPIPlace(p *content.Place, lang string) apiPlace {
	v := p.In(lang)
	out := apiPlace{
		Slug: p.Slug, RequestedLang: lang, Status: v.Status, Name: v.Name, HelpsWith: v.HelpsWith, Address: p.Address,
		Branches: v.Branches, Languages: p.Languages, OneStop: p.OneStop, Municipal: p.Municipal, URL: p.URL, Guides: p.Guides,
	}
	if v.Hours.Text != "" {
		out.Hours = &v.Hours
	}
	if out.Branches == nil {
		out.Branches = []content.ServedBranch{}
	}
	if out.Languages == nil {
		out.Languages = []string{}
	}
	if out.Guides == nil {
		out.Guides = []string{}
	}
	return out
}

func (s *Server) apiPlaces(w http.ResponseWriter, r *http.Request) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	places, err := s.content.Places(r.Context())
	if err != nil {
		return err
	}
	out := []apiPlace{}
	for i := range places {
		out = append(out, toAPIPlace(&places[i], lang.Code))
	}
	return writeJSON(w, out)
}

func (s *Server) apiPlace(w http.ResponseWriter, r *http.Request) error {
	lang, err := apiLang(r)
	if err != nil {
		return err
	}
	p, err := s.content.Place(r.Context(), strings.TrimSpace(r.PathValue("slug")))
	if err != nil {
		return err
	}
	return writeJSON(w, toAPIPlace(p, lang.Code))
}
