package lotse

import (
	"slices"
	"time"
)

// Question is one screen of the questionnaire, in one language.
type Question struct {
	ID    string `json:"id"`
	Field string `json:"field"`
	// Kind is the input: choice (one option), multi (a list, one entry per
	// child), bool (options "true" and "false"), date (YYYY-MM-DD), country
	// (ISO code) or text.
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Help     string   `json:"help,omitempty"`
	Options  []Option `json:"options,omitempty"`
	DontKnow bool     `json:"dont_know"` // offer "I don't know" (leaves the field unanswered)
	Optional bool     `json:"optional"`
}

// Option is one allowed value with its label.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

var kinds = map[string]string{"enum": "choice", "list": "multi", "bool": "bool", "date": "date", "country": "country", "text": "text"}

// Questions returns all questions in order, in a language (fallback English,
// then German).
func Questions(lang string) []Question {
	if bookErr != nil {
		return nil
	}
	out := make([]Question, 0, len(book.questions))
	for _, q := range book.questions {
		out = append(out, book.question(q, lang))
	}
	return out
}

// QuestionsFor returns the questions to ask for the answers given so far,
// in order: those whose condition holds or cannot be decided yet. A
// questionnaire shows the first one not yet answered; len gives progress.
// Each question offers only the options Allowed for the answers so far
// (a citizen of a third country is not offered "not_required").
func QuestionsFor(a Answers, lang string) []Question {
	if bookErr != nil {
		return nil
	}
	asOf := asOfDate(time.Time{})
	switches, err := book.effectiveSwitches(asOf, nil)
	if err != nil {
		return nil
	}
	e := book.newEnv(a, switches, asOf)
	var out []Question
	for _, q := range book.questions {
		if q.ask == nil || q.ask.eval(e) != triFalse {
			qq := book.question(q, lang)
			if allowed := book.allowed(a, q.field); qq.Options != nil {
				qq.Options = slices.DeleteFunc(qq.Options, func(o Option) bool { return !slices.Contains(allowed, o.Value) })
			}
			out = append(out, qq)
		}
	}
	return out
}

// Allowed returns the values a choice, yes/no or list field may still take
// given the answers so far: its values minus those the cross-field checks
// of rules.json ("validation") rule out, so a form can hide options that
// Build would reject (residence_status "not_required" unless
// citizenship_group is eu or german_returnee; only "not_required" when it
// is). A check whose condition cannot be decided yet removes nothing. It
// returns nil for a field without a list of values (date, country, text) or
// an unknown field.
func Allowed(a Answers, field string) []string {
	if bookErr != nil || book.fields[field] == nil {
		return nil
	}
	return book.allowed(a, book.fields[field])
}

func (c *compiled) allowed(a Answers, f *Field) []string {
	values := f.Values
	if f.Type == "bool" {
		values = []string{"true", "false"}
	}
	if len(values) == 0 {
		return nil
	}
	out := slices.Clone(values)
	e := &env{answers: a.vals}
	for i, chk := range c.rb.Validation {
		if chk.Field != f.Name || c.validation[i].eval(e) != triTrue {
			continue
		}
		out = slices.DeleteFunc(out, func(v string) bool {
			return chk.Force != "" && v != chk.Force || slices.Contains(chk.Forbid, v)
		})
	}
	return out
}

func (c *compiled) question(q compiledQuestion, lang string) Question {
	chain := c.langChain(lang)
	get := func(f func(questionText) string) string {
		return c.pick(chain, func(t *langTexts) string { return f(t.Questions[q.rule.ID]) })
	}
	out := Question{
		ID: q.rule.ID, Field: q.field.Name, Kind: kinds[q.field.Type],
		Text:     get(func(t questionText) string { return t.Text }),
		Help:     get(func(t questionText) string { return t.Help }),
		DontKnow: q.rule.DontKnow, Optional: q.field.Optional,
	}
	values := q.field.Values
	if q.field.Type == "bool" {
		values = []string{"true", "false"}
	}
	for _, v := range values {
		label := c.muniName[v]
		if label == "" {
			label = get(func(t questionText) string { return t.Options[v] })
		}
		out.Options = append(out.Options, Option{Value: v, Label: label})
	}
	return out
}
