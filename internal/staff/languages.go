package staff

import (
	"slices"

	"lotse/internal/errs"
	"lotse/internal/i18n"
)

// TranslationLanguages lists the codes a translator can be assigned: every
// portal language except German, the source, in the portal's order.
func TranslationLanguages() []string {
	var out []string
	for _, l := range i18n.All() {
		if l.Code != i18n.Source {
			out = append(out, l.Code)
		}
	}
	return out
}

// checkLanguages validates the languages of an account of role and returns
// them as canonical codes ("zh-hans" becomes "zh-Hans"), each once. A
// translator needs at least one; other roles keep none, since only
// translators are limited to languages.
func checkLanguages(role Role, codes []string) ([]string, error) {
	var out []string
	for _, c := range codes {
		l, ok := i18n.Lookup(c)
		if !ok || l.Code == i18n.Source {
			return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.language", Field: "languages", Detail: c}
		}
		if !slices.Contains(out, l.Code) {
			out = append(out, l.Code)
		}
	}
	if role != Translator {
		return nil, nil
	}
	if len(out) == 0 {
		return nil, &errs.Error{Kind: errs.Invalid, MsgKey: "staff.error.translator_languages", Field: "languages"}
	}
	return out, nil
}
