package content

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"lotse/internal/db"
	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// PlaceTexts are a place's texts in one language, in the order a translator
// works through them.
type PlaceTexts struct {
	Name      string
	HelpsWith string
	Hours     string
	Branches  []string // the branches' names, in the place's order
}

// TextsIn returns the place's texts in lang.
func (p Place) TextsIn(lang string) PlaceTexts {
	t := PlaceTexts{Name: p.Name[lang], HelpsWith: p.HelpsWith[lang], Hours: p.Hours[lang]}
	for _, b := range p.Branches {
		t.Branches = append(t.Branches, b.Name[lang])
	}
	return t
}

// list is t as one list, in a fixed order.
func (t PlaceTexts) list() []string {
	return append([]string{t.Name, t.HelpsWith, t.Hours}, t.Branches...)
}

// PlaceTranslationVersion stamps what a translator of a place into lang sees:
// the German texts and those in lang. TranslatePlace refuses a save when
// either changed since.
func PlaceTranslationVersion(p Place, lang string) string {
	return stamp([]PlaceTexts{p.TextsIn(i18n.Source), p.TextsIn(lang)})
}

// PlaceTranslationWork lists what a translator into lang has to do for the
// places: every place with a text missing or outdated in lang, in list order.
func (s *Store) PlaceTranslationWork(ctx context.Context, lang string) ([]Work, error) {
	snap, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	var out []Work
	for _, p := range snap.places {
		if st := p.In(lang).Status; st != StatusUpToDate {
			out = append(out, Work{Slug: p.Slug, Title: p.Name[i18n.Source], Status: st,
				GermanRevision: p.Revision, SourceRevision: p.Translated[lang]})
		}
	}
	return out, nil
}

// TranslatePlace saves t as the texts of place slug in lang, a translation of
// the German texts as they are now: the language is up to date until German
// changes again, even where a text stayed as it was. An empty text is shown in
// German. version is the PlaceTranslationVersion the translator started from;
// when it no longer matches, nothing is saved and the error is errs.Conflict
// with a Stale holding the place as saved now.
func (s *Store) TranslatePlace(ctx context.Context, slug, lang string, t PlaceTexts, version string) error {
	if l, ok := i18n.Lookup(lang); !ok || l.Code != lang || lang == i18n.Source {
		return errs.E(errs.NotFound, "error.not_found")
	}
	return s.write(ctx, func(tx *db.Tx) error {
		var cur Place
		if err := lockRecord(ctx, tx, "places", slug, &cur, "error.place_not_found"); err != nil {
			return err
		}
		if PlaceTranslationVersion(cur, lang) != version || len(t.Branches) != len(cur.Branches) {
			return &errs.Error{Kind: errs.Conflict, MsgKey: "staff.error.changed", Err: &Stale[Place]{Current: cur}}
		}
		b, err := json.Marshal(cur.translated(lang, t))
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE places SET data = ? WHERE slug = ?", string(b), slug)
		return err
	})
}

// translated is p, freshly decoded, with t as its texts in lang, brought up
// to date with the current German revision. A text without German is
// dropped: there is nothing it translates.
func (p Place) translated(lang string, t PlaceTexts) Place {
	set := func(l Localized, text string) Localized {
		if l == nil {
			l = Localized{}
		}
		if text = strings.TrimSpace(text); text != "" && l[i18n.Source] != "" {
			l[lang] = text
		} else {
			delete(l, lang)
		}
		return l
	}
	p.Name, p.HelpsWith, p.Hours = set(p.Name, t.Name), set(p.HelpsWith, t.HelpsWith), set(p.Hours, t.Hours)
	for i := range p.Branches {
		p.Branches[i].Name = set(p.Branches[i].Name, t.Branches[i])
	}
	delete(p.Translated, lang)
	if p.Revision > 0 && slices.ContainsFunc(p.texts(lang), func(s string) bool { return s != "" }) {
		if p.Translated == nil {
			p.Translated = map[string]int{}
		}
		p.Translated[lang] = p.Revision
	}
	if len(p.Translated) == 0 {
		p.Translated = nil
	}
	return p
}
