package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"lotse/internal/content"
	"lotse/internal/errs"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// homePage is the staff dashboard: what needs doing in the user's languages.
type staffHomePage struct {
	Editor bool
	Booker bool // may book visits on behalf of visitors
	Work   []langWork
}

type langWork struct {
	Lang     i18n.Language
	Missing  int
	Outdated int
}

func (s *Server) staffHome(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	p := staffHomePage{Editor: u.Role == staff.Admin || u.Role == staff.Editor, Booker: slices.Contains(bookers, u.Role)}
	work, err := s.languageWork(r, u)
	if err != nil {
		return err
	}
	p.Work = work
	return renderStaff(s, w, r, http.StatusOK, "staff_home", u, "staff.home.title", p)
}

// languageWork counts what is missing and outdated in every language u translates.
func (s *Server) languageWork(r *http.Request, u *staff.User) ([]langWork, error) {
	var out []langWork
	for _, l := range i18n.All() {
		if l.Code == i18n.Source || !u.Translates(l.Code) {
			continue
		}
		items, err := s.content.TranslationWork(r.Context(), l.Code)
		if err != nil {
			return nil, err
		}
		lw := langWork{Lang: l}
		for _, it := range items {
			if it.Status == content.StatusMissing {
				lw.Missing++
			} else {
				lw.Outdated++
			}
		}
		out = append(out, lw)
	}
	return out, nil
}

// guideRow is a guide in the editors' list with its status per language.
type guideRow struct {
	content.Work
	Number   int // the history's number of the published German revision
	Outdated []string
	Missing  []string
}

