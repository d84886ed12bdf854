package lotse

import (
	"fmt"
	"slices"
	"strings"
)

// InputError reports answers that cannot be used: a value that is not
// allowed, a wrong type, a missing required field or an impossible
// combination. The CLI exits with 2 and the API answers 400 with it. Msg is
// in the language asked for: Build and BuildAnswers localize it from
// Options.Lang; errors of DecodeAnswers, Answers.Set and ParseToken are in
// English until the caller calls Localize.
type InputError struct {
	Field   string   `json:"field"`
	Value   string   `json:"value,omitempty"`
	Allowed []string `json:"allowed,omitempty"`
	Code    string   `json:"code"` // unknown_value, type, json, required, combination, too_long, unknown_field, token
	Msg     string   `json:"message"`
}

// Error returns the message.
func (e *InputError) Error() string { return e.Msg }

// badValue builds the error for a value a field does not allow.
func badValue(f *Field, got string) *InputError {
	e := &InputError{Field: f.Name, Value: got, Code: "unknown_value", Allowed: allowedOf(f)}
	e.Msg = fmt.Sprintf("%s: %s is not allowed; allowed: %s", f.Name, got, strings.Join(e.Allowed, ", "))
	return e
}

// allowedOf describes the values a field accepts.
func allowedOf(f *Field) []string {
	switch f.Type {
	case "bool":
		return []string{"true", "false"}
	case "date":
		return []string{"YYYY-MM-DD", "null"}
	case "country":
		return []string{"ISO 3166-1 alpha-2 code (e.g. SY, XK)", "null"}
	case "text":
		return []string{fmt.Sprintf("text up to %d bytes", maxText)}
	}
	return slices.Clone(f.Values)
}

// Localize rewrites the message in a language (a BCP 47 tag as in
// Options.Lang), with English and German as fallbacks; an unknown code keeps
// the message as it is. Every code above has a text in every shipped
// language, so a web page can show any InputError in the visitor's language.
func (e *InputError) Localize(lang string) {
	if bookErr != nil {
		return
	}
	tmpl := book.text(lang, func(t *langTexts) string { return t.Errors[e.Code] })
	if tmpl == "" {
		return
	}
	e.Msg = strings.NewReplacer(
		"{field}", e.Field, "{value}", e.Value, "{allowed}", strings.Join(e.Allowed, ", "),
	).Replace(tmpl)
}

// validate applies the cross-field checks of rules.json ("validation"):
// forced and default values, forbidden combinations and required fields. It returns the
// answers with forced values filled in.
func (c *compiled) validate(a Answers) (Answers, error) {
	out := a.clone()
	for i, chk := range c.rb.Validation {
		e := &env{answers: out.vals}
		if c.validation[i].eval(e) != triTrue {
			continue
		}
		f := c.fields[chk.Field]
		v, answered := out.vals[chk.Field]
		switch {
		case (chk.Force != "" || chk.Default != "") && !answered:
			out.vals[chk.Field] = scalar(chk.Force + chk.Default)
		case chk.Force != "" && v.s != chk.Force:
			return a, c.combination(f, v.s, []string{chk.Force}, chk.When)
		case answered && slices.Contains(chk.Forbid, v.s):
			allowed := slices.DeleteFunc(slices.Clone(f.Values), func(s string) bool { return slices.Contains(chk.Forbid, s) })
			return a, c.combination(f, v.s, allowed, chk.When)
		case chk.Require && !answered:
			return a, &InputError{Field: f.Name, Code: "required", Allowed: slices.DeleteFunc(allowedOf(f), func(s string) bool { return s == "null" }),
				Msg: fmt.Sprintf("%s is required when %s", f.Name, chk.When)}
		}
	}
	return out, nil
}

func (c *compiled) combination(f *Field, got string, allowed []string, when string) *InputError {
	return &InputError{Field: f.Name, Value: got, Allowed: allowed, Code: "combination",
		Msg: fmt.Sprintf("%s: %s is not possible when %s; allowed: %s", f.Name, got, when, strings.Join(allowed, ", "))}
}
