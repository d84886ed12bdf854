package lotse

import (
	"strings"
)

// Sentence is a condition of the rule book in words, for caseworkers: a
// statement (Text), or a heading (Lead, "all of these:") over Parts.
type Sentence struct {
	Text  string
	Lead  string
	Parts []Sentence
}

// logicText holds the words a condition is written with in one language.
// Statements about a field are templates with {field} and {value} or
// {values}; a list of values is joined with Comma and, before the last, Or.
type logicText struct {
	All        string `json:"all"`
	Any        string `json:"any"`
	None       string `json:"none"`
	NotAll     string `json:"not_all"`
	Not        string `json:"not"`
	Is         string `json:"is"`
	IsNot      string `json:"is_not"`
	Except     string `json:"except"`
	Has        string `json:"has"`
	HasNone    string `json:"has_none"`
	Empty      string `json:"empty"`
	NotEmpty   string `json:"not_empty"`
	OnOrAfter  string `json:"on_or_after"`
	After      string `json:"after"`
	OnOrBefore string `json:"on_or_before"`
	Before     string `json:"before"`
	Or         string `json:"or"`
	Comma      string `json:"comma"`
	Quote      string `json:"quote"`
	AsOf       string `json:"as_of"`
	Shown      string `json:"shown"`
	NotShown   string `json:"not_shown"`
	SwitchOn   string `json:"switch_on"`
	SwitchOff  string `json:"switch_off"`
}

// logicKeys returns the texts of l by key, so that a check can name the
// missing ones.
func (l logicText) logicKeys() map[string]string {
	return map[string]string{
		"all": l.All, "any": l.Any, "none": l.None, "not_all": l.NotAll, "not": l.Not, "is": l.Is,
		"is_not": l.IsNot, "except": l.Except, "has": l.Has, "has_none": l.HasNone, "empty": l.Empty,
		"not_empty": l.NotEmpty, "on_or_after": l.OnOrAfter, "after": l.After, "on_or_before": l.OnOrBefore,
		"before": l.Before, "or": l.Or, "comma": l.Comma, "quote": l.Quote, "as_of": l.AsOf, "shown": l.Shown,
		"not_shown": l.NotShown, "switch_on": l.SwitchOn, "switch_off": l.SwitchOff,
	}
}

// explainer writes conditions in one language.
type explainer struct {
	c     *compiled
	chain []*langTexts
	r     renderer
}

func (c *compiled) explainer(lang string) explainer {
	chain := c.langChain(lang)
	sw, _ := c.effectiveSwitches(c.rb.Checked, nil)
	return explainer{c: c, chain: chain, r: renderer{t: chain[0], switches: sw}}
}

// word picks a logic text along the language chain.
func (x explainer) word(get func(logicText) string) string {
	return x.c.pick(x.chain, func(t *langTexts) string { return get(t.Logic) })
}

// fill replaces {name} placeholders of a template.
func fill(tmpl string, kv ...string) string {
	return strings.NewReplacer(kv...).Replace(tmpl)
}

// explain writes a parsed condition; negate asks for its opposite.
func (x explainer) explain(n node, negate bool) Sentence {
	switch n := n.(type) {
	case andNode, orNode:
		_, isAnd := n.(andNode)
		lead := map[[2]bool]func(logicText) string{
			{true, false}:  func(l logicText) string { return l.All },
			{false, false}: func(l logicText) string { return l.Any },
			{true, true}:   func(l logicText) string { return l.NotAll },
			{false, true}:  func(l logicText) string { return l.None },
		}[[2]bool{isAnd, negate}]
		s := Sentence{Lead: x.word(lead)}
		for _, p := range flatten(n, isAnd) {
			s.Parts = append(s.Parts, x.explain(p, false))
		}
		return s
	case notNode:
		return x.explain(n.x, !negate)
	case shownNode:
		tmpl := x.word(func(l logicText) string { return l.Shown })
		if negate {
			tmpl = x.word(func(l logicText) string { return l.NotShown })
		}
		title := x.c.pick(x.chain, func(t *langTexts) string { return t.Steps[n.step].Title })
		return Sentence{Text: fill(tmpl, "{step}", x.r.fill(title))}
	case refNode:
		return x.ref(n.name, negate)
	case cmpNode:
		return Sentence{Text: x.cmp(n, negate)}
	}
	return Sentence{}
}

// flatten lists the operands of a chain of the same operator.
func flatten(n node, isAnd bool) []node {
	switch n := n.(type) {
	case andNode:
		if isAnd {
			return append(flatten(n.l, true), flatten(n.r, true)...)
		}
	case orNode:
		if !isAnd {
			return append(flatten(n.l, false), flatten(n.r, false)...)
		}
	}
	return []node{n}
}