func (s *Server) staffGuides(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	ctx := r.Context()
	all, err := s.content.Overview(ctx, i18n.Source)
	if err != nil {
		return err
	}
	rows := make([]guideRow, 0, len(all))
	for _, g := range all {
		st, err := s.content.Status(ctx, g.Slug)
		if err != nil {
			return err
		}
		n, err := s.germanNumber(ctx, g.Slug, g.GermanRevision)
		if err != nil {
			return err
		}
		row := guideRow{Work: g, Number: n}
		for _, l := range i18n.All() {
			switch st[l.Code] {
			case content.StatusOutdated:
				row.Outdated = append(row.Outdated, l.Code)
			case content.StatusMissing:
				row.Missing = append(row.Missing, l.Code)
			}
		}
		rows = append(rows, row)
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_guides", u, "staff.guides.title", rows)
}

// editPage is the editor screen of a German guide text.
type editPage struct {
	Slug      string
	Lang      i18n.Language
	Base      int
	Draft     bool // the newest revision is an unpublished draft
	Published int  // the published meaning revision (0: none)
	Title     string
	Summary   string
	BodyMD    string
	Preview   template.HTML
	Statuses  []content.Availability
	// Places are the agency links to tick, saved with the text;
	// Municipalities name the slugs of ::: municipality sections.
	Places         []placeChoice
	Municipalities []content.Municipality
	Message        string
	Saved          string
}

func (s *Server) staffEdit(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	slug := r.PathValue("slug")
	p, err := s.editState(r, slug)
	if err != nil {
		return err
	}
	latest, _, err := s.content.Latest(r.Context(), slug, i18n.Source)
	if err != nil {
		return err
	}
	p.Title, p.Summary, p.BodyMD = latest.Title, latest.Summary, latest.BodyMD
	linked, err := s.content.GuidePlaces(r.Context(), slug)
	if err != nil {
		return err
	}
	if p.Places, err = s.placeChoices(r, linked); err != nil {
		return err
	}
	switch r.URL.Query().Get("saved") {
	case "draft":
		p.Saved = "staff.edit.saved_draft"
	case "published":
		p.Saved = "staff.edit.saved_published"
	}
	return renderStaff(s, w, r, http.StatusOK, "staff_edit", u, "staff.edit.title", p)
}

// editState fills what the editor screen shows besides the text.
func (s *Server) editState(r *http.Request, slug string) (editPage, error) {
	ctx := r.Context()
	st, err := s.content.Status(ctx, slug)
	if err != nil {
		return editPage{}, err
	}
	latest, _, err := s.content.Latest(ctx, slug, i18n.Source)
	if err != nil {
		return editPage{}, err
	}
	pub, _, err := s.content.Published(ctx, slug, i18n.Source)
	if err != nil {
		return editPage{}, err
	}
	munis, err := s.content.Municipalities(ctx)
	if err != nil {
		return editPage{}, err
	}
	p := editPage{Slug: slug, Lang: i18n.MustLookup(i18n.Source), Base: latest.Number, Draft: !latest.Published && latest.Number > 0,
		Published: pub.Revision, Municipalities: munis}
	for _, l := range i18n.All() {
		if l.Code != i18n.Source {
			p.Statuses = append(p.Statuses, content.Availability{Lang: l.Code, Status: st[l.Code]})
		}
	}
	return p, nil
}

// staffSave saves a German text as draft or published, previews it, or shows
// the conflict page when someone else saved since the editor opened it.
func (s *Server) staffSave(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	slug := r.PathValue("slug")
	base, err := formInt(r, "base")
	if err != nil {
		return err
	}
	in := content.TextInput{
		Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"), BodyMD: r.PostFormValue("body"),
		Minor: r.PostFormValue("minor") != "", Author: u.Email,
	}
	action := r.PostFormValue("action")
	p, err := s.editState(r, slug)
	if err != nil {
		return err
	}
	p.Title, p.Summary, p.BodyMD, p.Base = in.Title, in.Summary, in.BodyMD, base
	links := guideLinks{Shown: r.PostForm.Has("places_shown"), Places: r.PostForm["places"]}
	if links.Shown {
		if p.Places, err = s.placeChoices(r, links.Places); err != nil {
			return err
		}
	}
	if action == "preview" {
		status := http.StatusOK
		if p.Preview, err = previewHTML(r.Context(), in.BodyMD); errs.KindOf(err) == errs.Invalid {
			status, p.Message = http.StatusBadRequest, errs.MsgKeyOf(err)
		} else if err != nil {
			return err
		}
		return renderStaff(s, w, r, status, "staff_edit", u, "staff.edit.title", p)
	}
	if err := s.saveGuide(r, u, slug, content.Edit{TextInput: in, Base: base, Publish: action == "publish"}, links); err != nil {
		return s.saveFailed(w, r, u, err, conflictPage{Action: "/staff/guides/" + slug + "/edit", Mine: in, Links: links}, func(msg string) error {
			p.Message = msg
			return renderStaff(s, w, r, http.StatusBadRequest, "staff_edit", u, "staff.edit.title", p)
		})
	}
	saved := "draft"
	if action == "publish" {
		saved = "published"
	}
	http.Redirect(w, r, "/staff/guides/"+slug+"/edit?saved="+saved, http.StatusSeeOther)
	return nil
}

// conflictPage shows both texts of a conflict: theirs as saved, the user's as
// typed, in a form that saves the user's text over theirs if they choose.
type conflictPage struct {
	Action string // where the form posts
	Theirs content.Revision
	Mine   content.TextInput
	Links  guideLinks // the agency links the editor chose, kept for the next save
	Diff   []content.DiffLine
}

// saveFailed renders what a failed save shows: the conflict page (p with
// what the editor typed), or the form again with the message of an invalid
// input.
func (s *Server) saveFailed(w http.ResponseWriter, r *http.Request, u *staff.User, err error, p conflictPage, invalid func(msg string) error) error {
	var c *content.Conflict
	if errors.As(err, &c) {
		p.Theirs, p.Diff = c.Theirs, content.Diff(c.Theirs.BodyMD, p.Mine.BodyMD)
		return renderStaff(s, w, r, http.StatusConflict, "staff_conflict", u, "staff.conflict.title", p)
	}
	if errs.KindOf(err) == errs.Invalid {
		return invalid(errs.MsgKeyOf(err))
	}
	return err
}

// staffPreview renders Markdown for the live preview of the editor screens;
// a text beyond the limits gives the message why in place of the preview
// (the editor's text stays in the form). When the editor has gone meanwhile,
// nothing is written.
func (s *Server) staffPreview(w http.ResponseWriter, r *http.Request, u *staff.User) error {
	html, err := previewHTML(r.Context(), r.PostFormValue("body"))
	if r.Context().Err() != nil {
		s.clientGone(r)
		return nil
	}
	if errs.KindOf(err) == errs.Invalid {
		msg := i18n.For(staffLang(r).Code).Get(errs.MsgKeyOf(err))
		html, err = template.HTML(`<p class="notice error" role="alert">`+template.HTMLEscapeString(msg)+`</p>`), nil
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = w.Write([]byte(html))
	return err
}

// previewHTML shows a text as readers see it, with every municipality variant
// labelled, since the editor writes them all.
func previewHTML(ctx context.Context, md string) (template.HTML, error) {
	segs, err := content.Render(ctx, md)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, seg := range segs {
		if seg.Group == 0 {
			b.WriteString(seg.HTML)
			continue
		}
		b.WriteString(`<div class="local"><p class="variant">` + template.HTMLEscapeString(strings.Join(seg.Municipalities, ", ")) + `</p>` + seg.HTML + `</div>`)
	}
	return template.HTML(b.String()), nil // sanitised by content.Render
}

// germanNumber returns the number under which the history lists German
// revision rev of a guide (the revision numbers translation tracking counts
// skip drafts and minor edits), so that every staff page names a German text
// by one number; 0 when there is none.
func (s *Server) germanNumber(ctx context.Context, slug string, rev int) (int, error) {
	r, err := s.content.GermanAt(ctx, slug, rev)
	if errs.KindOf(err) == errs.NotFound {
		return 0, nil
	}
	return r.Number, err
}
