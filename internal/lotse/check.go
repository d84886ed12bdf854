package lotse

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"golang.org/x/text/language"
)

// compile parses every condition of the rule book and checks that names,
// values, agencies, guides, sources and texts fit together, so that a typo
// in rules.json fails the tests instead of silently never matching.
func compile(rb *RuleBook) (*compiled, error) {
	c := &compiled{
		rb: rb, fields: map[string]*Field{}, switches: map[string]*Switch{},
		predIndex: map[string]int{}, stepIndex: map[string]int{},
		municipal: map[string]bool{}, muniName: map[string]string{},
	}
	if err := c.indexBasics(); err != nil {
		return nil, err
	}
	for i := range rb.Predicates {
		p := &rb.Predicates[i]
		if c.isName(p.Name) || c.predIndex[p.Name] > 0 || keywords[p.Name] {
			return nil, fmt.Errorf("predicate %q: name already used", p.Name)
		}
		n, err := c.parse(p.When, nil)
		if err != nil {
			return nil, fmt.Errorf("predicate %s: %w", p.Name, err)
		}
		c.preds = append(c.preds, compiledPred{name: p.Name, cond: n, fields: c.fieldDeps(n)})
		c.predIndex[p.Name] = len(c.preds)
	}
	for i := range rb.Steps {
		if err := c.compileStep(&rb.Steps[i]); err != nil {
			return nil, fmt.Errorf("step %s: %w", rb.Steps[i].ID, err)
		}
	}
	if err := c.checkOrder(); err != nil {
		return nil, err
	}
	if err := c.compileDocuments(); err != nil {
		return nil, err
	}
	for _, chk := range rb.Validation {
		n, err := c.parse(chk.When, nil)
		if f := c.fields[chk.Field]; err == nil && (f == nil || !validValues(f, chk.Force, chk.Default)) {
			err = errors.New("unknown field or value")
		}
		if err == nil {
			for _, name := range n.names(nil) {
				if c.fields[name] == nil {
					err = fmt.Errorf("%s is not an answer field", name)
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("validation of %s: %w", chk.Field, err)
		}
		c.validation = append(c.validation, n)
	}
	for i := range rb.Questions {
		q := &rb.Questions[i]
		f := c.fields[q.Field]
		if f == nil {
			return nil, fmt.Errorf("question %s: unknown field %q", q.ID, q.Field)
		}
		cq := compiledQuestion{rule: q, field: f}
		if q.Ask != "" {
			n, err := c.parse(q.Ask, map[string]bool{})
			if err != nil {
				return nil, fmt.Errorf("question %s: %w", q.ID, err)
			}
			cq.ask = n
		}
		c.questions = append(c.questions, cq)
	}
	texts, err := loadTexts(c)
	if err != nil {
		return nil, err
	}
	c.texts = texts
	return c, nil
}

var fieldTypes = []string{"enum", "bool", "date", "country", "list", "text"}

func (c *compiled) indexBasics() error {
	rb := c.rb
	for i := range rb.Fields {
		f := &rb.Fields[i]
		if !slices.Contains(fieldTypes, f.Type) || (f.Type == "enum" || f.Type == "list") != (len(f.Values) > 0) {
			return fmt.Errorf("field %s: bad type %q or values", f.Name, f.Type)
		}
		c.fields[f.Name] = f
	}
	for i := range rb.Switches {
		s := &rb.Switches[i]
		if err := checkSwitchValue(s, s.Default); err != nil {
			return err
		}
		for _, b := range s.Before {
			if !isDate(b.Date) || checkSwitchValue(s, b.Value) != nil {
				return fmt.Errorf("switch %s: bad dated value %+v", s.Key, b)
			}
		}
		if err := c.checkSources(s.Sources); err != nil {
			return fmt.Errorf("switch %s: %w", s.Key, err)
		}
		c.switches[s.Key] = s
	}
	muniField := c.fields["municipality"]
	if muniField == nil {
		return errors.New("field municipality missing")
	}
	for _, m := range rb.Municipalities {
		if !slices.Contains(muniField.Values, m.Slug) {
			return fmt.Errorf("municipality %s is not a value of the municipality field", m.Slug)
		}
		c.muniName[m.Slug] = m.Name
	}
	for _, a := range rb.MunicipalAgs {
		if !slices.Contains(rb.Agencies, a) {
			return fmt.Errorf("municipal agency %s is not an agency", a)
		}
		c.municipal[a] = true
	}
	return nil
}

// checkSwitchValue checks a switch value against the switch's type.
func checkSwitchValue(s *Switch, v string) error {
	ok := false
	switch s.Type {
	case "date":
		ok = isDate(v)
	case "bool":
		ok = v == "true" || v == "false"
	case "number":
		_, err := strconv.ParseFloat(v, 64)
		ok = err == nil
	case "text":
		ok = v != ""
	}
	if !ok {
		return fmt.Errorf("switch %s: %q is not a valid %s", s.Key, v, s.Type)
	}
	return nil
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

var countryRE = regexp.MustCompile(`^[A-Z]{2}$`)

// isCountry reports whether s is an assigned ISO 3166-1 alpha-2 country
// code in upper case, with XK for Kosovo as the contract asks. Region codes
// that are not countries (EU, UN, ZZ, QO), deprecated codes that have a
// successor (UK for GB, DD, ZR) and CLDR's extra codes without an ISO 3166
// entry (EA, IC, EZ) are rejected.
func isCountry(s string) bool {
	if !countryRE.MatchString(s) {
		return false
	}
	r, err := language.ParseRegion(s)
	return err == nil && r.IsCountry() && r.Canonicalize() == r && r.ISO3() != "ZZZ"
}

func (c *compiled) checkSources(keys []string) error {
	if len(keys) == 0 {
		return errors.New("no source")
	}
	for _, k := range keys {
		if _, ok := c.rb.Sources[k]; !ok {
			return fmt.Errorf("unknown source %s", k)
		}
	}
	return nil
}

func (c *compiled) compileStep(s *StepRule) error {
	if _, dup := c.stepIndex[s.ID]; dup {
		return errors.New("duplicate id")
	}
	if !slices.Contains(c.rb.Agencies, s.Agency) || !slices.Contains(c.rb.Guides, s.Guide) {
		return fmt.Errorf("unknown agency %q or guide %q", s.Agency, s.Guide)
	}
	for _, h := range s.Helpers {
		if !slices.Contains(c.rb.Agencies, h) {
			return fmt.Errorf("unknown helper agency %q", h)
		}
	}
	if err := c.checkSources(s.Sources); err != nil {
		return err
	}
	earlier := map[string]bool{}
	for _, prev := range c.steps {
		earlier[prev.rule.ID] = true
	}
	cs := compiledStep{rule: s}
	var err error
	if cs.show, err = c.parse(s.Show, earlier); err != nil {
		return fmt.Errorf("show: %w", err)
	}
	if s.Never != "" {
		if cs.never, err = c.parse(s.Never, earlier); err != nil {
			return fmt.Errorf("never: %w", err)
		}
	}
	for _, v := range s.Variants {
		if v.Agency != "" && !slices.Contains(c.rb.Agencies, v.Agency) {
			return fmt.Errorf("variant %s: unknown agency %q", v.Name, v.Agency)
		}
		n, err := c.parse(v.When, earlier)
		if err != nil {
			return fmt.Errorf("variant %s: %w", v.Name, err)
		}
		cs.variants = append(cs.variants, n)
	}
	cs.fields = c.fieldDeps(cs.show)
	c.steps = append(c.steps, cs)
	c.stepIndex[s.ID] = len(c.steps) - 1
	return nil
}

// compileDocuments parses the choices of every status-dependent paper. The
// last choice of each has no condition, so a paper always has a wording, and
// a choice names a paper of the texts, never another choice list.
func (c *compiled) compileDocuments() error {
	c.documents = map[string][]compiledDoc{}
	for key, choices := range c.rb.Documents {
		if len(choices) == 0 || choices[len(choices)-1].When != "" {
			return fmt.Errorf("documents %s: the last choice needs no condition", key)
		}
		for _, ch := range choices {
			if _, ok := c.rb.Documents[ch.Use]; ok {
				return fmt.Errorf("documents %s: %s is itself a choice list", key, ch.Use)
			}
			cd := compiledDoc{use: ch.Use}
			if ch.When != "" {
				n, err := c.parse(ch.When, nil)
				if err != nil {
					return fmt.Errorf("documents %s: %w", key, err)
				}
				cd.when = n
			}
			c.documents[key] = append(c.documents[key], cd)
		}
	}
	return nil
}

// checkOrder checks that constraints name known steps and that ranks plus
// constraints have no cycle.
func (c *compiled) checkOrder() error {
	all := make([]int, len(c.steps))
	for i := range all {
		all[i] = i
	}
	for _, o := range c.rb.Order {
		_, okB := c.stepIndex[o.Before]
		_, okA := c.stepIndex[o.After]
		if !okB || !okA || o.Before == o.After {
			return fmt.Errorf("order %s → %s: unknown step", o.Before, o.After)
		}
		if err := c.checkSources(o.Sources); err != nil {
			return fmt.Errorf("order %s → %s: %w", o.Before, o.After, err)
		}
	}
	if _, err := c.order(all); err != nil {
		return err
	}
	return nil
}

// isName reports whether a word names a field, a switch or as_of; the parser
// uses it to tell references from literals.
func (c *compiled) isName(w string) bool {
	return w == "as_of" || c.fields[w] != nil || c.switches[w] != nil
}

// parse parses a condition and type-checks it. steps holds the step ids that
// shown() may refer to (only earlier steps); nil forbids shown().
func (c *compiled) parse(src string, steps map[string]bool) (node, error) {
	if src == "" {
		return nil, errors.New("empty condition")
	}
	n, err := parseCond(src, c)
	if err != nil {
		return nil, err
	}
	return n, c.typeCheck(n, steps)
}

// typeOf returns the type of a name usable in a comparison.
func (c *compiled) typeOf(name string) (string, *Field, error) {
	switch {
	case name == "as_of":
		return "date", nil, nil
	case c.fields[name] != nil:
		return c.fields[name].Type, c.fields[name], nil
	case c.switches[name] != nil:
		return c.switches[name].Type, nil, nil
	}
	return "", nil, fmt.Errorf("unknown name %q", name)
}

func (c *compiled) typeCheck(n node, steps map[string]bool) error {
	switch n := n.(type) {
	case andNode:
		return errors.Join(c.typeCheck(n.l, steps), c.typeCheck(n.r, steps))
	case orNode:
		return errors.Join(c.typeCheck(n.l, steps), c.typeCheck(n.r, steps))
	case notNode:
		return c.typeCheck(n.x, steps)
	case shownNode:
		if !steps[n.step] {
			return fmt.Errorf("shown(%s): not an earlier step", n.step)
		}
		return nil
	case refNode:
		if c.predIndex[n.name] > 0 {
			return nil
		}
		if t, _, err := c.typeOf(n.name); err != nil || t != "bool" {
			return fmt.Errorf("%q is not a yes/no name", n.name)
		}
		return nil
	case cmpNode:
		return c.checkCmp(n)
	}
	return fmt.Errorf("unknown node %T", n)
}

func (c *compiled) checkCmp(n cmpNode) error {
	lt, f, err := c.typeOf(n.left.ref)
	if err != nil {
		return err
	}
	switch n.op {
	case "in", "not in", "has":
		if (n.op == "has") != (lt == "list") {
			return fmt.Errorf("%s %s: wrong operator for a %s", n.left.ref, n.op, lt)
		}
		for _, v := range n.set {
			if !validLiteral(lt, f, v) {
				return fmt.Errorf("%s: %q is not an allowed value", n.left.ref, v)
			}
		}
		return nil
	case ">=", "<=", ">", "<":
		if lt != "date" {
			return fmt.Errorf("%s %s: ordering needs dates", n.left.ref, n.op)
		}
	}
	switch {
	case n.right.emptyList:
		if lt != "list" {
			return fmt.Errorf("%s: [] needs a list", n.left.ref)
		}
	case n.right.ref != "":
		rt, _, err := c.typeOf(n.right.ref)
		if err != nil || rt != lt {
			return fmt.Errorf("%s %s %s: types differ", n.left.ref, n.op, n.right.ref)
		}
	case lt == "list" || !validLiteral(lt, f, n.right.lit):
		return fmt.Errorf("%s: %q is not an allowed value", n.left.ref, n.right.lit)
	}
	return nil
}

func validLiteral(typ string, f *Field, v string) bool {
	switch typ {
	case "enum", "list":
		return slices.Contains(f.Values, v)
	case "bool":
		return v == "true" || v == "false"
	case "date":
		return isDate(v)
	case "country":
		return isCountry(v)
	case "number":
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	}
	return true
}

// validValues reports whether optional values (empty = not set) are
// allowed for a field.
func validValues(f *Field, values ...string) bool {
	for _, v := range values {
		if v != "" && !validLiteral(f.Type, f, v) {
			return false
		}
	}
	return true
}

// fieldDeps lists the answer fields a condition depends on, following
// predicates, in schema order.
func (c *compiled) fieldDeps(n node) []string {
	seen := map[string]bool{}
	for _, name := range n.names(nil) {
		if i := c.predIndex[name]; i > 0 {
			for _, f := range c.preds[i-1].fields {
				seen[f] = true
			}
		} else if c.fields[name] != nil {
			seen[name] = true
		} else if len(name) > 6 && name[:6] == "shown:" {
			for _, f := range c.steps[c.stepIndex[name[6:]]].fields {
				seen[f] = true
			}
		}
	}
	var out []string
	for _, f := range c.rb.Fields {
		if seen[f.Name] {
			out = append(out, f.Name)
		}
	}
	return out
}
