package content

import (
	"context"
	"fmt"
	"strings"
	"time"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// Revision is one save of a guide text in one language, draft or published.
// Number counts every save of the text; TextRevision is, for a published
// revision, the revision readers saw (for German: the meaning revision, which a
// minor edit keeps), and 0 for a draft.
type Revision struct {
	Lang           string
	Number         int
	SourceRevision int // a translation's German revision
	TextRevision   int
	Title          string
	Summary        string
	BodyMD         string
	Published      bool
	Minor          bool
	Author         string
	Created        time.Time
}

// Input returns the revision as a text to save again.
func (r Revision) Input() TextInput {
	return TextInput{Title: r.Title, Summary: r.Summary, BodyMD: r.BodyMD, SourceRevision: r.SourceRevision, Minor: r.Minor}
}

// Conflict is what a save gets when someone else saved the same text after the
// editor opened it: their revision and the editor's unsaved text, so that
// nothing is lost and the editor can merge by hand.
type Conflict struct {
	Theirs Revision
	Mine   TextInput
}

func (c *Conflict) Error() string {
	return fmt.Sprintf("revision %d was saved by %s in the meantime", c.Theirs.Number, c.Theirs.Author)
}

// Edit is a save from the editor screen.
type Edit struct {
	TextInput
	// Base is the number of the latest revision the editor started from (0 for
	// a text that did not exist). The save fails with a Conflict when another
	// revision was saved since.
	Base int
	// Publish makes the text public; otherwise it is a draft, which changes
	// neither what readers see nor any translation status.
	Publish bool
}

// Save stores an edit as a new revision. A German revision published without
// Minor makes every translation outdated; a translation published from the
// current German revision becomes up to date.
func (s *Store) Save(ctx context.Context, slug, lang string, e Edit) (Revision, error) {
	if e.Base < 0 {
		return Revision{}, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.invalid", Field: "base"}
	}
	if lang != i18n.Source {
		e.Minor = false
		if err := s.checkSource(ctx, slug, e.SourceRevision); err != nil {
			return Revision{}, err
		}
	}
	return s.save(ctx, slug, lang, e.TextInput, e.Publish, e.Base)
}

// checkSource rejects a translation that claims a German revision that does not
// exist.
func (s *Store) checkSource(ctx context.Context, slug string, source int) error {
	var cur int
	err := s.db.QueryRow(ctx, "SELECT revision FROM guide_texts WHERE guide_slug = ? AND lang = ?", slug, i18n.Source).Scan(&cur)
	if isNoRows(err) {
		return errs.E(errs.NotFound, "error.guide_not_found")
	}
	if err != nil {
		return errs.Wrap(err, "German revision")
	}
	if source < 1 || source > cur {
		return &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.source_revision", Field: "source_revision"}
	}
	return nil
}

// Restore publishes a copy of revision number as a new revision, checked
// against base like Save. Restoring a German text is a change of meaning unless
// minor is set.
func (s *Store) Restore(ctx context.Context, slug, lang string, number, base int, minor bool, author string) (Revision, error) {
	old, err := s.Revision(ctx, slug, lang, number)
	if err != nil {
		return Revision{}, err
	}
	in := old.Input()
	in.Minor, in.Author = minor && lang == i18n.Source, author
	return s.save(ctx, slug, lang, in, true, base)
}

const revisionColumns = `lang, number, COALESCE(source_revision, 0), COALESCE(text_revision, 0), title, summary, body_md, published, minor, author, created_at`

type scanner interface{ Scan(...any) error }

func scanRevision(row scanner) (Revision, error) {
	var r Revision
	err := row.Scan(&r.Lang, &r.Number, &r.SourceRevision, &r.TextRevision, &r.Title, &r.Summary, &r.BodyMD, &r.Published, &r.Minor, &r.Author, &r.Created)
	return r, err
}

// latestTx returns the newest revision of a text, or a zero Revision.
func latestTx(ctx context.Context, tx *db.Tx, slug, lang string) (Revision, error) {
	r, err := scanRevision(tx.QueryRow(ctx, "SELECT "+revisionColumns+" FROM guide_revisions WHERE guide_slug = ? AND lang = ? ORDER BY number DESC LIMIT 1", slug, lang))
	if isNoRows(err) {
		return Revision{Lang: lang}, nil
	}
	return r, err
}

// Latest returns the newest revision of a text, draft or published; ok is
// false when the text was never saved.
func (s *Store) Latest(ctx context.Context, slug, lang string) (r Revision, ok bool, err error) {
	r, err = scanRevision(s.db.QueryRow(ctx, "SELECT "+revisionColumns+" FROM guide_revisions WHERE guide_slug = ? AND lang = ? ORDER BY number DESC LIMIT 1", slug, lang))
	if isNoRows(err) {
		return Revision{Lang: lang}, false, nil
	}
	if err != nil {
		return r, false, errs.Wrap(err, "latest revision")
	}
	return r, true, nil
}

// Revision returns one revision of a text.
func (s *Store) Revision(ctx context.Context, slug, lang string, number int) (Revision, error) {
	r, err := scanRevision(s.db.QueryRow(ctx, "SELECT "+revisionColumns+" FROM guide_revisions WHERE guide_slug = ? AND lang = ? AND number = ?", slug, lang, number))
	if isNoRows(err) {
		return r, errs.E(errs.NotFound, "staff.error.no_revision")
	}
	if err != nil {
		return r, errs.Wrap(err, "revision")
	}
	return r, nil
}

// History lists every revision of a text, newest first.
func (s *Store) History(ctx context.Context, slug, lang string) ([]Revision, error) {
	rows, err := s.db.Query(ctx, "SELECT "+revisionColumns+" FROM guide_revisions WHERE guide_slug = ? AND lang = ? ORDER BY number DESC", slug, lang)
	if err != nil {
		return nil, errs.Wrap(err, "history")
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, errs.Wrap(err, "scan revision")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// GermanAt returns the German text as published at meaning revision rev (the
// last minor edit of it), which is what a translation of rev was made from.
func (s *Store) GermanAt(ctx context.Context, slug string, rev int) (Revision, error) {
	r, err := scanRevision(s.db.QueryRow(ctx, "SELECT "+revisionColumns+` FROM guide_revisions
		WHERE guide_slug = ? AND lang = ? AND published AND text_revision = ? ORDER BY number DESC LIMIT 1`, slug, i18n.Source, rev))
	if isNoRows(err) {
		return r, errs.E(errs.NotFound, "staff.error.no_revision")
	}
	if err != nil {
		return r, errs.Wrap(err, "German revision")
	}
	return r, nil
}

// Status returns the translation status of a guide in every language.
func (s *Store) Status(ctx context.Context, slug string) (map[string]string, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	texts, ok := snap.texts[slug]
	if !ok {
		return nil, errs.E(errs.NotFound, "error.guide_not_found")
	}
	out := map[string]string{}
	for _, l := range i18n.All() {
		out[l.Code] = status(texts, l.Code)
	}
	return out, nil
}

// Published returns the text readers see in lang, or ok false.
func (s *Store) Published(ctx context.Context, slug, lang string) (t Text, ok bool, err error) {
	snap, err := s.current(ctx)
	if err != nil {
		return t, false, err
	}
	p := snap.texts[slug][lang]
	if p == nil {
		return t, false, nil
	}
	return *p, true, nil
}

// lines splits a text into lines without their line ends, for diffs.
func lines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
