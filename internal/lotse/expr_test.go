package lotse

import "testing"

// names is a scope for parser tests.
type names map[string]bool

func (n names) isName(w string) bool { return n[w] }

func TestParseErrors(t *testing.T) {
	sc := names{"a": true, "b": true}
	for _, src := range []string{
		"", "a ==", "a in {x", "a in {}", "(a", "a)", "a $ b", "and", "a or", "shown(", "shown(x", "a == in", "not",
		"a in x", "a = b", "a not {x}",
	} {
		if _, err := parseCond(src, sc); err == nil {
			t.Errorf("%q parsed", src)
		}
	}
}

func TestEval(t *testing.T) {
	sc := names{"g": true, "d": true, "cut": true, "kids": true, "flag": true}
	e := &env{
		answers: map[string]value{
			"g":    scalar("A1"),
			"d":    scalar("2025-05-01"),
			"kids": {known: true, isList: true, list: []string{"3_5"}},
			"flag": scalar("true"),
		},
		switches: map[string]string{"cut": "2025-04-01"},
		asOf:     "2026-11-24",
		preds:    map[string]tri{"p": triTrue},
		shown:    map[string]tri{"s": triUnknown},
	}
	tests := []struct {
		src  string
		want tri
	}{
		{"g in {none, A1}", triTrue},
		{"g not in {none, A1}", triFalse},
		{"g == A2 or g == A1", triTrue},
		{"d >= cut", triTrue},
		{"d < cut", triFalse},
		{"as_of >= 2026-07-01", triTrue},
		{"kids has {1_2, 3_5}", triTrue},
		{"kids == []", triFalse},
		{"kids != []", triTrue},
		{"flag and p", triTrue},
		{"not flag", triFalse},
		{"missing == x", triUnknown},
		{"missing == x and g == B2", triFalse},
		{"missing == x or g == A1", triTrue},
		{"not missing == x", triUnknown},
		{"shown(s)", triUnknown},
		{"not (g == A1 and flag)", triFalse},
		{"g == A1 and flag or missing", triTrue},
	}
	for _, tt := range tests {
		n, err := parseCond(tt.src, sc)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got := n.eval(e); got != tt.want {
			t.Errorf("%q = %d, want %d", tt.src, got, tt.want)
		}
	}
}
