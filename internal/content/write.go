package content

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// TextInput is a guide text to publish in one language.
type TextInput struct {
	Title   string
	Summary string
	BodyMD  string
	// SourceRevision is, for a translation, the German revision it was made from.
	SourceRevision int
	// Revision forces the German revision number (seeding); 0 counts on.
	Revision int
	// Minor marks a German edit that does not change meaning (a typo): its
	// translations stay up to date.
	Minor  bool
	Author string
	// Date, when set, is when the text was written (seeding a county whose
	// files give their date); zero means now.
	Date time.Time
}

// SaveCounty stores the county settings.
func (s *Store) SaveCounty(ctx context.Context, c County) error {
	return s.write(ctx, func(tx *db.Tx) error {
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		return putSetting(ctx, tx, "county", string(b))
	})
}

// PutMunicipality creates or replaces a municipality at a display position.
func (s *Store) PutMunicipality(ctx context.Context, m Municipality, position int) error {
	return s.write(ctx, func(tx *db.Tx) error {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO municipalities (slug, name, kind, position, data) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind, position = excluded.position, data = excluded.data`,
			m.Slug, m.Name, m.Kind, position, string(b))
		return err
	})
}

// PutPlace creates or replaces a place at a display position.
func (s *Store) PutPlace(ctx context.Context, p Place, position int) error {
	return s.write(ctx, func(tx *db.Tx) error {
		b, err := json.Marshal(p)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO places (slug, position, onestop, municipal, data) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (slug) DO UPDATE SET position = excluded.position, onestop = excluded.onestop, municipal = excluded.municipal, data = excluded.data`,
			p.Slug, position, p.OneStop, p.Municipal, string(b))
		return err
	})
}

// PutGuide creates or updates a guide's language-independent data.
func (s *Store) PutGuide(ctx context.Context, g Guide) error {
	return s.write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO guides (slug, topic, position, places) VALUES (?, ?, ?, ?)
			ON CONFLICT (slug) DO UPDATE SET topic = excluded.topic, position = excluded.position, places = excluded.places`,
			g.Slug, g.Topic, g.Position, strings.Join(g.Places, ","))
		return err
	})
}

// Publish stores a new published revision of a guide text in one language and
// makes it what readers see. Unlike Save it checks no base revision: seeding and
// imports use it.
func (s *Store) Publish(ctx context.Context, slug, lang string, in TextInput) error {
	_, err := s.save(ctx, slug, lang, in, true, -1)
	return err
}

// save validates in and stores it as a new revision, in one transaction with
// the optimistic-lock check against base (-1: none). A published revision also
// becomes the text readers see; a draft changes nothing else.
func (s *Store) save(ctx context.Context, slug, lang string, in TextInput, publish bool, base int) (Revision, error) {
	return s.saveWith(ctx, slug, lang, in, publish, base, nil)
}

// saveWith is save with also, when not nil, run in the same transaction after
// the revision is stored.
func (s *Store) saveWith(ctx context.Context, slug, lang string, in TextInput, publish bool, base int, also func(*db.Tx, Revision) error) (Revision, error) {
	if _, ok := i18n.Lookup(lang); !ok {
		return Revision{}, errs.E(errs.Invalid, "error.bad_language")
	}
	if strings.TrimSpace(in.Title) == "" {
		return Revision{}, &errs.Error{Kind: errs.Invalid, MsgKey: "error.required", Field: "title"}
	}
	rendered, err := Render(ctx, in.BodyMD)
	if err != nil {
		return Revision{}, err
	}
	segs, err := json.Marshal(rendered)
	if err != nil {
		return Revision{}, errs.Wrap(err, "encode segments")
	}
	var rev Revision
	err = s.write(ctx, func(tx *db.Tx) error {
		var err error
		rev, err = saveTx(ctx, tx, slug, lang, in, publish, base, string(segs))
		if err != nil || also == nil {
			return err
		}
		return also(tx, rev)
	})
	return rev, err
}

func saveTx(ctx context.Context, tx *db.Tx, slug, lang string, in TextInput, publish bool, base int, segs string) (Revision, error) {
	// Locking the guide row serialises writers of one guide on PostgreSQL
	// (SQLite's IMMEDIATE transactions already do).
	var found string
	if err := tx.QueryRow(ctx, "SELECT slug FROM guides WHERE slug = ?"+tx.ForUpdate(), slug).Scan(&found); err != nil {
		if isNoRows(err) {
			return Revision{}, errs.E(errs.NotFound, "error.guide_not_found")
		}
		return Revision{}, err
	}
	latest, err := latestTx(ctx, tx, slug, lang)
	if err != nil {
		return Revision{}, err
	}
	if base >= 0 && latest.Number != base {
		return Revision{}, &errs.Error{Kind: errs.Conflict, MsgKey: "staff.error.conflict", Err: &Conflict{Theirs: latest, Mine: in}}
	}
	now := time.Now().UTC()
	if !in.Date.IsZero() {
		now = in.Date.UTC()
	}
	rev := Revision{Lang: lang, Number: latest.Number + 1, Title: in.Title, Summary: in.Summary, BodyMD: in.BodyMD,
		Published: publish, Minor: in.Minor, Author: in.Author, Created: now}
	var src any
	if lang != i18n.Source {
		src, rev.SourceRevision = in.SourceRevision, in.SourceRevision
	}
	var textRev any
	if publish {
		revision := in.Revision
		if revision == 0 {
			var cur int
			err := tx.QueryRow(ctx, "SELECT revision FROM guide_texts WHERE guide_slug = ? AND lang = ?", slug, lang).Scan(&cur)
			if err != nil && !isNoRows(err) {
				return Revision{}, err
			}
			revision = cur + 1
			if in.Minor && cur > 0 {
				revision = cur
			}
		}
		textRev, rev.TextRevision = revision, revision
		_, err := tx.Exec(ctx, `INSERT INTO guide_texts (guide_slug, lang, revision, source_revision, title, summary, body_md, body_html, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (guide_slug, lang) DO UPDATE SET revision = excluded.revision, source_revision = excluded.source_revision,
			title = excluded.title, summary = excluded.summary, body_md = excluded.body_md, body_html = excluded.body_html, updated_at = excluded.updated_at`,
			slug, lang, revision, src, in.Title, in.Summary, in.BodyMD, segs, now)
		if err != nil {
			return Revision{}, err
		}
	}
	_, err = tx.Exec(ctx, `INSERT INTO guide_revisions (guide_slug, lang, number, source_revision, title, summary, body_md, published, minor, author, created_at, text_revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		slug, lang, rev.Number, src, in.Title, in.Summary, in.BodyMD, publish, in.Minor, in.Author, now, textRev)
	return rev, err
}

// write runs fn in a transaction and bumps the content version so that other
// instances reload; once committed it drops this instance's snapshot and
// publishes Topic on a live store's broker.
func (s *Store) write(ctx context.Context, fn func(*db.Tx) error) error {
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		tx.AfterCommit(func() { s.invalidate(); s.publish(ctx) })
		return putSetting(ctx, tx, "content_version", strconv.FormatInt(time.Now().UnixNano(), 36))
	})
	if err == nil {
		return nil
	}
	s.invalidate() // a failed commit may have written: read the database again
	if errs.KindOf(err) == errs.Internal {
		return errs.Wrap(err, "write content")
	}
	return err
}

func putSetting(ctx context.Context, tx *db.Tx, key, value string) error {
	_, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
