package lotse

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ReadableRules is the rule book as caseworkers read it, in one language:
// conditions as sentences, sources in numeric order with their links.
type ReadableRules struct {
	Version    string
	Checked    string
	Steps      []ReadableStep
	Predicates []ReadablePredicate
	Order      []Constraint
	Switches   []Switch
	Sources    []Source
}

// ReadableStep is one step of the catalog with its rules in words.
type ReadableStep struct {
	ID, Title, Legal string
	Show, Never      Sentence
	Sources          []string // source keys in numeric order
}

// ReadablePredicate is a derived condition with its label and definition.
type ReadablePredicate struct {
	Name, Label string
	When        Sentence
}

// Source is one entry of the rule book's list of sources.
type Source struct {
	Key  string
	Refs []SourceRef
}

// SourceRef is one publication of a source: who and when, and where.
type SourceRef struct {
	Label, URL string
}

// RulesIn returns the rule book for caseworkers in a language.
func RulesIn(lang string) *ReadableRules {
	if bookErr != nil {
		return &ReadableRules{}
	}
	c := book
	x := c.explainer(lang)
	out := &ReadableRules{Version: c.rb.Version, Checked: x.r.date(c.rb.Checked), Order: c.rb.Order, Switches: c.rb.Switches}
	for _, s := range c.steps {
		rs := ReadableStep{ID: s.rule.ID, Legal: s.rule.Legal, Sources: sortSources(s.rule.Sources),
			Title: x.r.fill(c.pick(x.chain, func(t *langTexts) string { return t.Steps[s.rule.ID].Title })),
			Show:  x.explain(s.show, false)}
		if s.never != nil {
			rs.Never = x.explain(s.never, false)
		}
		out.Steps = append(out.Steps, rs)
	}
	for _, p := range c.preds {
		out.Predicates = append(out.Predicates, ReadablePredicate{Name: p.name, When: x.explain(p.cond, false),
			Label: c.pick(x.chain, func(t *langTexts) string { return t.Predicates[p.name] })})
	}
	for _, key := range sortSources(slices.Collect(maps.Keys(c.rb.Sources))) {
		out.Sources = append(out.Sources, Source{Key: key, Refs: sourceRefs(c.rb.Sources[key])})
	}
	return out
}

// sortSources orders source keys by number: S1, S2, S12.
func sortSources(keys []string) []string {
	num := func(k string) int {
		n, _ := strconv.Atoi(strings.TrimPrefix(k, "S"))
		return n
	}
	return slices.SortedFunc(slices.Values(keys), func(a, b string) int { return cmp.Compare(num(a), num(b)) })
}

// sourceRefs splits a source text "label — URL ; label — URL" into its
// publications; a part without a URL keeps its text as the label.
func sourceRefs(text string) []SourceRef {
	var out []SourceRef
	for part := range strings.SplitSeq(text, " ; ") {
		label, url, ok := strings.Cut(part, " — http")
		if !ok {
			out = append(out, SourceRef{Label: strings.TrimSpace(part)})
			continue
		}
		out = append(out, SourceRef{Label: strings.TrimSpace(label), URL: "http" + strings.TrimSpace(url)})
	}
	return out
}
