package lotse

import "slices"

// tri is a three-valued truth value (Kleene logic). A condition over a field
// that was not answered is unknown; "and", "or" and "not" then give the
// strongest answer the known parts allow, so "eu or X" is true even when X is
// unknown.
type tri int8

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// value is one answer, switch or literal: a scalar (booleans as "true" and
// "false", dates as YYYY-MM-DD) or a list. known is false for an unanswered
// field.
type value struct {
	known  bool
	isList bool
	s      string
	list   []string
}

// env is what conditions are evaluated against.
type env struct {
	answers  map[string]value
	switches map[string]string
	asOf     string
	preds    map[string]tri
	shown    map[string]tri
}

// lookup resolves a name to its value: an answer, a switch or as_of.
func (e *env) lookup(name string) value {
	if name == "as_of" {
		return value{known: true, s: e.asOf}
	}
	if v, ok := e.switches[name]; ok {
		return value{known: true, s: v}
	}
	return e.answers[name]
}

// node is a parsed condition.
type node interface {
	eval(e *env) tri
	// names appends every name the node refers to (fields, switches,
	// predicates, steps as "shown:<id>").
	names(dst []string) []string
}

type andNode struct{ l, r node }
type orNode struct{ l, r node }
type notNode struct{ x node }
type refNode struct{ name string }
type shownNode struct{ step string }

// operand is one side of a comparison: a name, a literal or the empty list.
type operand struct {
	ref       string
	lit       string
	emptyList bool
}

type cmpNode struct {
	left  operand
	op    string // ==, !=, >=, <=, >, <, in, not in, has
	right operand
	set   []string
}

func (n andNode) eval(e *env) tri {
	l, r := n.l.eval(e), n.r.eval(e)
	switch {
	case l == triFalse || r == triFalse:
		return triFalse
	case l == triTrue && r == triTrue:
		return triTrue
	}
	return triUnknown
}

func (n orNode) eval(e *env) tri {
	l, r := n.l.eval(e), n.r.eval(e)
	switch {
	case l == triTrue || r == triTrue:
		return triTrue
	case l == triFalse && r == triFalse:
		return triFalse
	}
	return triUnknown
}

func (n notNode) eval(e *env) tri {
	switch n.x.eval(e) {
	case triTrue:
		return triFalse
	case triFalse:
		return triTrue
	}
	return triUnknown
}

func (n refNode) eval(e *env) tri {
	if t, ok := e.preds[n.name]; ok {
		return t
	}
	v := e.lookup(n.name)
	if !v.known {
		return triUnknown
	}
	return triOf(v.s == "true")
}

func (n shownNode) eval(e *env) tri { return e.shown[n.step] }

func (o operand) value(e *env) value {
	switch {
	case o.emptyList:
		return value{known: true, isList: true}
	case o.ref != "":
		return e.lookup(o.ref)
	}
	return value{known: true, s: o.lit}
}

func (n cmpNode) eval(e *env) tri {
	l := n.left.value(e)
	if !l.known {
		return triUnknown
	}
	switch n.op {
	case "in":
		return triOf(slices.Contains(n.set, l.s))
	case "not in":
		return triOf(!slices.Contains(n.set, l.s))
	case "has":
		return triOf(slices.ContainsFunc(l.list, func(c string) bool { return slices.Contains(n.set, c) }))
	}
	r := n.right.value(e)
	if !r.known {
		return triUnknown
	}
	if l.isList || r.isList {
		eq := len(l.list) == len(r.list) && slices.Equal(l.list, r.list)
		return triOf(eq == (n.op == "=="))
	}
	switch n.op {
	case "==":
		return triOf(l.s == r.s)
	case "!=":
		return triOf(l.s != r.s)
	case ">=":
		return triOf(l.s >= r.s)
	case "<=":
		return triOf(l.s <= r.s)
	case ">":
		return triOf(l.s > r.s)
	}
	return triOf(l.s < r.s)
}

func (n andNode) names(dst []string) []string   { return n.r.names(n.l.names(dst)) }
func (n orNode) names(dst []string) []string    { return n.r.names(n.l.names(dst)) }
func (n notNode) names(dst []string) []string   { return n.x.names(dst) }
func (n refNode) names(dst []string) []string   { return append(dst, n.name) }
func (n shownNode) names(dst []string) []string { return append(dst, "shown:"+n.step) }

func (n cmpNode) names(dst []string) []string {
	dst = append(dst, n.left.ref)
	if n.right.ref != "" {
		dst = append(dst, n.right.ref)
	}
	return dst
}
