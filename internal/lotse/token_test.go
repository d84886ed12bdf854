package lotse

import (
	"net/url"
	"testing"
)

func TestTokenRoundTrip(t *testing.T) {
	cases := []map[string]any{
		{},
		base(),
		patch{"foreign_qualification.profession": "Ingenieurin / 工程师", "children": []string{"under_1", "18_24"},
			"first_entry_date": "2025-04-01", "nationality": "UA"}.apply(base()),
		{"children": []string{}, "registered": false},
	}
	for _, c := range cases {
		a, _, err := DecodeAnswers(mustJSON(t, c))
		if err != nil {
			t.Fatal(err)
		}
		tok := a.Token()
		if url.QueryEscape(tok) != tok && url.PathEscape(tok) != tok {
			t.Errorf("token %q is not URL-safe", tok)
		}
		b, err := ParseToken(tok)
		if err != nil {
			t.Fatalf("%q: %v", tok, err)
		}
		x, _ := a.MarshalJSON()
		y, _ := b.MarshalJSON()
		if string(x) != string(y) {
			t.Errorf("round trip:\n%s\n%s", x, y)
		}
	}
}

func TestTokenLength(t *testing.T) {
	a, _, err := DecodeAnswers(mustJSON(t, base()))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(a.Token()); n > 40 {
		t.Errorf("token of %d characters for a full answer set", n)
	}
}

func TestBadTokens(t *testing.T) {
	full, _, _ := DecodeAnswers(mustJSON(t, base()))
	good := full.Token()
	for _, s := range []string{"", "2" + good[1:], good + "x", good[:len(good)-3], "1zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"} {
		if _, err := ParseToken(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}

func FuzzParseToken(f *testing.F) {
	full, _, _ := DecodeAnswers(mustJSON(f, base()))
	f.Add(full.Token())
	f.Add("1____________________")
	f.Add("1_______.QQ~__________")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseToken(s)
		if err != nil {
			return
		}
		b, err := ParseToken(a.Token())
		if err != nil || b.Token() != a.Token() {
			t.Fatalf("re-encoding %q gave %q: %v", s, a.Token(), err)
		}
	})
}
