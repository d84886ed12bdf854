package web

import (
	"lotse/internal/content"
	"lotse/internal/i18n"
)

// translationNotice tells a reader that a guide or place is not, or not
// freshly, in their language (template "translation-notice" in layout.html).
// Status is that of the reader's language; German links the current German
// text; English, set only when German stands in for a missing translation and
// an English version exists, offers that instead.
type translationNotice struct {
	Kind    string // "guide" or "place": which messages to show
	Status  string
	German  string
	English string
}

// noticeFor is the notice for a kind of text at path (after the language) with
// status in lang; english says whether an English version exists.
func noticeFor(kind, status, lang, path string, english bool) translationNotice {
	n := translationNotice{Kind: kind, Status: status, German: "/" + i18n.Source + path}
	if status == content.StatusMissing && english && lang != "en" && lang != i18n.Source && lang != i18n.Simple {
		n.English = "/en" + path
	}
	return n
}

// linkTo links a place as v shows it, its name marked with its language when
// that is not the page's and its Latin runs isolated in right-to-left text.
func linkTo(v content.PlaceView, lang, url string) placeLink {
	l := placeLink{Slug: v.Place.Slug, Name: show(v.Name, lang).HTML, URL: url, Address: v.Address}
	if v.Name.Lang != lang {
		l.Lang = v.Name.Lang
	}
	return l
}