// ref writes a predicate by its label, or a yes/no switch.
func (x explainer) ref(name string, negate bool) Sentence {
	if x.c.predIndex[name] > 0 {
		label := x.c.pick(x.chain, func(t *langTexts) string { return t.Predicates[name] })
		if negate {
			label = fill(x.word(func(l logicText) string { return l.Not }), "{x}", label)
		}
		return Sentence{Text: label}
	}
	tmpl := x.word(func(l logicText) string { return l.SwitchOn })
	if negate {
		tmpl = x.word(func(l logicText) string { return l.SwitchOff })
	}
	return Sentence{Text: fill(tmpl, "{switch}", name)}
}

// negations maps a comparison to its opposite.
var negations = map[string]string{"==": "!=", "!=": "==", ">=": "<", "<": ">=", ">": "<=", "<=": ">", "in": "not in", "not in": "in"}

func (x explainer) cmp(n cmpNode, negate bool) string {
	op := n.op
	if negate && op != "has" {
		op = negations[op]
	}
	field := x.name(n.left.ref)
	tmpl := map[string]func(logicText) string{
		"==": func(l logicText) string { return l.Is }, "!=": func(l logicText) string { return l.IsNot },
		"in": func(l logicText) string { return l.Is }, "not in": func(l logicText) string { return l.Except },
		">=": func(l logicText) string { return l.OnOrAfter }, ">": func(l logicText) string { return l.After },
		"<=": func(l logicText) string { return l.OnOrBefore }, "<": func(l logicText) string { return l.Before },
	}
	switch {
	case op == "has" && negate:
		return fill(x.word(func(l logicText) string { return l.HasNone }), "{field}", field, "{values}", x.values(n.left.ref, n.set))
	case op == "has":
		return fill(x.word(func(l logicText) string { return l.Has }), "{field}", field, "{values}", x.values(n.left.ref, n.set))
	case n.right.emptyList && op == "==":
		return fill(x.word(func(l logicText) string { return l.Empty }), "{field}", field)
	case n.right.emptyList:
		return fill(x.word(func(l logicText) string { return l.NotEmpty }), "{field}", field)
	case op == "in" || op == "not in":
		return fill(x.word(tmpl[op]), "{field}", field, "{value}", x.values(n.left.ref, n.set), "{values}", x.values(n.left.ref, n.set))
	}
	value := x.value(n.left.ref, n.right.lit)
	if n.right.ref != "" {
		value = x.name(n.right.ref)
	}
	return fill(x.word(tmpl[op]), "{field}", field, "{value}", value)
}

// name writes a field by its label, as_of as "the date of the plan", and a
// switch by its current value (a date in words).
func (x explainer) name(ref string) string {
	switch {
	case ref == "as_of":
		return x.word(func(l logicText) string { return l.AsOf })
	case x.c.switches[ref] != nil:
		return x.r.fill("{" + ref + "}")
	}
	return x.c.pick(x.chain, func(t *langTexts) string { return t.Fields[ref] })
}

// value writes a literal: an option as the questionnaire labels it (quoted),
// a date in words, a country code as it is.
func (x explainer) value(field, lit string) string {
	f := x.c.fields[field]
	switch {
	case f == nil:
		return lit
	case f.Type == "date":
		return x.r.date(lit)
	case f.Type == "country":
		return lit
	}
	label := x.c.muniName[lit]
	for _, q := range x.c.questions {
		if q.field == f && label == "" {
			label = x.c.pick(x.chain, func(t *langTexts) string { return t.Questions[q.rule.ID].Options[lit] })
		}
	}
	if label == "" {
		label = lit
	}
	return fill(x.word(func(l logicText) string { return l.Quote }), "{v}", label)
}

// values writes a set of literals joined with "or".
func (x explainer) values(field string, set []string) string {
	parts := make([]string, len(set))
	for i, v := range set {
		parts[i] = x.value(field, v)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], x.word(func(l logicText) string { return l.Comma })) + " " + x.word(func(l logicText) string { return l.Or }) + " " + parts[len(parts)-1]
}

// Explain writes a condition in the rule book's language as a sentence in a
// language; an empty condition gives an empty sentence, an unknown name an
// error.
func Explain(cond, lang string) (Sentence, error) {
	if bookErr != nil {
		return Sentence{}, bookErr
	}
	if cond == "" {
		return Sentence{}, nil
	}
	steps := map[string]bool{}
	for id := range book.stepIndex {
		steps[id] = true
	}
	n, err := book.parse(cond, steps)
	if err != nil {
		return Sentence{}, err
	}
	return book.explainer(lang).explain(n, false), nil
}
