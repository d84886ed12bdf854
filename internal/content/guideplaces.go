package content

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// SaveGuide stores an edit of a guide's German text together with its agency
// links (place slugs, in the order readers see them). The links belong to the
// revision: a draft keeps them to itself, and only publishing makes them the
// links readers see, so a draft changes nothing public. The check against
// e.Base covers the links as well as the text.
func (s *Store) SaveGuide(ctx context.Context, slug string, e Edit, places []string) (Revision, error) {
	if e.Base < 0 {
		return Revision{}, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.invalid", Field: "base"}
	}
	places, err := s.knownPlaces(ctx, places)
	if err != nil {
		return Revision{}, err
	}
	joined := strings.Join(places, ",")
	return s.saveWith(ctx, slug, i18n.Source, e.TextInput, e.Publish, e.Base, func(tx *db.Tx, rev Revision) error {
		if _, err := tx.Exec(ctx, "UPDATE guide_revisions SET places = ? WHERE guide_slug = ? AND lang = ? AND number = ?",
			joined, slug, i18n.Source, rev.Number); err != nil {
			return err
		}
		if !e.Publish {
			return nil
		}
		_, err := tx.Exec(ctx, "UPDATE guides SET places = ? WHERE slug = ?", joined, slug)
		return err
	})
}

// knownPlaces drops blanks and repeats from slugs and rejects a slug of no place.
func (s *Store) knownPlaces(ctx context.Context, slugs []string) ([]string, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, p := range slugs {
		p = strings.TrimSpace(p)
		if p == "" || slices.Contains(out, p) {
			continue
		}
		if snap.placeBy[p] == nil {
			return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.unknown_place", Field: "places", Detail: p}
		}
		out = append(out, p)
	}
	return out, nil
}

// GuidePlaces returns the agency links an editor continues from: those saved
// with the newest German revision (a pending draft's), or, when that revision
// set none, the links readers see.
func (s *Store) GuidePlaces(ctx context.Context, slug string) ([]string, error) {
	var pending sql.NullString
	err := s.db.QueryRow(ctx, "SELECT places FROM guide_revisions WHERE guide_slug = ? AND lang = ? ORDER BY number DESC LIMIT 1",
		slug, i18n.Source).Scan(&pending)
	if err != nil && !isNoRows(err) {
		return nil, errs.Wrap(err, "pending places")
	}
	if pending.Valid {
		return splitSlugs(pending.String), nil
	}
	var public string
	err = s.db.QueryRow(ctx, "SELECT places FROM guides WHERE slug = ?", slug).Scan(&public)
	if isNoRows(err) {
		return nil, errs.E(errs.NotFound, "error.guide_not_found")
	}
	if err != nil {
		return nil, errs.Wrap(err, "guide places")
	}
	return splitSlugs(public), nil
}

// splitSlugs splits a comma-separated list of slugs, skipping blanks.
func splitSlugs(s string) []string {
	out := []string{}
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
