package content

import (
	"slices"

	"lotse/internal/i18n"
)

// revise carries the translation bookkeeping of a place from cur to next, the
// same place as an editor saved it. A changed German text raises the
// revision; a language whose texts changed in the same save was brought up to
// date with it; every other language keeps the revision it had, so a German
// change leaves it outdated until someone translates it again.
func revise(cur, next Place) Place {
	next.Revision, next.Translated = cur.Revision, map[string]int{}
	if !slices.Equal(cur.texts(i18n.Source), next.texts(i18n.Source)) {
		next.Revision++
	}
	for _, l := range i18n.All() {
		if l.Code == i18n.Source || !slices.ContainsFunc(next.texts(l.Code), func(s string) bool { return s != "" }) {
			continue
		}
		made := cur.Translated[l.Code]
		if !slices.Equal(cur.texts(l.Code), next.texts(l.Code)) {
			made = next.Revision
		}
		if made > 0 {
			next.Translated[l.Code] = made
		}
	}
	if len(next.Translated) == 0 {
		next.Translated = nil
	}
	return next
}

// texts lists the place's texts in lang, in a fixed order.
func (p Place) texts(lang string) []string { return p.TextsIn(lang).list() }
