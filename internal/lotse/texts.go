package lotse

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// langTexts is one texts/{lang}.json file: every sentence the Lotse shows
// in that language. German is the source and must be complete; any other
// language falls back to English, then German, text by text.
type langTexts struct {
	Lang       string                  `json:"lang"`
	Name       string                  `json:"name"`
	Dir        string                  `json:"dir"`
	Disclaimer string                  `json:"disclaimer"`
	Maybe      string                  `json:"maybe"`
	Date       string                  `json:"date"`
	Months     []string                `json:"months"`
	Decimal    string                  `json:"decimal"`
	Municipal  string                  `json:"municipal"`
	Errors     map[string]string       `json:"errors"`
	Warnings   map[string]string       `json:"warnings"`
	Agencies   map[string]string       `json:"agencies"`
	Sites      map[string]string       `json:"sites"`
	Documents  map[string]string       `json:"documents"`
	Fields     map[string]string       `json:"fields"`
	Steps      map[string]stepText     `json:"steps"`
	Questions  map[string]questionText `json:"questions"`
	// Logic and Predicates write the rule book's conditions in words
	// (explain.go): connecting words and one label per predicate.
	Logic      logicText         `json:"logic"`
	Predicates map[string]string `json:"predicates"`
}

// stepText holds one step's sentences. A variant's text ("step/variant")
// overrides the step's text part by part. Takes says how long the step
// usually takes, as orientation and never as a promise.
type stepText struct {
	Title    string `json:"title"`
	Deadline string `json:"deadline,omitempty"`
	Takes    string `json:"takes,omitempty"`
	Why      string `json:"why"`
}

type questionText struct {
	Text    string            `json:"text"`
	Help    string            `json:"help,omitempty"`
	Options map[string]string `json:"options,omitempty"`
}

var placeholderRE = regexp.MustCompile(`\{[a-z0-9_]+\}`)

// loadTexts reads texts/*.json and checks them: German complete, no keys
// the rules do not know, no unknown placeholders.
func loadTexts(c *compiled) (map[string]*langTexts, error) {
	files, err := ruleFiles.ReadDir("texts")
	if err != nil {
		return nil, err
	}
	out := map[string]*langTexts{}
	for _, f := range files {
		data, err := ruleFiles.ReadFile(path.Join("texts", f.Name()))
		if err != nil {
			return nil, err
		}
		var t langTexts
		if err := json.Unmarshal(data, &t); err != nil {
			return nil, fmt.Errorf("texts/%s: %w", f.Name(), err)
		}
		if t.Lang+".json" != f.Name() || len(t.Months) != 12 || t.Dir != "ltr" && t.Dir != "rtl" {
			return nil, fmt.Errorf("texts/%s: lang %q or months do not fit", f.Name(), t.Lang)
		}
		for key, st := range t.Steps {
			id, variant, _ := strings.Cut(key, "/")
			if !c.hasStepText(id, variant) {
				return nil, fmt.Errorf("texts/%s: unknown step %q", f.Name(), key)
			}
			for _, s := range []string{st.Title, st.Deadline, st.Takes, st.Why} {
				for _, ph := range placeholderRE.FindAllString(s, -1) {
					if name := ph[1 : len(ph)-1]; c.switches[name] == nil && name != "municipality" {
						return nil, fmt.Errorf("texts/%s: %s: unknown placeholder %s", f.Name(), key, ph)
					}
				}
			}
		}
		out[strings.ToLower(t.Lang)] = &t
	}
	de := out["de"]
	if de == nil || out["en"] == nil {
		return nil, fmt.Errorf("texts: de and en are required")
	}
	if missing := c.missingTexts(de); len(missing) > 0 {
		return nil, fmt.Errorf("texts/de.json lacks %s", strings.Join(missing, ", "))
	}
	return out, nil
}

// paperKeys returns the document texts a bring key may show: the key itself,
// or every paper of its choice list.
func (c *compiled) paperKeys(key string) []string {
	choices, ok := c.documents[key]
	if !ok {
		return []string{key}
	}
	var out []string
	for _, ch := range choices {
		if ch.use != "" {
			out = append(out, ch.use)
		}
	}
	return out
}

// paper picks the document text key for a bring key and a person: the key
// itself, or the first choice whose condition holds; "" leaves it out.
func (c *compiled) paper(key string, e *env) string {
	choices, ok := c.documents[key]
	if !ok {
		return key
	}
	for _, ch := range choices {
		if ch.when == nil || ch.when.eval(e) == triTrue {
			return ch.use
		}
	}
	return ""
}

func (c *compiled) hasStepText(id, variant string) bool {
	i, ok := c.stepIndex[id]
	if !ok {
		return false
	}
	if variant == "" {
		return true
	}
	for _, v := range c.steps[i].rule.Variants {
		if v.Name == variant {
			return true
		}
	}
	return false
}

