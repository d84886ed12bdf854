package booking

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"lotse/internal/errs"
)

// A booking code is what a visitor reads out at reception or on the phone:
// eight symbols in two groups of four, "K7MA-4QX5". The alphabet leaves out
// the symbols easily taken for others when read or spoken (0 and O; 1, I and
// L; U; Z), which leaves 29 symbols, a prime: seven random symbols (34 bits)
// and one check symbol, a weighted sum modulo 29 that catches
// every single wrong symbol and every swap of two neighbours, so a typo is
// reported as one before any lookup. A code identifies a booking; it is not a
// secret: viewing or changing a booking also needs its token.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXY"

// Sizes of a code: symbols without the dash, random symbols, group length.
const (
	codeLen    = 8
	codeRandom = codeLen - 1
	codeGroup  = 4
)

// Code is a booking code in its canonical form, "K7MA-4QX5". Make one with
// NewCode or ParseCode; the zero value is no code.
type Code string

// NewCode returns a fresh random code. Codes are not unique by construction:
// the store keeps them unique and draws again on a collision.
func NewCode() Code {
	var b [codeLen]byte
	for i := range codeRandom {
		b[i] = codeAlphabet[randIndex(len(codeAlphabet))]
	}
	b[codeRandom] = codeAlphabet[checkSymbol(b[:codeRandom])]
	return group(b[:])
}

// ParseCode reads a code as a visitor types it: any case, with or without
// dashes, spaces or dots, full-width forms, Cyrillic or Greek letters that
// look like Latin ones (a Ukrainian keyboard), Arabic-Indic and Persian digits,
// and Z or U for 2 or V. A wrong length, a symbol outside the alphabet or a
// wrong check symbol is an errs.Invalid error for the field "code".
func ParseCode(s string) (Code, error) {
	if len(s) > 64 {
		return "", codeError("too long")
	}
	var b []byte
	for _, r := range norm.NFKC.String(s) {
		if isSeparator(r) {
			continue
		}
		c := canonicalSymbol(r)
		if c == 0 || len(b) == codeLen {
			return "", codeError("symbol or length")
		}
		b = append(b, c)
	}
	if len(b) != codeLen {
		return "", codeError("length")
	}
	if codeAlphabet[checkSymbol(b[:codeRandom])] != b[codeRandom] {
		return "", codeError("check symbol")
	}
	return group(b), nil
}

// codeError is the error of a code that cannot be one; the detail is for logs.
func codeError(detail string) error {
	return &errs.Error{Kind: errs.Invalid, MsgKey: "booking.code_invalid", Field: "code", Detail: detail}
}

// isSeparator reports whether r may stand between the symbols of a typed code.
func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == '.' || r == '_' || r == '/'
}

// lookalikes maps letters of other scripts, and two Latin letters missing from
// the alphabet, to the symbol they are taken for. Keys are upper case.
var lookalikes = map[rune]byte{
	// Cyrillic
	'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M', 'Р': 'P',
	'Т': 'T', 'Х': 'X', 'У': 'Y', 'З': '3', 'Ѕ': 'S', 'Ј': 'J', 'Ү': 'Y',
	// Greek
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Η': 'H', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ρ': 'P',
	'Τ': 'T', 'Χ': 'X', 'Υ': 'Y',
	// Latin letters left out of the alphabet
	'Z': '2', 'U': 'V',
}

// canonicalSymbol maps a typed rune to its alphabet symbol, or 0 if it is none.
func canonicalSymbol(r rune) byte {
	switch {
	case r >= '٠' && r <= '٩': // Arabic-Indic digits
		r = '0' + (r - '٠')
	case r >= '۰' && r <= '۹': // Persian digits
		r = '0' + (r - '۰')
	}
	r = unicode.ToUpper(r)
	if c, ok := lookalikes[r]; ok {
		return c
	}
	if r < unicode.MaxASCII && strings.IndexByte(codeAlphabet, byte(r)) >= 0 {
		return byte(r)
	}
	return 0
}

// checkSymbol returns the index of the check symbol of the random symbols b:
// the sum of each symbol's value times its position (1…7) modulo 29.
func checkSymbol(b []byte) int {
	sum := 0
	for i, c := range b {
		sum += (i + 1) * strings.IndexByte(codeAlphabet, c)
	}
	return sum % len(codeAlphabet)
}

// group writes eight symbols in the canonical form with a dash.
func group(b []byte) Code {
	return Code(string(b[:codeGroup]) + "-" + string(b[codeGroup:]))
}

// randIndex returns a uniformly random number in [0, n) for n ≤ 256.
func randIndex(n int) int {
	limit := 256 - 256%n // reject the biased top of the byte range
	var b [1]byte
	for {
		rand.Read(b[:])
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// NewToken returns 128 random bits, URL-safe base64 without padding (22
// characters). The token stands behind a code in the visitor's link: it
// authorizes viewing, changing and cancelling the booking.
func NewToken() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashToken returns the SHA-256 of a token, which the store keeps instead of
// the token so that a copy of the database holds no working links. A 128-bit
// random token needs no slow hash.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CheckToken reports whether token hashes to hash, in constant time, so the
// time a check takes tells nothing about how much of a guess was right.
func CheckToken(token string, hash []byte) bool {
	return subtle.ConstantTimeCompare(HashToken(token), hash) == 1
}
