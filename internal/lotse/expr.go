package lotse

import (
	"fmt"
	"strings"
)

// This file holds the tokenizer and parser of the small condition language
// used in rules.json, for example
//
//	third and residence_status in {visa, none}
//	children has {1_2, 3_5} and (recent or registered == false)
//	first_entry_date >= ukraine_asylblg_cutoff
//	german_low and not shown(integration-course)
//
// Grammar (lowest precedence first):
//
//	expr    = and { "or" and }
//	and     = unary { "and" unary }
//	unary   = "not" unary | primary
//	primary = "(" expr ")" | "shown" "(" word ")" | word [ cmp ]
//	cmp     = ("=="|"!="|">="|"<="|">"|"<") (word | "[]")
//	        | ["not"] "in" set | "has" set
//	set     = "{" word { "," word } "}"
//
// A word on the right of a comparison names a field, a switch or as_of when
// such a name exists, otherwise it is a literal. Names and literals are
// checked against the rule book when the rules load (check.go).

type tokKind int

const (
	tkEOF tokKind = iota
	tkWord
	tkOp
	tkLParen
	tkRParen
	tkLBrace
	tkRBrace
	tkEmptyList
	tkComma
)

type token struct {
	kind tokKind
	text string
	pos  int
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '.'
}

// tokenize splits a condition into tokens; it rejects any byte the language
// does not use.
func tokenize(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case isWordByte(c):
			j := i
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			toks = append(toks, token{tkWord, src[i:j], i})
			i = j
		case c == '(' || c == ')' || c == '{' || c == '}' || c == ',':
			kind := map[byte]tokKind{'(': tkLParen, ')': tkRParen, '{': tkLBrace, '}': tkRBrace, ',': tkComma}[c]
			toks = append(toks, token{kind, string(c), i})
			i++
		case strings.HasPrefix(src[i:], "[]"):
			toks = append(toks, token{tkEmptyList, "[]", i})
			i += 2
		default:
			op := ""
			for _, o := range []string{"==", "!=", ">=", "<=", ">", "<"} {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				return nil, fmt.Errorf("unexpected %q at %d", c, i)
			}
			toks = append(toks, token{tkOp, op, i})
			i += len(op)
		}
	}
	return append(toks, token{tkEOF, "", len(src)}), nil
}

// parser turns tokens into a tree of nodes (eval.go).
type parser struct {
	toks []token
	i    int
	sc   scope
}

// scope tells the parser which words are names (fields, switches, as_of) so
// that the right side of a comparison can be a reference.
type scope interface {
	isName(word string) bool
}

// parseCond parses one condition; the empty string is an error because every
// rule must say when it applies.
func parseCond(src string, sc scope) (node, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, sc: sc}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tkEOF {
		return nil, fmt.Errorf("unexpected %q at %d", t.text, t.pos)
	}
	return n, nil
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tkEOF {
		p.i++
	}
	return t
}

func (p *parser) isKeyword(w string) bool {
	t := p.peek()
	return t.kind == tkWord && t.text == w
}

func (p *parser) expect(kind tokKind, what string) (token, error) {
	t := p.next()
	if t.kind != kind {
		if t.kind == tkEOF {
			return t, fmt.Errorf("expected %s at end", what)
		}
		return t, fmt.Errorf("expected %s at %d, got %q", what, t.pos, t.text)
	}
	return t, nil
}

func (p *parser) parseOr() (node, error) {
	l, err := p.parseAnd()
	for err == nil && p.isKeyword("or") {
		p.next()
		var r node
		if r, err = p.parseAnd(); err == nil {
			l = orNode{l, r}
		}
	}
	return l, err
}

func (p *parser) parseAnd() (node, error) {
	l, err := p.parseUnary()
	for err == nil && p.isKeyword("and") {
		p.next()
		var r node
		if r, err = p.parseUnary(); err == nil {
			l = andNode{l, r}
		}
	}
	return l, err
}

func (p *parser) parseUnary() (node, error) {
	if p.isKeyword("not") {
		p.next()
		x, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return notNode{x}, nil
	}
	return p.parsePrimary()
}

var keywords = map[string]bool{"and": true, "or": true, "not": true, "in": true, "has": true, "shown": true}

func (p *parser) parsePrimary() (node, error) {
	t := p.next()
	switch {
	case t.kind == tkLParen:
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		_, err = p.expect(tkRParen, ")")
		return n, err
	case t.kind == tkWord && t.text == "shown":
		if _, err := p.expect(tkLParen, "( after shown"); err != nil {
			return nil, err
		}
		id, err := p.expect(tkWord, "a step id")
		if err != nil {
			return nil, err
		}
		_, err = p.expect(tkRParen, ")")
		return shownNode{step: id.text}, err
	case t.kind == tkWord && !keywords[t.text]:
		return p.parseComparison(t.text)
	case t.kind == tkEOF:
		return nil, fmt.Errorf("condition ends too early")
	}
	return nil, fmt.Errorf("unexpected %q at %d", t.text, t.pos)
}

func (p *parser) parseComparison(name string) (node, error) {
	left := operand{ref: name}
	t := p.peek()
	switch {
	case t.kind == tkOp:
		p.next()
		r := p.next()
		switch {
		case r.kind == tkEmptyList:
			return cmpNode{left: left, op: t.text, right: operand{emptyList: true}}, nil
		case r.kind == tkWord && !keywords[r.text]:
			right := operand{lit: r.text}
			if p.sc.isName(r.text) {
				right = operand{ref: r.text}
			}
			return cmpNode{left: left, op: t.text, right: right}, nil
		}
		return nil, fmt.Errorf("expected a value after %s at %d", t.text, t.pos)
	case p.isKeyword("in"), p.isKeyword("has"):
		op := p.next().text
		set, err := p.parseSet()
		return cmpNode{left: left, op: op, set: set}, err
	case p.isKeyword("not") && p.toks[p.i+1].kind == tkWord && p.toks[p.i+1].text == "in":
		p.i += 2
		set, err := p.parseSet()
		return cmpNode{left: left, op: "not in", set: set}, err
	}
	return refNode{name: name}, nil
}

func (p *parser) parseSet() ([]string, error) {
	if _, err := p.expect(tkLBrace, "{"); err != nil {
		return nil, err
	}
	var set []string
	for {
		w, err := p.expect(tkWord, "a value")
		if err != nil {
			return nil, err
		}
		set = append(set, w.text)
		sep := p.next()
		if sep.kind == tkRBrace {
			return set, nil
		}
		if sep.kind != tkComma {
			return nil, fmt.Errorf("expected , or } at %d", sep.pos)
		}
	}
}
