package web

import (
	"net/http"
	"net/url"
	"strings"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// Cookies lotse sets. Both hold preferences, not personal data.
const (
	cookieLang         = "lotse_lang"
	cookieMunicipality = "lotse_municipality"
	cookieMaxAge       = 365 * 24 * 3600
)

// pickerID is the id of the municipality picker's form, where saving returns to.
const pickerID = "municipality-form"

// pageLang returns the language of the URL. An unknown code is a 404, rendered
// in the best language the browser accepts. It remembers the language in a cookie
// so that "/" sends the visitor back to it.
func pageLang(w http.ResponseWriter, r *http.Request) (i18n.Language, error) {
	code := r.PathValue("lang")
	l, ok := i18n.Lookup(code)
	if !ok {
		if l, ok = i18n.Closest(code); !ok {
			return i18n.Language{}, errs.E(errs.NotFound, "error.not_found")
		}
	}
	if l.Code != code {
		// "zh-hans", "zh-CN" → "/zh-Hans/…": one URL per page.
		to := "/" + l.Code + strings.TrimPrefix(r.URL.Path, "/"+code)
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		return l, redirect{to: to}
	}
	rememberLang(w, r, l.Code)
	return l, nil
}

// rememberLang sets the language cookie unless the request already carries it.
func rememberLang(w http.ResponseWriter, r *http.Request, code string) {
	if c, err := r.Cookie(cookieLang); err != nil || c.Value != code {
		http.SetCookie(w, &http.Cookie{Name: cookieLang, Value: code, Path: "/", MaxAge: cookieMaxAge, SameSite: http.SameSiteLaxMode, HttpOnly: true, Secure: secureCookie(r)})
	}
}

// redirect is an error-shaped instruction to redirect, so helpers that discover a
// non-canonical URL can say so through the normal error path.
type redirect struct{ to string }

func (r redirect) Error() string { return "redirect to " + r.to }

func langCookie(r *http.Request) string {
	if c, err := r.Cookie(cookieLang); err == nil {
		if l, ok := i18n.Lookup(c.Value); ok {
			return l.Code
		}
	}
	return ""
}

// root sends "/" to the visitor's language: the remembered one, else the best
// match of Accept-Language, else German.
func (s *Server) root(w http.ResponseWriter, r *http.Request) error {
	l := i18n.Match(langCookie(r), r.Header.Get("Accept-Language"))
	w.Header().Add("Vary", "Accept-Language, Cookie")
	http.Redirect(w, r, "/"+l.Code+"/", http.StatusSeeOther)
	return nil
}

// chosenMunicipality is the municipality of ?municipality= (a shared link), else
// the remembered one.
func (s *Server) chosenMunicipality(r *http.Request, munis []content.Municipality) *content.Municipality {
	slug := r.URL.Query().Get("municipality")
	if slug == "" {
		if c, err := r.Cookie(cookieMunicipality); err == nil {
			slug = c.Value
		}
	}
	for i := range munis {
		if munis[i].Slug == slug {
			return &munis[i]
		}
	}
	return nil
}

// setMunicipality remembers the chosen municipality (empty clears it) and returns
// to the page the form was on.
func (s *Server) setMunicipality(w http.ResponseWriter, r *http.Request) error {
	lang, err := pageLang(w, r)
	if err != nil {
		return err
	}
	slug := r.PostFormValue("municipality")
	if slug != "" {
		if _, err := s.content.Municipality(r.Context(), slug); err != nil {
			return &errs.Error{Kind: errs.Invalid, MsgKey: "error.bad_municipality", Field: "municipality"}
		}
	}
	c := &http.Cookie{Name: cookieMunicipality, Value: slug, Path: "/", MaxAge: cookieMaxAge, SameSite: http.SameSiteLaxMode, HttpOnly: true, Secure: secureCookie(r)}
	if slug == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
	// Back to the picker, which confirms the choice (base.Saved).
	saved := slug
	if saved == "" {
		saved = "-"
	}
	target := localReturn(r.PostFormValue("return"), "/"+lang.Code+"/")
	http.Redirect(w, r, target+"?saved="+url.QueryEscape(saved)+"#"+pickerID, http.StatusSeeOther)
	return nil
}

// localReturn accepts only a path on this site as a redirect target.
func localReturn(target, fallback string) string {
	u, err := url.Parse(target)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(target, "//") || strings.Contains(target, "\\") {
		return fallback
	}
	return u.Path
}
