package lotse

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
)

// The rule book is data: rules.json says which fields exist, which derived
// predicates and steps there are, when each step shows and never shows, in
// which order, with which agency, documents and sources. The texts of every
// language live in texts/{lang}.json so that a translator works on one file.
//
//go:embed rules.json texts/*.json
var ruleFiles embed.FS

// RuleBook is the readable form of rules.json, for an admin page that shows
// caseworkers what the Lotse does and why. Conditions are the source text of
// the condition language described in expr.go.
type RuleBook struct {
	Version        string            `json:"version"`
	Checked        string            `json:"checked"`
	County         string            `json:"county"`
	Sources        map[string]string `json:"sources"`
	Switches       []Switch          `json:"switches"`
	Fields         []Field           `json:"fields"`
	Municipalities []Municipality    `json:"municipalities"`
	Agencies       []string          `json:"agencies"`
	MunicipalAgs   []string          `json:"municipal_agencies"`
	Guides         []string          `json:"guides"`
	Predicates     []Predicate       `json:"predicates"`
	Steps          []StepRule        `json:"steps"`
	Order          []Constraint      `json:"order"`
	Validation     []Check           `json:"validation"`
	Questions      []QuestionRule    `json:"questions"`
	// Documents are the papers that depend on the person: a step's bring
	// list may name one of these keys, and the plan shows the paper of the
	// first choice whose condition holds.
	Documents map[string][]DocChoice `json:"documents"`
}

// DocChoice is one way to fill a status-dependent paper of a bring list:
// when When holds (or always, when it is empty), the plan lists the paper
// Use, a key of the documents in texts/{lang}.json; an empty Use leaves the
// paper out. Conditions that cannot be decided yet are skipped, so the last
// choice, without a condition, is the wording for an unknown status.
type DocChoice struct {
	When string `json:"when,omitempty"`
	Use  string `json:"use,omitempty"`
}

// Check is a cross-field validation rule over answer fields only: when When
// holds, Field is forced to Force (an answer that differs is an error),
// filled with Default when unanswered (a question that is not asked), must
// not take a value in Forbid, or is required.
type Check struct {
	Field   string   `json:"field"`
	When    string   `json:"when"`
	Force   string   `json:"force,omitempty"`
	Default string   `json:"default,omitempty"`
	Forbid  []string `json:"forbid,omitempty"`
	Require bool     `json:"require,omitempty"`
}

// Switch is a value an admin can change without a release (contract §0).
// Before lists earlier values by date: the value applies while as_of is
// before Date.
type Switch struct {
	Key     string       `json:"key"`
	Type    string       `json:"type"` // date, bool, number, text
	Default string       `json:"default"`
	Before  []DatedValue `json:"before,omitempty"`
	Sources []string     `json:"sources"`
	Note    string       `json:"note"`
}

// DatedValue is a switch value that applies before a date.
type DatedValue struct {
	Date  string `json:"date"`
	Value string `json:"value"`
}

// Field is one answer of the schema (contract §a), by dotted path.
type Field struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"` // enum, bool, date, country, list, text
	Values   []string `json:"values,omitempty"`
	Optional bool     `json:"optional,omitempty"`
}

// Municipality is one town of the county; its slug picks local offices.
type Municipality struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Predicate is a named derived condition (contract "Derived predicates").
type Predicate struct {
	Name string `json:"name"`
	When string `json:"when"`
}

// StepRule is one step of the catalog (contract §b).
type StepRule struct {
	ID       string    `json:"id"`
	Rank     int       `json:"rank"`
	Agency   string    `json:"agency"`
	Site     string    `json:"site,omitempty"`
	Guide    string    `json:"guide"`
	Show     string    `json:"show"`
	Never    string    `json:"never,omitempty"`
	Bring    []string  `json:"bring"`
	Helpers  []string  `json:"helpers,omitempty"`
	Legal    string    `json:"legal"`
	Sources  []string  `json:"sources"`
	Variants []Variant `json:"variants,omitempty"`
}

// Variant changes a step's agency, site, documents, legal reference or
// texts when its condition holds; the first variant whose condition is true
// applies. Legal replaces the step's reference, so that a law is cited only
// for the people it concerns (§ 24 AufenthG only for temporary protection).
type Variant struct {
	Name   string   `json:"name"`
	When   string   `json:"when"`
	Agency string   `json:"agency,omitempty"`
	Site   string   `json:"site,omitempty"`
	Bring  []string `json:"bring,omitempty"`
	Legal  string   `json:"legal,omitempty"`
}

// Constraint is a hard ordering rule (contract §c).
type Constraint struct {
	Before  string   `json:"before"`
	After   string   `json:"after"`
	Why     string   `json:"why"`
	Sources []string `json:"sources"`
}

// QuestionRule is one screen of the questionnaire: the field it fills, when
// it is asked, and whether "I don't know" is offered.
type QuestionRule struct {
	ID       string `json:"id"`
	Field    string `json:"field"`
	Ask      string `json:"ask,omitempty"`
	DontKnow bool   `json:"dont_know,omitempty"`
}

// Rules returns a fresh copy of the rule book for display.
func Rules() *RuleBook {
	rb, err := readRuleBook()
	if err != nil {
		// The book was read and checked at init; reading it again cannot fail.
		return &RuleBook{}
	}
	return rb
}

func readRuleBook() (*RuleBook, error) {
	data, err := ruleFiles.ReadFile("rules.json")
	if err != nil {
		return nil, err
	}
	var rb RuleBook
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rb); err != nil {
		return nil, fmt.Errorf("rules.json: %w", err)
	}
	return &rb, nil
}

// compiled is the rule book with parsed conditions, ready to evaluate.
type compiled struct {
	rb         *RuleBook
	fields     map[string]*Field
	switches   map[string]*Switch
	preds      []compiledPred
	predIndex  map[string]int
	steps      []compiledStep
	stepIndex  map[string]int
	questions  []compiledQuestion
	validation []node
	documents  map[string][]compiledDoc
	texts      map[string]*langTexts
	municipal  map[string]bool
	muniName   map[string]string
}

type compiledPred struct {
	name   string
	cond   node
	fields []string // answer fields it depends on, directly or through other predicates
}

type compiledStep struct {
	rule     *StepRule
	show     node
	never    node // nil when the step has no never-rule
	variants []node
	fields   []string // answer fields the show condition depends on
}

type compiledDoc struct {
	when node // nil: always
	use  string
}

type compiledQuestion struct {
	rule  *QuestionRule
	field *Field
	ask   node // nil: always asked
}

// book is the rule book loaded at init. A broken rule file is a build
// mistake, caught by the tests; Build reports bookErr instead of panicking.
var book, bookErr = loadBook()

func loadBook() (*compiled, error) {
	rb, err := readRuleBook()
	if err != nil {
		return nil, err
	}
	return compile(rb)
}