// missingTexts lists the keys a language lacks; German must have all of
// them, and a test checks the other shipped languages.
func (c *compiled) missingTexts(t *langTexts) []string {
	var miss []string
	need := func(ok bool, key string) {
		if !ok {
			miss = append(miss, key)
		}
	}
	needDoc := func(key string) {
		for _, k := range c.paperKeys(key) {
			need(t.Documents[k] != "", "documents."+k)
		}
	}
	need(t.Disclaimer != "" && t.Maybe != "" && t.Date != "" && t.Municipal != "" && t.Decimal != "", "header texts")
	for _, a := range c.rb.Agencies {
		need(t.Agencies[a] != "", "agencies."+a)
	}
	for _, s := range c.steps {
		st := t.Steps[s.rule.ID]
		need(st.Title != "" && st.Why != "" && st.Takes != "", "steps."+s.rule.ID)
		for _, b := range s.rule.Bring {
			needDoc(b)
		}
		if s.rule.Site != "" {
			need(t.Sites[s.rule.Site] != "", "sites."+s.rule.Site)
		}
		for _, v := range s.rule.Variants {
			for _, b := range v.Bring {
				needDoc(b)
			}
			if v.Site != "" {
				need(t.Sites[v.Site] != "", "sites."+v.Site)
			}
		}
	}
	for _, f := range c.rb.Fields {
		need(t.Fields[f.Name] != "", "fields."+f.Name)
	}
	for _, q := range c.questions {
		qt := t.Questions[q.rule.ID]
		need(qt.Text != "", "questions."+q.rule.ID)
		for _, v := range q.field.Values {
			need(qt.Options[v] != "" || c.muniName[v] != "", "questions."+q.rule.ID+".options."+v)
		}
		if q.field.Type == "bool" {
			need(qt.Options["true"] != "" && qt.Options["false"] != "", "questions."+q.rule.ID+".options")
		}
	}
	logic := t.Logic.logicKeys()
	for _, key := range slices.Sorted(maps.Keys(logic)) {
		need(logic[key] != "", "logic."+key)
	}
	for _, p := range c.preds {
		need(t.Predicates[p.name] != "", "predicates."+p.name)
	}
	for _, code := range []string{"unknown_value", "type", "json", "required", "combination", "too_long", "unknown_field", "token"} {
		need(t.Errors[code] != "", "errors."+code)
	}
	for _, code := range []string{"unknown_field", "persona", "future_date"} {
		need(t.Warnings[code] != "", "warnings."+code)
	}
	return miss
}

// langChain returns the languages to try for a requested BCP 47 tag: the
// tag itself and then ever shorter prefixes of it ("zh-Hans-CN", "zh-Hans",
// "zh"; "de-x-simple", then "de"), ignoring case, then English, then German.
func (c *compiled) langChain(lang string) []*langTexts {
	var tags []string
	for tag := strings.ToLower(lang); tag != ""; {
		tags = append(tags, tag)
		i := strings.LastIndex(tag, "-")
		if i < 0 {
			break
		}
		tag = tag[:i]
	}
	var chain []*langTexts
	for _, l := range append(tags, "en", "de") {
		if t := c.texts[l]; t != nil && !containsTexts(chain, t) {
			chain = append(chain, t)
		}
	}
	return chain
}

func containsTexts(chain []*langTexts, t *langTexts) bool {
	for _, x := range chain {
		if x == t {
			return true
		}
	}
	return false
}

// text returns the first non-empty text along the language chain.
func (c *compiled) text(lang string, get func(*langTexts) string) string {
	return c.pick(c.langChain(lang), get)
}

// renderer fills placeholders in one language.
type renderer struct {
	t        *langTexts
	switches map[string]string
	muni     string
}

func (r renderer) fill(s string) string {
	return expand(s, func(name string) (string, bool) {
		if name == "municipality" {
			return r.muni, true
		}
		v, ok := r.switches[name]
		if !ok {
			return "", false
		}
		switch book.switches[name].Type {
		case "date":
			return r.date(v), true
		case "number":
			return strings.Replace(v, ".", r.t.Decimal, 1), true
		}
		return v, true
	})
}

// expand replaces the {name} placeholders that value knows and keeps the
// others. A value ending in an abbreviation point (a date "24 листопада
// 2026 р.") swallows the full stop that follows it, so that a sentence never
// ends in "р..".
func expand(s string, value func(name string) (string, bool)) string {
	var b strings.Builder
	last := 0
	for _, m := range placeholderRE.FindAllStringIndex(s, -1) {
		v, ok := value(s[m[0]+1 : m[1]-1])
		if !ok {
			continue
		}
		b.WriteString(s[last:m[0]])
		if strings.HasSuffix(v, ".") && strings.HasPrefix(s[m[1]:], ".") {
			v = strings.TrimSuffix(v, ".")
		}
		b.WriteString(v)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// date writes a YYYY-MM-DD date in the language's format.
func (r renderer) date(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return strings.NewReplacer("{d}", strconv.Itoa(d.Day()), "{month}", r.t.Months[d.Month()-1],
		"{y}", strconv.Itoa(d.Year())).Replace(r.t.Date)
}
