package lotse

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"
)

// Answers are a newcomer's validated answers, keyed by the dotted field path
// of the contract ("job.situation"). A field that is absent was not answered;
// JSON null counts as not answered. The zero value has no answers.
type Answers struct {
	vals map[string]value
}

// maxText bounds free-text answers (the profession), which no plan depends
// on and the web form leaves out of the plan's link.
const maxText = 200

// warning is a non-fatal note about the input, rendered in the plan's
// language.
type warning struct {
	code  string // key in texts "warnings"
	field string
}

// DecodeAnswers reads answers in the contract's JSON format (§a). An unknown
// field is ignored and reported in the returned warnings (as field paths); an
// unknown value, a wrong type or an impossible combination is an
// *InputError. A persona file ({"answers": {...}, "must_include": ...}) is
// accepted too: its answers are used.
func DecodeAnswers(data []byte) (Answers, []string, error) {
	a, ws, err := decodeAnswers(data)
	var fields []string
	for _, w := range ws {
		fields = append(fields, w.field)
	}
	return a, fields, err
}

func decodeAnswers(data []byte) (Answers, []warning, error) {
	if bookErr != nil {
		return Answers{}, nil, bookErr
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil || top == nil {
		return Answers{}, nil, &InputError{Code: "json", Msg: "the answers must be one JSON object"}
	}
	var ws []warning
	if inner, ok := top["answers"]; ok && !book.hasAnyField(top) {
		top = nil
		if err := json.Unmarshal(inner, &top); err != nil || top == nil {
			return Answers{}, nil, &InputError{Field: "answers", Code: "json", Msg: "answers must be a JSON object"}
		}
		ws = append(ws, warning{code: "persona", field: "answers"})
	}
	raw := map[string]json.RawMessage{}
	for key, msg := range top {
		if book.fields[key] != nil {
			raw[key] = msg
			continue
		}
		if !book.isGroup(key) {
			ws = append(ws, warning{code: "unknown_field", field: key})
			continue
		}
		var sub map[string]json.RawMessage
		if isNull(msg) {
			continue
		}
		if err := json.Unmarshal(msg, &sub); err != nil {
			subs := book.subFields(key)
			return Answers{}, nil, &InputError{Field: key, Code: "type", Allowed: subs,
				Msg: key + " must be a JSON object with the fields " + strings.Join(subs, ", ")}
		}
		for sk, sm := range sub {
			path := key + "." + sk
			if book.fields[path] == nil {
				ws = append(ws, warning{code: "unknown_field", field: path})
				continue
			}
			raw[path] = sm
		}
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].field < ws[j].field })
	a := Answers{vals: map[string]value{}}
	for _, f := range book.rb.Fields {
		msg, ok := raw[f.Name]
		if !ok || isNull(msg) {
			continue
		}
		v, err := decodeValue(&f, msg)
		if err != nil {
			return Answers{}, nil, err
		}
		a.vals[f.Name] = v
	}
	return a, ws, nil
}

func isNull(msg json.RawMessage) bool { return string(bytes.TrimSpace(msg)) == "null" }

// hasAnyField reports whether a decoded object holds a schema field.
func (c *compiled) hasAnyField(top map[string]json.RawMessage) bool {
	for k := range top {
		if c.fields[k] != nil || c.isGroup(k) {
			return true
		}
	}
	return false
}

// isGroup reports whether a key is the object part of dotted fields ("job").
func (c *compiled) isGroup(key string) bool { return len(c.subFields(key)) > 0 }

// subFields lists the dotted fields of a group ("job.situation",
// "job.work_authorization"), in schema order.
func (c *compiled) subFields(group string) []string {
	var out []string
	for _, f := range c.rb.Fields {
		if strings.HasPrefix(f.Name, group+".") {
			out = append(out, f.Name)
		}
	}
	return out
}

