package lotse

import (
	"errors"
	"slices"
	"strings"
	"time"
)

// Options set how a plan is built.
type Options struct {
	// Lang is the language of the texts as a BCP 47 tag (de, de-x-simple,
	// en, uk, ar, tr, ro, pl, bg, fa, ru, zh-Hans); others fall back to
	// English, then German. Empty means English.
	Lang string
	// AsOf is the date the rules are evaluated for; zero means today in
	// Europe/Berlin.
	AsOf time.Time
	// OneStopAgencies are the agency slugs present at the next
	// One-Stop-Shop; they mark steps that can be done there.
	OneStopAgencies []string
	// Switches override the defaults of rules.json by key (contract §0).
	Switches map[string]string
}

// Plan is the Lotse's answer (contract §d plus missing, onestop_agencies).
type Plan struct {
	AsOf            string   `json:"as_of"`
	RulesVersion    string   `json:"rules_version"`
	RulesChecked    string   `json:"rules_checked"`
	Lang            string   `json:"lang"`
	Dir             string   `json:"dir"`
	Steps           []Step   `json:"steps"`
	Missing         []string `json:"missing"`
	Warnings        []string `json:"warnings"`
	OneStopAgencies []string `json:"onestop_agencies"`
	Disclaimer      string   `json:"disclaimer"`
}

// Step is one thing to do, in the order to do it.
type Step struct {
	ID       string `json:"id"`
	Position int    `json:"position"`
	Agency   string `json:"agency"`
	Place    string `json:"place"`
	Where    string `json:"where"`
	// Site is the key of the office's site when the rules name one (the
	// job-com office in Jülich); Where then ends with its address.
	Site     string `json:"site,omitempty"`
	Title    string `json:"title"`
	Deadline string `json:"deadline"`
	// Takes says how long the step usually takes (orientation only).
	Takes   string   `json:"takes"`
	Bring   []string `json:"bring"`
	Why     string   `json:"why"`
	Sources []string `json:"sources"`
	Legal   string   `json:"legal,omitempty"`
	Guide   string   `json:"guide"`
	OneStop bool     `json:"onestop"`
	// Maybe is true when the step depends on questions left unanswered
	// (listed in DependsOn); it is shown so that nothing is hidden.
	Maybe     bool     `json:"maybe,omitempty"`
	DependsOn []string `json:"depends_on,omitempty"`
}

// Build decodes answers in the contract's JSON format and builds the plan.
// Bad answers give an *InputError whose message is in opt.Lang.
func Build(answersJSON []byte, opt Options) (*Plan, error) {
	if bookErr != nil {
		return nil, bookErr
	}
	a, ws, err := decodeAnswers(answersJSON)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			ie.Localize(opt.Lang)
		}
		return nil, err
	}
	return book.plan(a, ws, opt)
}

// BuildAnswers builds the plan for answers collected by the questionnaire or
// read from a plan link (ParseToken).
func BuildAnswers(a Answers, opt Options) (*Plan, error) {
	if bookErr != nil {
		return nil, bookErr
	}
	return book.plan(a, nil, opt)
}

// asOfDate gives the evaluation date as YYYY-MM-DD.
func asOfDate(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
		if loc, err := time.LoadLocation("Europe/Berlin"); err == nil {
			t = t.In(loc)
		}
	}
	return t.Format(time.DateOnly)
}

// newEnv prepares the evaluation of conditions: answers, switches, as_of
// and every derived predicate.
func (c *compiled) newEnv(a Answers, switches map[string]string, asOf string) *env {
	e := &env{answers: a.vals, switches: switches, asOf: asOf, preds: map[string]tri{}, shown: map[string]tri{}}
	for _, p := range c.preds {
		e.preds[p.name] = p.cond.eval(e)
	}
	return e
}

// decision is the outcome of one step's rules for some answers.
type decision struct {
	shown   tri // triUnknown: shown as "maybe"
	never   tri // the never-rule alone (false when the step has none)
	variant int // index of the first variant that holds, or -1
}

