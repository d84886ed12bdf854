package content

import (
	"encoding/json"

	"lotse/internal/i18n"
)

// Localized is a text readers see, by language code: German (i18n.Source) is
// the source, the other languages are its translations.
type Localized map[string]string

// UnmarshalJSON reads an object of language codes, or a plain string as the
// German text (how branch names were stored before they were translated).
func (l *Localized) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*l = Localized{i18n.Source: s}
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*l = m
	return nil
}

// statusOf is the status of a translation into lang, made from German
// revision made, while the German text is at revision current. Guides and
// places share it, so both are marked alike.
func statusOf(lang string, exists bool, made, current int) string {
	switch {
	case !exists:
		return StatusMissing
	case lang == i18n.Source || made >= current:
		return StatusUpToDate
	default:
		return StatusOutdated
	}
}

// worse is the status a reader should be told of when one text has status a
// and another b: missing before outdated before up to date.
func worse(a, b string) string {
	rank := map[string]int{"": 0, StatusUpToDate: 1, StatusOutdated: 2, StatusMissing: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
