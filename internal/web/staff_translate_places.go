package web

import (
	"errors"
	"net/http"
	"strconv"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// placeTranslatePage is the side-by-side form of a place's texts: each German
// text next to its translation into Lang, with that text's status.
type placeTranslatePage struct {
	Slug    string
	Lang    i18n.Language
	Name    string // German, for the heading
	Status  string // the place's, as the dashboard lists it
	Version string
	Fields  []placeField
	Message string
	Saved   bool
}

// placeField is one text of a place on the translation form.
type placeField struct {
	Name   string // of the form field
	Label  string // message key
	Number int    // of a branch, counted from 1; its label takes it
	Long   bool   // a text area rather than one line
	Status string
	German string
	Text   string // the translation as saved, or as typed
	Theirs string // saved by someone else after the form was opened
}

// newPlaceTranslatePage is the form for p in l, filled with what is saved.
// Texts without German are left out: they have nothing to translate.
func newPlaceTranslatePage(p content.Place, l i18n.Language) placeTranslatePage {
	de, tr, v := p.TextsIn(i18n.Source), p.TextsIn(l.Code), p.In(l.Code)
	all := []placeField{
		{Name: "name", Label: "staff.places.name", Status: v.Name.Status, German: de.Name, Text: tr.Name},
		{Name: "helps_with", Label: "staff.places.helps_with", Long: true, Status: v.HelpsWith.Status, German: de.HelpsWith, Text: tr.HelpsWith},
		{Name: "hours", Label: "staff.places.hours", Long: true, Status: v.Hours.Status, German: de.Hours, Text: tr.Hours},
	}
	for i, name := range de.Branches {
		all = append(all, placeField{Name: "branch." + strconv.Itoa(i), Label: "staff.places.branch_name", Number: i + 1,
			Status: v.Branches[i].Name.Status, German: name, Text: tr.Branches[i]})
	}
	page := placeTranslatePage{Slug: p.Slug, Lang: l, Name: de.Name, Status: v.Status, Version: content.PlaceTranslationVersion(p, l.Code)}
	for _, f := range all {
		if f.German != "" {
			page.Fields = append(page.Fields, f)
		}
	}
	return page
}

// typed fills the form with what r posted, and notes where it differs from
// what is saved.
func (p *placeTranslatePage) typed(r *http.Request) {
	for i, f := range p.Fields {
		mine := r.PostFormValue(f.Name)
		if mine != f.Text {
			p.Fields[i].Theirs = f.Text
		}
		p.Fields[i].Text = mine
	}
}

// placeTextsFrom reads the texts of p in the translator's language from the
// form; a text the form does not show is empty.
func placeTextsFrom(r *http.Request, p content.Place) content.PlaceTexts {
	t := content.PlaceTexts{Name: r.PostFormValue("name"), HelpsWith: r.PostFormValue("helps_with"), Hours: r.PostFormValue("hours")}
	for i := range p.Branches {
		t.Branches = append(t.Branches, r.PostFormValue("branch."+strconv.Itoa(i)))
	}
	return t
}

// translatedPlace is the place a translation route names and its language,
// which u must translate.
func (s *Server) translatedPlace(r *http.Request, u *staff.User) (content.Place, i18n.Language, error) {
	l, err := translationLang(r, u)
	if err != nil {
		return content.Place{}, l, err
	}
	p, err := s.content.Place(r.Context(), r.PathValue("place"))
	if err != nil {
		return content.Place{}, l, err
	}
	return *p, l, nil
}

func (s *Server) staffTranslatePlace(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p, l, err := s.translatedPlace(r, u)
	if err != nil {
		return err
	}
	page := newPlaceTranslatePage(p, l)
	page.Saved = r.URL.Query().Has("saved")
	return renderStaff(s, w, r, http.StatusOK, "staff_translate_place", u, "staff.translate.title", page)
}

// staffSavePlaceTranslation saves the place's texts in one language, which
// brings it up to date with the German texts. A save that lost the race
// against another (German or translation) shows the form again with what was
// typed and the texts saved meanwhile.
func (s *Server) staffSavePlaceTranslation(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p, l, err := s.translatedPlace(r, u)
	if err != nil {
		return err
	}
	err = s.content.TranslatePlace(r.Context(), p.Slug, l.Code, placeTextsFrom(r, p), r.PostFormValue("version"))
	var stale *content.Stale[content.Place]
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/translations/"+l.Code+"/places/"+p.Slug+"?saved=1", http.StatusSeeOther)
		return nil
	case !errors.As(err, &stale):
		return err
	}
	page := newPlaceTranslatePage(stale.Current, l)
	page.typed(r)
	page.Message = errs.MsgKeyOf(err)
	return renderStaff(s, w, r, errs.Status(errs.KindOf(err)), "staff_translate_place", u, "staff.translate.title", page)
}
