package content

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// Availability is the translation status of a guide in one language.
type Availability struct {
	Lang   string `json:"lang"`
	Status string `json:"status"`
}

// Summary is a guide as a list shows it in one language.
type Summary struct {
	Slug    string `json:"slug"`
	Topic   string `json:"-"`
	Lang    string `json:"lang"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Status  string `json:"status"`
}

// View is a guide as one reader sees it: in their language when it exists,
// otherwise the German source, with the status of their language.
type View struct {
	Guide     Guide
	Requested string // the reader's language
	Lang      string // the language of the text served
	Status    string // the status of the requested language
	Title     string
	Summary   string
	HTML      string
	Varies    bool // part of the text depends on the municipality
	Updated   time.Time
	Available []Availability
}

// status compares a translation with the German source.
func status(texts map[string]*Text, lang string) string {
	t, ok := texts[lang]
	if !ok {
		return StatusMissing
	}
	current := 0
	if de, ok := texts[i18n.Source]; ok {
		current = de.Revision
	}
	return statusOf(lang, true, t.SourceRevision, current)
}

// served picks the text shown for lang: the translation unless it is missing.
func served(texts map[string]*Text, lang string) (*Text, string) {
	st := status(texts, lang)
	if st == StatusMissing {
		return texts[i18n.Source], st
	}
	return texts[lang], st
}

// Guide returns the guide slug for a reader of lang in municipality ("" if none).
func (s *Store) Guide(ctx context.Context, slug, lang, municipality string) (*View, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	g, ok := snap.guideBy[slug]
	texts := snap.texts[slug]
	if !ok || texts[i18n.Source] == nil {
		return nil, errs.E(errs.NotFound, "error.guide_not_found")
	}
	t, st := served(texts, lang)
	html, varies := Select(t.Segments, municipality)
	v := &View{
		Guide: *g, Requested: lang, Lang: t.Lang, Status: st,
		Title: t.Title, Summary: t.Summary, HTML: html, Varies: varies, Updated: t.Updated,
	}
	for _, l := range i18n.All() {
		if st := status(texts, l.Code); st != StatusMissing {
			v.Available = append(v.Available, Availability{Lang: l.Code, Status: st})
		}
	}
	return v, nil
}

// Guides lists every guide with its title in lang (German where missing).
func (s *Store) Guides(ctx context.Context, lang string) ([]Summary, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(snap.guides))
	for _, g := range snap.guides {
		texts := snap.texts[g.Slug]
		if texts[i18n.Source] == nil {
			continue
		}
		t, st := served(texts, lang)
		out = append(out, Summary{Slug: g.Slug, Topic: g.Topic, Lang: t.Lang, Title: t.Title, Summary: t.Summary, Status: st})
	}
	return out, nil
}

// County returns the county's settings.
func (s *Store) County(ctx context.Context) (County, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return County{}, err
	}
	return snap.county, nil
}

// Municipalities lists the county's municipalities in display order.
func (s *Store) Municipalities(ctx context.Context) ([]Municipality, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return snap.munis, nil
}

// Municipality returns one municipality by slug.
func (s *Store) Municipality(ctx context.Context, slug string) (*Municipality, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	m, ok := snap.muniBy[slug]
	if !ok {
		return nil, errs.E(errs.NotFound, "error.municipality_not_found")
	}
	return m, nil
}

// Places lists the agencies and places.
func (s *Store) Places(ctx context.Context) ([]Place, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return snap.places, nil
}

// Place returns one place by slug.
func (s *Store) Place(ctx context.Context, slug string) (*Place, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	p, ok := snap.placeBy[slug]
	if !ok {
		return nil, errs.E(errs.NotFound, "error.place_not_found")
	}
	return p, nil
}

// Empty reports whether the database holds no county yet, so the demo can be loaded.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM settings WHERE key = 'county'").Scan(&n); err != nil {
		return false, errs.Wrap(err, "count county")
	}
	return n == 0, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Document is one published text of the portal, for the search index.
type Document struct {
	Type    string // "guide" or "place"
	Slug    string
	Lang    string
	Title   string
	Summary string
	HTML    string // a guide's body with every municipality variant
}

// Documents lists every published guide text and every place in each language
// it has, for the search index.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	var out []Document
	for _, g := range snap.guides {
		for lang, t := range snap.texts[g.Slug] {
			var b strings.Builder
			for _, seg := range t.Segments {
				b.WriteString(seg.HTML)
			}
			out = append(out, Document{Type: "guide", Slug: g.Slug, Lang: lang, Title: t.Title, Summary: t.Summary, HTML: b.String()})
		}
	}
	for _, p := range snap.places {
		for lang, name := range p.Name {
			out = append(out, Document{Type: "place", Slug: p.Slug, Lang: lang, Title: name, Summary: p.HelpsWith[lang]})
		}
	}
	// Each town's own offices, so that a search for the town finds them, in
	// every language of the place and named as their pages name them.
	for i := range snap.munis {
		m := &snap.munis[i]
		for _, kind := range []string{"buergerbuero", "sozialamt"} {
			p, ok := snap.placeBy[kind]
			if _, has := m.Office(kind); !ok || !has {
				continue
			}
			for lang := range p.Name {
				v := p.In(lang).At(m)
				out = append(out, Document{Type: "place", Slug: m.Slug + "/" + kind, Lang: lang,
					Title: v.Name.Text, Summary: v.Address + " – " + v.HelpsWith.Text})
			}
		}
	}
	return out, nil
}