// decodeValue decodes and checks one JSON value for a field. A rejected
// value is reported bare: a JSON string without its quotes, anything else as
// written.
func decodeValue(f *Field, msg json.RawMessage) (value, error) {
	bad := func() (value, error) {
		var s string
		if json.Unmarshal(msg, &s) != nil {
			s = string(bytes.TrimSpace(msg))
		}
		return value{}, badValue(f, s)
	}
	switch f.Type {
	case "bool":
		var b bool
		if json.Unmarshal(msg, &b) != nil {
			return bad()
		}
		return scalar(boolString(b)), nil
	case "list":
		var list []string
		if json.Unmarshal(msg, &list) != nil {
			return bad()
		}
		for _, s := range list {
			if !slices.Contains(f.Values, s) {
				return value{}, badValue(f, s)
			}
		}
		return value{known: true, isList: true, list: nonNil(list)}, nil
	}
	var s string
	if json.Unmarshal(msg, &s) != nil {
		return bad()
	}
	return parseScalar(f, s)
}

// parseScalar checks a string answer for a non-list field.
func parseScalar(f *Field, s string) (value, error) {
	switch f.Type {
	case "bool":
		if s != "true" && s != "false" {
			return value{}, badValue(f, s)
		}
	case "country":
		s = strings.ToUpper(s)
		if !isCountry(s) {
			return value{}, badValue(f, s)
		}
	case "date":
		if !isDate(s) {
			return value{}, badValue(f, s)
		}
	case "text":
		if len(s) > maxText {
			return value{}, &InputError{Field: f.Name, Code: "too_long", Msg: f.Name + " is too long"}
		}
	default:
		if !slices.Contains(f.Values, s) {
			return value{}, badValue(f, s)
		}
	}
	return scalar(s), nil
}

func scalar(s string) value { return value{known: true, s: s} }

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// Get returns the answer of a field: the value, or for a list field the
// values joined by ",". ok is false when the field was not answered.
func (a Answers) Get(field string) (v string, ok bool) {
	x, ok := a.vals[field]
	if !ok {
		return "", false
	}
	if x.isList {
		return strings.Join(x.list, ","), true
	}
	return x.s, true
}

// Set returns a copy of the answers with one field answered; a list field
// takes zero or more values (one per child), any other field exactly one.
// Booleans are "true" or "false". The value is checked like DecodeAnswers
// checks it.
func (a Answers) Set(field string, values ...string) (Answers, error) {
	if bookErr != nil {
		return a, bookErr
	}
	f := book.fields[field]
	if f == nil {
		return a, &InputError{Field: field, Code: "unknown_field", Msg: "unknown field " + field}
	}
	var v value
	if f.Type == "list" {
		for _, s := range values {
			if !slices.Contains(f.Values, s) {
				return a, badValue(f, s)
			}
		}
		v = value{known: true, isList: true, list: nonNil(slices.Clone(values))}
	} else {
		if len(values) != 1 {
			return a, badValue(f, strings.Join(values, ","))
		}
		var err error
		if v, err = parseScalar(f, values[0]); err != nil {
			return a, err
		}
	}
	out := a.clone()
	out.vals[field] = v
	return out, nil
}

// Unset returns a copy of the answers with a field unanswered.
func (a Answers) Unset(field string) Answers {
	out := a.clone()
	delete(out.vals, field)
	return out
}

func (a Answers) clone() Answers {
	out := Answers{vals: make(map[string]value, len(a.vals)+1)}
	for k, v := range a.vals {
		out.vals[k] = v
	}
	return out
}

// MarshalJSON writes the answers in the contract's format (§a), nested
// objects for dotted fields, in schema order.
func (a Answers) MarshalJSON() ([]byte, error) {
	type member struct {
		key, val string
		sub      []member
	}
	var top []*member
	groups := map[string]*member{}
	for _, f := range book.rb.Fields {
		v, ok := a.vals[f.Name]
		if !ok {
			continue
		}
		enc := quote(v.s)
		switch {
		case v.isList:
			b, _ := json.Marshal(v.list)
			enc = string(b)
		case f.Type == "bool":
			enc = v.s
		}
		g, key, dotted := strings.Cut(f.Name, ".")
		if !dotted {
			top = append(top, &member{key: f.Name, val: enc})
			continue
		}
		if groups[g] == nil {
			groups[g] = &member{key: g}
			top = append(top, groups[g])
		}
		groups[g].sub = append(groups[g].sub, member{key: key, val: enc})
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range top {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(quote(m.key) + ":")
		if m.sub == nil {
			buf.WriteString(m.val)
			continue
		}
		buf.WriteByte('{')
		for j, s := range m.sub {
			if j > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(quote(s.key) + ":" + s.val)
		}
		buf.WriteByte('}')
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
