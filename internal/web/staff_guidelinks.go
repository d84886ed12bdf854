package web

import (
	"net/http"
	"slices"
	"strings"

	"lotse/internal/content"
	"lotse/internal/i18n"
	"lotse/internal/staff"
)

// guideLinks are the agency links posted with a German text. Shown tells a
// form that offered them (and may have none ticked) from one that did not.
type guideLinks struct {
	Shown  bool
	Places []string
}

// placeChoice is a place to tick as an agency link of a guide.
type placeChoice struct {
	Slug, Name string
	Checked    bool
}

// placeChoices lists every place, the chosen ones first in their order (the
// order readers see them in, which the posted form keeps), then the rest.
func (s *Server) placeChoices(r *http.Request, chosen []string) ([]placeChoice, error) {
	places, err := s.content.Places(r.Context())
	if err != nil {
		return nil, err
	}
	var first, rest []placeChoice
	for _, slug := range chosen {
		if i := slices.IndexFunc(places, func(p content.Place) bool { return p.Slug == slug }); i >= 0 {
			first = append(first, placeChoice{Slug: slug, Name: places[i].Name[i18n.Source], Checked: true})
		}
	}
	for _, p := range places {
		if !slices.Contains(chosen, p.Slug) {
			rest = append(rest, placeChoice{Slug: p.Slug, Name: p.Name[i18n.Source]})
		}
	}
	return append(first, rest...), nil
}

// saveGuide saves a German edit with its agency links when the form showed
// them, and records a change of the links in the audit log.
func (s *Server) saveGuide(r *http.Request, u *staff.User, slug string, e content.Edit, links guideLinks) error {
	ctx := r.Context()
	if !links.Shown {
		_, err := s.content.Save(ctx, slug, i18n.Source, e)
		return err
	}
	before, err := s.content.GuidePlaces(ctx, slug)
	if err != nil {
		return err
	}
	if _, err := s.content.SaveGuide(ctx, slug, e, links.Places); err != nil {
		return err
	}
	after, err := s.content.GuidePlaces(ctx, slug)
	if err != nil || slices.Equal(before, after) {
		return err
	}
	state := "draft"
	if e.Publish {
		state = "published"
	}
	return s.staff.svc.Audit(ctx, u.Actor(), "guide.places", "guide/"+slug+" places="+strings.Join(after, ",")+" "+state)
}
