package booking

import (
	"strings"
	"testing"

	"lotse/internal/errs"
)

func TestNewCodeParsesBack(t *testing.T) {
	seen := map[Code]bool{}
	for range 1000 {
		c := NewCode()
		if len(c) != codeLen+1 || c[codeGroup] != '-' {
			t.Fatalf("NewCode() = %q, want four symbols, a dash, four symbols", c)
		}
		got, err := ParseCode(string(c))
		if err != nil || got != c {
			t.Fatalf("ParseCode(%q) = %q, %v", c, got, err)
		}
		seen[c] = true
	}
	if len(seen) < 999 {
		t.Errorf("1000 codes, only %d distinct", len(seen))
	}
}

func TestParseCode(t *testing.T) {
	c := validCode("K7MA4QX")
	compact := strings.ReplaceAll(string(c), "-", "")
	tests := []struct {
		name, in string
		want     Code // "" means invalid
	}{
		{"canonical", string(c), c},
		{"lower case, no dash", strings.ToLower(compact), c},
		{"spaces and dots", " " + compact[:2] + " " + compact[2:5] + "." + compact[5:] + " ", c},
		{"en dash", compact[:4] + "–" + compact[4:], c},
		{"full width", toFullWidth(string(c)), c},
		{"Cyrillic К, М, А", strings.NewReplacer("K", "к", "M", "М", "A", "а").Replace(string(c)), c},
		{"Arabic-Indic 7 and 4", strings.NewReplacer("7", "٧", "4", "٤").Replace(string(c)), c},
		{"Persian 7 and 4", strings.NewReplacer("7", "۷", "4", "۴").Replace(string(c)), c},
		{"empty", "", ""},
		{"too short", compact[:7], ""},
		{"too long", compact + "2", ""},
		{"letter O", "O" + compact[1:], ""},
		{"digit 1", "1" + compact[1:], ""},
		{"wrong check symbol", compact[:7] + string(otherSymbol(compact[7])), ""},
		{"swapped neighbours", compact[:1] + compact[2:3] + compact[1:2] + compact[3:], ""},
		{"symbol", compact[:7] + "#", ""},
		{"10 kB", strings.Repeat("A", 10000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCode(tt.in)
			if tt.want == "" {
				if err == nil || errs.KindOf(err) != errs.Invalid || errs.MsgKeyOf(err) != "booking.code_invalid" {
					t.Errorf("ParseCode(%q) = %q, %v; want an Invalid booking.code_invalid error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseCode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestCodeAlphabet(t *testing.T) {
	if n := len(codeAlphabet); n != 29 {
		t.Errorf("alphabet has %d symbols; the check symbol needs the prime 29", n)
	}
	for _, r := range "01OILUZ" {
		if strings.ContainsRune(codeAlphabet, r) {
			t.Errorf("alphabet holds the ambiguous %q", r)
		}
	}
	for r, c := range lookalikes {
		if strings.IndexByte(codeAlphabet, c) < 0 {
			t.Errorf("lookalike %q maps to %q, outside the alphabet", r, c)
		}
	}
}

func TestToken(t *testing.T) {
	a, b := NewToken(), NewToken()
	if len(a) != 22 || a == b || strings.ContainsAny(a, "+/=") {
		t.Fatalf("tokens %q, %q: want 22 distinct URL-safe characters", a, b)
	}
	h := HashToken(a)
	if !CheckToken(a, h) {
		t.Error("CheckToken rejects the right token")
	}
	for _, wrong := range []string{b, "", a[:21], a + "x"} {
		if CheckToken(wrong, h) {
			t.Errorf("CheckToken accepts %q", wrong)
		}
	}
	if CheckToken(a, nil) {
		t.Error("CheckToken accepts an empty hash")
	}
}

// FuzzParseCode checks that no input makes ParseCode panic, and that whatever
// it accepts is canonical, parses to itself and carries a valid check symbol.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"K7MA-4QX2", "k7ma 4qx2", "", "----", "ЗЗЗЗ-ЗЗЗЗ", "٢٣٤٥٦٧٨٩", "ＡＢＣＤ", "\xff\xfe"} {
		f.Add(s)
	}
	f.Add(string(validCode("ABCDEFG")))
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			if c != "" {
				t.Fatalf("ParseCode(%q) = %q with error %v", s, c, err)
			}
			return
		}
		if len(c) != codeLen+1 || c[codeGroup] != '-' {
			t.Fatalf("ParseCode(%q) = %q, not canonical", s, c)
		}
		for i := range len(c) {
			if i != codeGroup && strings.IndexByte(codeAlphabet, c[i]) < 0 {
				t.Fatalf("ParseCode(%q) = %q, symbol %q outside the alphabet", s, c, c[i])
			}
		}
		if again, err := ParseCode(string(c)); err != nil || again != c {
			t.Fatalf("ParseCode(%q) = %q, %v; want it unchanged", c, again, err)
		}
	})
}

// validCode completes seven symbols with their check symbol.
func validCode(random string) Code {
	b := []byte(random)
	return group(append(b, codeAlphabet[checkSymbol(b)]))
}

// otherSymbol returns an alphabet symbol different from c.
func otherSymbol(c byte) byte {
	if c == codeAlphabet[0] {
		return codeAlphabet[1]
	}
	return codeAlphabet[0]
}

// toFullWidth writes ASCII letters, digits and the dash in their full-width forms.
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r - '!' + '！'
		}
		return r
	}, s)
}
