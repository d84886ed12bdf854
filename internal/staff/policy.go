package staff

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"lotse/internal/errs"
)

// MinPassword is the shortest password lotse accepts (NIST SP 800-63B: at least 8;
// staff accounts guard public content, so a little more).
const MinPassword = 12

// commonList holds the most common passwords and password stems of German and
// English speakers, one a line, lower case, plus the words a guesser tries
// first against a county's accounts (kreis, dueren, integration, …). It is
// short on purpose: NIST SP 800-63B asks for a blocklist of likely choices,
// not a dictionary.
//
//go:embed common-passwords.txt
var commonList string

var common = func() map[string]bool {
	m := map[string]bool{}
	for l := range strings.Lines(commonList) {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// keyboardRows are the letter and digit rows of German and English keyboards;
// a password that is a stretch of one (or of all rows run together) is a
// sequence, forwards or backwards.
var keyboardRows = []string{
	"1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm",
	"qwertyuiop", "asdfghjkl", "zxcvbnm",
	"qwertzuiopasdfghjklyxcvbnm", "qwertyuiopasdfghjklzxcvbnm",
}

// CheckPassword applies lotse's password policy for staff accounts and
// returns an errs.Invalid error whose message key says what is wrong:
//
//   - staff.error.password_short: fewer than MinPassword characters;
//   - staff.error.password_repeated: one character, or a short pattern of at
//     most six, repeated ("aaaaaaaaaaaa", "abcabcabcabc");
//   - staff.error.password_sequence: a run of consecutive letters or digits
//     ("abcdefghijkl", "345678901234", backwards too) or a stretch of a
//     keyboard row ("qwertzuiopü…");
//   - staff.error.password_email: it contains the local part of email (or a
//     part of it of at least four characters, such as "schmidt" of
//     anna.schmidt@…);
//   - staff.error.password_common: after lower-casing, removing digits and
//     punctuation at either end and undoing common letter swaps (@ for a, 0
//     for o, …), it is, or repeats, an entry of the embedded list of the
//     most common passwords ("Passwort2024!", "Kreis-Dueren1", "willkommen123").
//
// Generated passwords (NewPassword) always pass.
func CheckPassword(password, email string) error {
	bad := func(key string) error {
		return &errs.Error{Kind: errs.Invalid, MsgKey: key, Field: "password"}
	}
	if utf8.RuneCountInString(password) < MinPassword {
		return bad("staff.error.password_short")
	}
	p := strings.ToLower(password)
	switch {
	case repeated(p):
		return bad("staff.error.password_repeated")
	case sequence(p):
		return bad("staff.error.password_sequence")
	case containsLocalPart(p, email):
		return bad("staff.error.password_email")
	case isCommon(p):
		return bad("staff.error.password_common")
	}
	return nil
}

// repeated reports whether p is one unit of at most six characters repeated.
func repeated(p string) bool {
	r := []rune(p)
	for n := 1; n <= 6 && n <= len(r)/2; n++ {
		if len(r)%n == 0 && strings.Repeat(string(r[:n]), len(r)/n) == p {
			return true
		}
	}
	return false
}

// sequence reports whether p climbs or falls by one character at every step
// (digits wrap from 9 to 0) or is a stretch of a keyboard row.
func sequence(p string) bool {
	r := []rune(p)
	for _, dir := range []rune{1, -1} {
		run := true
		for i := 1; i < len(r) && run; i++ {
			next := r[i-1] + dir
			if next == '9'+1 {
				next = '0'
			} else if next == '0'-1 {
				next = '9'
			}
			run = r[i] == next
		}
		if run {
			return true
		}
	}
	for _, row := range keyboardRows {
		if strings.Contains(row, p) || strings.Contains(reverse(row), p) {
			return true
		}
	}
	return false
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// containsLocalPart reports whether p contains the part of email before the @,
// or one of its dot-, dash-, plus- or underscore-separated parts of at least
// four characters. Local parts shorter than three characters ("ed") are not
// checked: they occur in ordinary words.
func containsLocalPart(p, email string) bool {
	local, _, _ := strings.Cut(normalEmail(email), "@")
	if utf8.RuneCountInString(local) >= 3 && strings.Contains(p, local) {
		return true
	}
	for _, part := range strings.FieldsFunc(local, func(r rune) bool { return strings.ContainsRune(".-+_", r) }) {
		if utf8.RuneCountInString(part) >= 4 && strings.Contains(p, part) {
			return true
		}
	}
	return false
}

// deLeet undoes the letter swaps people use to "strengthen" a word.
var deLeet = strings.NewReplacer("@", "a", "4", "a", "3", "e", "1", "i", "!", "i", "0", "o", "$", "s", "5", "s", "7", "t", "ue", "ü", "oe", "ö", "ae", "ä")

// isCommon reports whether p, or its core without digits and punctuation at
// either end, is an entry of the common list, written with letter swaps or
// repeated.
func isCommon(p string) bool {
	if common[p] {
		return true
	}
	core := strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, c := range []string{core, deLeet.Replace(core), strings.NewReplacer("ü", "ue", "ö", "oe", "ä", "ae", "ß", "ss").Replace(core)} {
		if c == "" {
			continue
		}
		for _, w := range []string{c, strings.NewReplacer(" ", "", "-", "", "_", "", ".", "").Replace(c)} {
			if common[w] || repeatsCommon(w) {
				return true
			}
		}
	}
	return false
}

// repeatsCommon reports whether w is a common entry written two or more times.
func repeatsCommon(w string) bool {
	r := []rune(w)
	for n := 3; n <= len(r)/2; n++ {
		if len(r)%n == 0 && common[string(r[:n])] && strings.Repeat(string(r[:n]), len(r)/n) == w {
			return true
		}
	}
	return false
}