// decide evaluates the predicates and every step's rules. A step shows when
// its never-rule is not true and its show-rule is true, or unknown because a
// needed answer is missing ("maybe"). Never-rules fire only when true.
func (c *compiled) decide(a Answers, switches map[string]string, asOf string) []decision {
	e := c.newEnv(a, switches, asOf)
	out := make([]decision, len(c.steps))
	for i, s := range c.steps {
		d := decision{shown: s.show.eval(e), variant: -1}
		if s.never != nil {
			d.never = s.never.eval(e)
		}
		if d.never == triTrue {
			d.shown = triFalse
		}
		for j, v := range s.variants {
			if v.eval(e) == triTrue {
				d.variant = j
				break
			}
		}
		e.shown[s.rule.ID] = d.shown
		out[i] = d
	}
	return out
}

// order sorts step indices by soft rank (ties: catalog order) while keeping
// every hard constraint between two of the given steps: a stable
// topological sort.
func (c *compiled) order(idx []int) ([]int, error) {
	in := map[int]bool{}
	for _, i := range idx {
		in[i] = true
	}
	indeg, succ := map[int]int{}, map[int][]int{}
	for _, o := range c.rb.Order {
		b, a := c.stepIndex[o.Before], c.stepIndex[o.After]
		if in[b] && in[a] {
			succ[b] = append(succ[b], a)
			indeg[a]++
		}
	}
	var ready, out []int
	for _, i := range idx {
		if indeg[i] == 0 {
			ready = append(ready, i)
		}
	}
	for len(ready) > 0 {
		best := 0
		for k, i := range ready {
			if c.before(i, ready[best]) {
				best = k
			}
		}
		i := ready[best]
		ready = slices.Delete(ready, best, best+1)
		out = append(out, i)
		for _, s := range succ[i] {
			if indeg[s]--; indeg[s] == 0 {
				ready = append(ready, s)
			}
		}
	}
	if len(out) != len(idx) {
		return nil, errors.New("ordering constraints form a cycle")
	}
	return out, nil
}

func (c *compiled) before(i, j int) bool {
	ri, rj := c.steps[i].rule.Rank, c.steps[j].rule.Rank
	return ri < rj || ri == rj && i < j
}

func (c *compiled) plan(a Answers, ws []warning, opt Options) (*Plan, error) {
	asOf := asOfDate(opt.AsOf)
	switches, err := c.effectiveSwitches(asOf, opt.Switches)
	if err != nil {
		return nil, err
	}
	a, err = c.validate(a)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			ie.Localize(opt.Lang)
		}
		return nil, err
	}
	chain := c.langChain(opt.Lang)
	r := renderer{t: chain[0], switches: switches}
	if m, ok := a.vals["municipality"]; ok {
		r.muni = c.muniName[m.s]
	}
	decisions := c.decide(a, switches, asOf)
	e := c.newEnv(a, switches, asOf)
	var idx []int
	for i, d := range decisions {
		if d.shown != triFalse {
			idx = append(idx, i)
		}
	}
	if idx, err = c.order(idx); err != nil {
		return nil, err
	}
	p := &Plan{
		AsOf: asOf, RulesVersion: c.rb.Version, RulesChecked: c.rb.Checked,
		Lang: chain[0].Lang, Dir: chain[0].Dir,
		Steps: []Step{}, Missing: c.missing(a, switches, asOf), Warnings: []string{}, OneStopAgencies: []string{},
		Disclaimer: expand(c.pick(chain, func(t *langTexts) string { return t.Disclaimer }), func(name string) (string, bool) {
			return r.date(c.rb.Checked), name == "checked"
		}),
	}
	if d, ok := a.vals["first_entry_date"]; ok && d.s > asOf {
		ws = append(ws, warning{code: "future_date", field: "first_entry_date"})
	}
	for _, w := range ws {
		tmpl := c.pick(chain, func(t *langTexts) string { return t.Warnings[w.code] })
		name := w.field
		if c.fields[w.field] != nil && w.code != "unknown_field" {
			name = c.pick(chain, func(t *langTexts) string { return t.Fields[w.field] })
		}
		p.Warnings = append(p.Warnings, strings.ReplaceAll(tmpl, "{field}", name))
	}
	oss := map[string]bool{}
	for _, s := range opt.OneStopAgencies {
		oss[s] = true
	}
	for pos, i := range idx {
		st := c.renderStep(i, decisions[i], a, e, chain, r)
		st.Position = pos + 1
		for _, ag := range append([]string{st.Agency}, c.steps[i].rule.Helpers...) {
			if oss[ag] {
				st.OneStop = true
				if !slices.Contains(p.OneStopAgencies, ag) {
					p.OneStopAgencies = append(p.OneStopAgencies, ag)
				}
			}
		}
		p.Steps = append(p.Steps, st)
	}
	return p, nil
}

