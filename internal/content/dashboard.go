package content

import (
	"cmp"
	"context"
	"slices"

	"lotse/internal/i18n"
)

// Work is a guide or a place as the staff dashboards list it (a place has no
// Reads; its revisions are those of its texts).
type Work struct {
	Slug   string
	Title  string // German
	Status string // in the language asked for
	Reads  int64
	// GermanRevision is the current German meaning revision; SourceRevision the
	// one the translation was made from (0 when missing).
	GermanRevision int
	SourceRevision int
}

// TranslationWork lists what a translator into lang has to do: every guide
// whose translation is missing or outdated, the most read first.
func (s *Store) TranslationWork(ctx context.Context, lang string) ([]Work, error) {
	all, err := s.Overview(ctx, lang)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, w := range all {
		if w.Status != StatusUpToDate {
			out = append(out, w)
		}
	}
	return out, nil
}

// Overview lists every guide with its status in lang, the most read first.
func (s *Store) Overview(ctx context.Context, lang string) ([]Work, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	reads, err := s.Reads(ctx)
	if err != nil {
		return nil, err
	}
	var out []Work
	for _, g := range snap.guides {
		texts := snap.texts[g.Slug]
		de := texts[i18n.Source]
		if de == nil {
			continue
		}
		w := Work{Slug: g.Slug, Title: de.Title, Status: status(texts, lang), Reads: reads[g.Slug], GermanRevision: de.Revision}
		if t := texts[lang]; t != nil {
			w.SourceRevision = t.SourceRevision
		}
		out = append(out, w)
	}
	slices.SortStableFunc(out, func(a, b Work) int { return cmp.Compare(b.Reads, a.Reads) })
	return out, nil
}
