package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// placeLang is one row of the place form's per-language table.
type placeLang struct {
	Lang                   i18n.Language
	Name, HelpsWith, Hours string
	Branches               []string // the branches' names
}

// branchColumn heads the column of a branch's name in the per-language
// table: its number, and its address to tell it apart.
type branchColumn struct {
	Number  int
	Address string
}

// guideChoice is a guide to tick on a form, by its German title.
type guideChoice struct {
	Slug, Title string
	Checked     bool
}

// placeEditPage is the edit form of a place, filled with what was saved or typed.
type placeEditPage struct {
	Slug      string
	Version   string
	Langs     []placeLang
	Branches  []branchColumn
	Address   string
	URL       string
	Languages string // comma-separated language codes spoken there
	OneStop   bool
	Guides    []guideChoice
	Problems  content.FieldErrors
	Changes   []fieldChange // someone else's values, after a conflict
	Message   string
	Saved     bool
}

func (s *Server) staffPlaces(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	places, err := s.content.Places(r.Context())
	if err != nil {
		return err
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_places", u, "staff.places.title", places)
}

func (s *Server) staffPlace(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p, err := s.content.Place(r.Context(), r.PathValue("place"))
	if err != nil {
		return err
	}
	page, err := s.placeForm(r, *p, content.PlaceVersion(*p))
	if err != nil {
		return err
	}
	page.Saved = r.URL.Query().Has("saved")
	return renderStaff(s, w, r, http.StatusOK, "staff_place", u, "staff.places.edit", page)
}

// staffSavePlace stores the form over the place. A wrong value shows the form
// again with every problem marked; a save that lost the race against another
// editor shows their values next to the form, which keeps what was typed.
func (s *Server) staffSavePlace(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	cur, err := s.content.Place(ctx, r.PathValue("place"))
	if err != nil {
		return err
	}
	r.ParseForm()
	mine := placeFromForm(*cur, r)
	version := r.PostFormValue("version")
	err = s.content.UpdatePlace(ctx, mine, version)
	if err == nil {
		http.Redirect(w, r, "/staff/places/"+mine.Slug+"?saved=1", http.StatusSeeOther)
		return nil
	}
	var fe content.FieldErrors
	var stale *content.Stale[content.Place]
	switch {
	case errors.As(err, &fe):
	case errors.As(err, &stale):
		version = content.PlaceVersion(stale.Current)
	default:
		return err
	}
	page, ferr := s.placeForm(r, mine, version)
	if ferr != nil {
		return ferr
	}
	page.Problems, page.Message = fe, errs.MsgKeyOf(err)
	if stale != nil {
		page.Changes = placeChanges(stale.Current, mine)
	}
	return renderStaff(s, w, r, errs.Status(errs.KindOf(err)), "staff_place", u, "staff.places.edit", page)
}

// placeForm fills the form with p.
func (s *Server) placeForm(r *http.Request, p content.Place, version string) (placeEditPage, error) {
	page := placeEditPage{Slug: p.Slug, Version: version, Address: p.Address, URL: p.URL,
		Languages: strings.Join(p.Languages, ", "), OneStop: p.OneStop}
	for _, l := range i18n.All() {
		t := p.TextsIn(l.Code)
		page.Langs = append(page.Langs, placeLang{Lang: l, Name: t.Name, HelpsWith: t.HelpsWith, Hours: t.Hours, Branches: t.Branches})
	}
	for i, b := range p.Branches {
		page.Branches = append(page.Branches, branchColumn{Number: i + 1, Address: b.Address})
	}
	guides, err := s.content.Guides(r.Context(), i18n.Source)
	if err != nil {
		return page, err
	}
	for _, g := range guides {
		page.Guides = append(page.Guides, guideChoice{Slug: g.Slug, Title: g.Title, Checked: slices.Contains(p.Guides, g.Slug)})
	}
	return page, nil
}

// placeFromForm is cur with the form's values; what the form does not show
// (branch addresses, the municipal flag) stays.
func placeFromForm(cur content.Place, r *http.Request) content.Place {
	p := cur
	p.Name, p.HelpsWith, p.Hours = map[string]string{}, map[string]string{}, map[string]string{}
	p.Branches = slices.Clone(cur.Branches)
	for i := range p.Branches {
		p.Branches[i].Name = content.Localized{}
	}
	for _, l := range i18n.All() {
		p.Name[l.Code] = r.PostFormValue("name." + l.Code)
		p.HelpsWith[l.Code] = r.PostFormValue("helps_with." + l.Code)
		p.Hours[l.Code] = r.PostFormValue("hours." + l.Code)
		for i := range p.Branches {
			p.Branches[i].Name[l.Code] = r.PostFormValue(branchField(i, l.Code))
		}
	}
	p.Address, p.URL = r.PostFormValue("address"), r.PostFormValue("url")
	p.Languages = strings.FieldsFunc(r.PostFormValue("languages"), func(c rune) bool { return c == ',' || c == ' ' })
	p.OneStop = r.PostFormValue("onestop") != ""
	p.Guides = r.PostForm["guides"]
	return p
}

// branchField names the form field of branch i's name in lang.
func branchField(i int, lang string) string { return "branch." + strconv.Itoa(i) + "." + lang }

// fieldChange is a form field whose saved value differs from the one typed.
type fieldChange struct {
	Label  string // message key of the field
	Lang   string // for a per-language field
	Theirs string
}

// fieldPair is a form field's saved and typed values, for changesOf.
type fieldPair struct{ label, lang, theirs, mine string }

// changesOf lists the fields whose values differ beyond blanks.
func changesOf(fields []fieldPair) []fieldChange {
	var out []fieldChange
	for _, f := range fields {
		if strings.TrimSpace(f.theirs) != strings.TrimSpace(f.mine) {
			out = append(out, fieldChange{Label: f.label, Lang: f.lang, Theirs: f.theirs})
		}
	}
	return out
}

// placeChanges lists the fields in which theirs differs from mine.
func placeChanges(theirs, mine content.Place) []fieldChange {
	var fields []fieldPair
	for _, l := range i18n.All() {
		fields = append(fields,
			fieldPair{"staff.places.name", l.Code, theirs.Name[l.Code], mine.Name[l.Code]},
			fieldPair{"staff.places.helps_with", l.Code, theirs.HelpsWith[l.Code], mine.HelpsWith[l.Code]},
			fieldPair{"staff.places.hours", l.Code, theirs.Hours[l.Code], mine.Hours[l.Code]},
			fieldPair{"staff.places.branch_names", l.Code, strings.Join(theirs.TextsIn(l.Code).Branches, " · "), strings.Join(mine.TextsIn(l.Code).Branches, " · ")})
	}
	return changesOf(append(fields,
		fieldPair{"staff.places.address", "", theirs.Address, mine.Address},
		fieldPair{"staff.places.url", "", theirs.URL, mine.URL},
		fieldPair{"staff.places.languages", "", strings.Join(theirs.Languages, ", "), strings.Join(mine.Languages, ", ")},
		fieldPair{"staff.places.onestop", "", yesNo(theirs.OneStop), yesNo(mine.OneStop)},
		fieldPair{"staff.places.guides", "", strings.Join(theirs.Guides, ", "), strings.Join(mine.Guides, ", ")}))
}

func yesNo(b bool) string {
	if b {
		return "✓"
	}
	return "–"
}
