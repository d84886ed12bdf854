package lotse

import (
	"encoding/base64"
	"strings"
)

// A plan link carries the answers in a short URL-safe token, so no answers
// are stored on the server. The token is positional over the fields of
// rules.json, in schema order, after a version character:
//
//	enum, bool  one character: the value's index in alphanumerics, "_" = unanswered
//	date        8 digits (YYYYMMDD) or "_"
//	country     2 letters or "_"
//	list        one index character per entry, then "~"; "_" = unanswered
//	text        "." + base64url + "~", or "_"
//
// Changing the fields or their values in rules.json changes the meaning of
// old tokens: bump tokenVersion then.
const tokenVersion = "1"

const tokenDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// Token encodes the answers for a plan link.
func (a Answers) Token() string {
	var b strings.Builder
	b.WriteString(tokenVersion)
	for _, f := range book.rb.Fields {
		v, ok := a.vals[f.Name]
		if !ok {
			b.WriteByte('_')
			continue
		}
		switch f.Type {
		case "enum":
			b.WriteByte(tokenDigits[indexOf(f.Values, v.s)])
		case "bool":
			b.WriteString(map[string]string{"false": "0", "true": "1"}[v.s])
		case "date":
			b.WriteString(strings.ReplaceAll(v.s, "-", ""))
		case "country":
			b.WriteString(v.s)
		case "list":
			for _, x := range v.list {
				b.WriteByte(tokenDigits[indexOf(f.Values, x)])
			}
			b.WriteByte('~')
		case "text":
			b.WriteString("." + base64.RawURLEncoding.EncodeToString([]byte(v.s)) + "~")
		}
	}
	return b.String()
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return 0
}

// ParseToken decodes a plan link's token. A damaged token or one from
// another version is an *InputError with code "token".
func ParseToken(s string) (Answers, error) {
	bad := &InputError{Field: "token", Code: "token", Msg: "the plan link is damaged or from an older version"}
	if bookErr != nil {
		return Answers{}, bookErr
	}
	if !strings.HasPrefix(s, tokenVersion) {
		return Answers{}, bad
	}
	s = s[len(tokenVersion):]
	a := Answers{vals: map[string]value{}}
	for _, f := range book.rb.Fields {
		if s == "" {
			return Answers{}, bad
		}
		if s[0] == '_' {
			s = s[1:]
			continue
		}
		v, rest, ok := decodeTokenField(&f, s)
		if !ok {
			return Answers{}, bad
		}
		a.vals[f.Name], s = v, rest
	}
	if s != "" {
		return Answers{}, bad
	}
	return a, nil
}

// decodeTokenField reads one field's value from the front of s.
func decodeTokenField(f *Field, s string) (value, string, bool) {
	valueAt := func(c byte) (string, bool) {
		i := strings.IndexByte(tokenDigits, c)
		if i < 0 || i >= len(f.Values) {
			return "", false
		}
		return f.Values[i], true
	}
	var raw string
	switch f.Type {
	case "enum", "bool":
		if f.Type == "bool" {
			raw = map[byte]string{'0': "false", '1': "true"}[s[0]]
		} else {
			raw, _ = valueAt(s[0])
		}
		v, err := parseScalar(f, raw)
		return v, s[1:], err == nil
	case "date", "country":
		n := map[string]int{"date": 8, "country": 2}[f.Type]
		if len(s) < n {
			return value{}, "", false
		}
		raw = s[:n]
		if f.Type == "date" {
			raw = raw[:4] + "-" + raw[4:6] + "-" + raw[6:]
		}
		v, err := parseScalar(f, raw)
		return v, s[n:], err == nil && (f.Type != "country" || raw == v.s)
	case "list":
		end := strings.IndexByte(s, '~')
		if end < 0 {
			return value{}, "", false
		}
		list := []string{}
		for i := 0; i < end; i++ {
			x, ok := valueAt(s[i])
			if !ok {
				return value{}, "", false
			}
			list = append(list, x)
		}
		return value{known: true, isList: true, list: list}, s[end+1:], true
	}
	end := strings.IndexByte(s, '~')
	if s[0] != '.' || end < 0 {
		return value{}, "", false
	}
	text, err := base64.RawURLEncoding.DecodeString(s[1:end])
	if err != nil {
		return value{}, "", false
	}
	v, perr := parseScalar(f, string(text))
	return v, s[end+1:], perr == nil
}
