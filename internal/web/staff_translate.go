package web

import (
	"fmt"
	"net/http"
	"strings"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// textLang checks the {lang} of a staff URL and that u may work on it: German
// belongs to editors, a translation to its translators.
func textLang(r *http.Request, u *staff.User) (i18n.Language, error) {
	l, ok := i18n.Lookup(r.PathValue("lang"))
	if !ok || l.Code != r.PathValue("lang") {
		return l, errs.E(errs.NotFound, "error.not_found")
	}
	if l.Code == i18n.Source {
		if u.Role != staff.Admin && u.Role != staff.Editor {
			return l, errs.E(errs.Forbidden, "staff.error.forbidden")
		}
	} else if !u.Translates(l.Code) {
		return l, errs.E(errs.Forbidden, "staff.error.forbidden")
	}
	return l, nil
}

// translationLang is textLang for a translation: German is the source, not
// a translation, so it has no translation form.
func translationLang(r *http.Request, u *staff.User) (i18n.Language, error) {
	l, err := textLang(r, u)
	if err == nil && l.Code == i18n.Source {
		err = errs.E(errs.NotFound, "error.not_found")
	}
	return l, err
}

type historyPage struct {
	Slug      string
	Lang      i18n.Language
	Revisions []content.Revision
	Latest    int
}

func (s *Server) staffHistory(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	l, err := textLang(r, u)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	h, err := s.content.History(r.Context(), slug, l.Code)
	if err != nil {
		return err
	}
	if len(h) == 0 {
		return errs.E(errs.NotFound, "staff.error.no_revision")
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_history", u, "staff.history.title", historyPage{Slug: slug, Lang: l, Revisions: h, Latest: h[0].Number})
}

type diffPage struct {
	Slug string
	Lang i18n.Language
	A, B content.Revision
	Diff []content.DiffLine
}

func (s *Server) staffDiff(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	l, err := textLang(r, u)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	an, err := formInt(r, "a")
	if err != nil {
		return err
	}
	bn, err := formInt(r, "b")
	if err != nil {
		return err
	}
	a, err := s.content.Revision(r.Context(), slug, l.Code, an)
	if err != nil {
		return err
	}
	b, err := s.content.Revision(r.Context(), slug, l.Code, bn)
	if err != nil {
		return err
	}
	d := content.Diff("# "+a.Title+"\n"+a.Summary+"\n\n"+a.BodyMD, "# "+b.Title+"\n"+b.Summary+"\n\n"+b.BodyMD)
	return renderStaff(s, w, r, http.StatusOK, "staff_diff", u, "staff.diff.title", diffPage{Slug: slug, Lang: l, A: a, B: b, Diff: d})
}

func (s *Server) staffRestore(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	l, err := textLang(r, u)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	number, err := formInt(r, "number")
	if err != nil {
		return err
	}
	base, err := formInt(r, "base")
	if err != nil {
		return err
	}
	rev, err := s.content.Restore(r.Context(), slug, l.Code, number, base, r.PostFormValue("minor") != "", u.Email)
	if err != nil {
		old, _ := s.content.Revision(r.Context(), slug, l.Code, number)
		return s.saveFailed(w, r, u, err, conflictPage{Action: fmt.Sprintf("/staff/guides/%s/%s/history", slug, l.Code), Mine: old.Input()}, func(string) error { return err })
	}
	http.Redirect(w, r, fmt.Sprintf("/staff/guides/%s/%s/history?restored=%d", slug, l.Code, rev.Number), http.StatusSeeOther)
	return nil
}

// translationsPage is the translator dashboard: for each language of the user,
// what is missing or outdated: guides, the most read first, then places.
type translationsPage struct {
	Languages []langItems
}

type langItems struct {
	Lang   i18n.Language
	Items  []content.Work // guides
	Places []content.Work
}

func (s *Server) staffTranslations(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	var p translationsPage
	for _, l := range i18n.All() {
		if l.Code == i18n.Source || !u.Translates(l.Code) {
			continue
		}
		items, err := s.content.TranslationWork(r.Context(), l.Code)
		if err != nil {
			return err
		}
		places, err := s.content.PlaceTranslationWork(r.Context(), l.Code)
		if err != nil {
			return err
		}
		p.Languages = append(p.Languages, langItems{Lang: l, Items: items, Places: places})
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_translations", u, "staff.translations.title", p)
}

// translatePage is the side-by-side view: the German text the translation was
// made from, the current German text with the change highlighted, and the
// translation being edited.
type translatePage struct {
	Slug    string
	Lang    i18n.Language
	Status  string
	German  content.Text
	Number  int                // the history's number of that German text
	Changes []content.DiffLine // from the translation's German revision to the current one
	Base    int
	Source  int // the German revision this edit is made from
	Draft   bool
	Title   string
	Summary string
	BodyMD  string
	Message string
	Saved   string
}

func (s *Server) translateState(r *http.Request, u *staff.User) (translatePage, error) {
	ctx := r.Context()
	l, err := translationLang(r, u)
	if err != nil {
		return translatePage{}, err
	}
	slug := r.PathValue("slug")
	st, err := s.content.Status(ctx, slug)
	if err != nil {
		return translatePage{}, err
	}
	de, ok, err := s.content.Published(ctx, slug, i18n.Source)
	if err != nil {
		return translatePage{}, err
	}
	if !ok {
		return translatePage{}, errs.E(errs.NotFound, "error.guide_not_found")
	}
	latest, _, err := s.content.Latest(ctx, slug, l.Code)
	if err != nil {
		return translatePage{}, err
	}
	p := translatePage{Slug: slug, Lang: l, Status: st[l.Code], German: de, Base: latest.Number, Source: de.Revision,
		Draft: latest.Number > 0 && !latest.Published}
	if p.Number, err = s.germanNumber(ctx, slug, de.Revision); err != nil {
		return p, err
	}
	if pub, ok, err := s.content.Published(ctx, slug, l.Code); err != nil {
		return p, err
	} else if ok && pub.SourceRevision < de.Revision {
		if old, err := s.content.GermanAt(ctx, slug, pub.SourceRevision); err == nil {
			p.Changes = content.Diff(old.BodyMD, de.BodyMD)
		} else if errs.KindOf(err) != errs.NotFound {
			return p, err
		}
	}
	return p, nil
}

func (s *Server) staffTranslate(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p, err := s.translateState(r, u)
	if err != nil {
		return err
	}
	latest, ok, err := s.content.Latest(r.Context(), p.Slug, p.Lang.Code)
	if err != nil {
		return err
	}
	if ok {
		p.Title, p.Summary, p.BodyMD = latest.Title, latest.Summary, latest.BodyMD
	} else {
		// A new translation starts from the German text, replaced paragraph by paragraph.
		p.Title, p.Summary, p.BodyMD = p.German.Title, p.German.Summary, p.German.BodyMD
	}
	switch r.URL.Query().Get("saved") {
	case "draft":
		p.Saved = "staff.edit.saved_draft"
	case "published":
		p.Saved = "staff.edit.saved_published"
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_translate", u, "staff.translate.title", p)
}

func (s *Server) staffSaveTranslation(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p, err := s.translateState(r, u)
	if err != nil {
		return err
	}
	base, err := formInt(r, "base")
	if err != nil {
		return err
	}
	source, err := formInt(r, "source_revision")
	if err != nil {
		return err
	}
	in := content.TextInput{Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"), BodyMD: r.PostFormValue("body"),
		SourceRevision: source, Author: u.Email}
	publish := r.PostFormValue("action") == "publish"
	_, err = s.content.Save(r.Context(), p.Slug, p.Lang.Code, content.Edit{TextInput: in, Base: base, Publish: publish})
	action := "/staff/translations/" + p.Lang.Code + "/" + p.Slug
	if err != nil {
		return s.saveFailed(w, r, u, err, conflictPage{Action: action, Mine: in}, func(msg string) error {
			p.Title, p.Summary, p.BodyMD, p.Base, p.Source, p.Message = in.Title, in.Summary, in.BodyMD, base, source, msg
			return renderStaff(s, w, r, http.StatusBadRequest, "staff_translate", u, "staff.translate.title", p)
		})
	}
	saved := "draft"
	if publish {
		saved = "published"
	}
	http.Redirect(w, r, action+"?saved="+saved, http.StatusSeeOther)
	return nil
}

func (s *Server) staffExport(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	l, err := textLang(r, u)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/x-xliff+xml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="lotse-`+l.Code+`.xlf"`)
	return s.content.ExportXLIFF(r.Context(), l.Code, w)
}

type importPage struct {
	Lang     i18n.Language
	Result   content.ImportResult
	Problems []content.Problem
	Message  string
}

func (s *Server) staffImport(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	l, err := textLang(r, u)
	if err != nil {
		return err
	}
	p := importPage{Lang: l}
	r.Body = http.MaxBytesReader(w, r.Body, content.MaxXLIFF+1<<20)
	f, _, err := r.FormFile("file")
	if err != nil {
		p.Message = "staff.import.no_file"
		var tooLarge *http.MaxBytesError
		if errorsAs(err, &tooLarge) {
			p.Problems = []content.Problem{{Key: "too_large", Detail: "50 MB"}}
		}
		return renderStaff(s, w, r, http.StatusBadRequest, "staff_import", u, "staff.import.title", p)
	}
	defer f.Close()
	p.Result, err = s.content.ImportXLIFF(r.Context(), f, l.Code, u.Email)
	var ie *content.ImportError
	if errorsAs(err, &ie) {
		p.Problems, p.Message = ie.Problems, "staff.error.xliff"
		for i, pr := range p.Problems {
			// Name a German revision by its number in the history.
			if slug, _, ok := strings.Cut(pr.Unit, "."); ok && pr.Revision > 0 {
				if p.Problems[i].Revision, err = s.germanNumber(r.Context(), slug, pr.Revision); err != nil {
					return err
				}
			}
		}
		return renderStaff(s, w, r, http.StatusBadRequest, "staff_import", u, "staff.import.title", p)
	}
	if err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_import", u, "staff.import.title", p)
}