// pick returns the first non-empty text along a language chain.
func (c *compiled) pick(chain []*langTexts, get func(*langTexts) string) string {
	for _, t := range chain {
		if s := get(t); s != "" {
			return s
		}
	}
	return ""
}

// renderStep fills one step's agency, place and texts; e picks the papers
// that depend on the person.
func (c *compiled) renderStep(i int, d decision, a Answers, e *env, chain []*langTexts, r renderer) Step {
	rule := c.steps[i].rule
	agency, site, bring, legal, variant := rule.Agency, rule.Site, rule.Bring, rule.Legal, ""
	if d.variant >= 0 {
		v := rule.Variants[d.variant]
		variant = rule.ID + "/" + v.Name
		if v.Agency != "" {
			agency = v.Agency
		}
		if v.Legal != "" {
			legal = v.Legal
		}
		if v.Site != "" {
			site = v.Site
		}
		if v.Bring != nil {
			bring = v.Bring
		}
	}
	stepField := func(get func(stepText) string) string {
		if variant != "" {
			if s := c.pick(chain, func(t *langTexts) string { return get(t.Steps[variant]) }); s != "" {
				return r.fill(s)
			}
		}
		return r.fill(c.pick(chain, func(t *langTexts) string { return get(t.Steps[rule.ID]) }))
	}
	st := Step{
		ID: rule.ID, Agency: agency, Place: agency, Guide: rule.Guide, Legal: legal,
		Sources:  slices.Clone(rule.Sources),
		Title:    stepField(func(t stepText) string { return t.Title }),
		Deadline: stepField(func(t stepText) string { return t.Deadline }),
		Takes:    stepField(func(t stepText) string { return t.Takes }),
		Why:      stepField(func(t stepText) string { return t.Why }),
		Bring:    []string{},
		Where:    c.pick(chain, func(t *langTexts) string { return t.Agencies[agency] }),
	}
	if c.municipal[agency] && r.muni != "" {
		st.Place = a.vals["municipality"].s + "/" + agency
		st.Where = strings.NewReplacer("{agency}", st.Where, "{municipality}", r.muni).
			Replace(c.pick(chain, func(t *langTexts) string { return t.Municipal }))
	}
	if site != "" {
		st.Site = site
		st.Where += ", " + c.pick(chain, func(t *langTexts) string { return t.Sites[site] })
	}
	for _, b := range bring {
		if key := c.paper(b, e); key != "" {
			st.Bring = append(st.Bring, c.pick(chain, func(t *langTexts) string { return t.Documents[key] }))
		}
	}
	if d.shown == triUnknown {
		st.Maybe = true
		var names []string
		for _, f := range c.steps[i].fields {
			if _, ok := a.vals[f]; !ok {
				st.DependsOn = append(st.DependsOn, f)
				names = append(names, c.pick(chain, func(t *langTexts) string { return t.Fields[f] }))
			}
		}
		maybe := c.pick(chain, func(t *langTexts) string { return t.Maybe })
		st.Why = strings.ReplaceAll(maybe, "{fields}", strings.Join(names, ", ")) + " " + st.Why
	}
	return st
}

// missing lists the unanswered questions that matter for these answers:
// those asked now (or possibly asked, when their condition is unknown),
// except optional ones.
func (c *compiled) missing(a Answers, switches map[string]string, asOf string) []string {
	e := c.newEnv(a, switches, asOf)
	out := []string{}
	for _, q := range c.questions {
		if _, ok := a.vals[q.field.Name]; ok || q.field.Optional {
			continue
		}
		if q.ask == nil || q.ask.eval(e) != triFalse {
			out = append(out, q.field.Name)
		}
	}
	return out
}
