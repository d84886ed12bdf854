package booking

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"lotse/internal/errs"
)

// Limits of the contact a visitor gives.
const (
	MaxName  = 100 // characters of a name or initials
	MaxEmail = 254 // characters of an e-mail address (RFC 5321)
	MaxKey   = 200 // characters of an idempotency key
	// MaxPerContact is how many bookings of one date may share a phone
	// number or an e-mail address: a family books for each member, a
	// trader in slots does not get far.
	MaxPerContact = 4
)

// Contact is how the county reaches a visitor: a name or initials, and
// optionally a phone number and an e-mail address (many newcomers have
// neither). It is personal data: never logged.
type Contact struct {
	Name  string
	Phone string
	Email string
}

// Validate checks the contact and returns it trimmed (the phone number as
// its digits with the leading +, the e-mail address in lower case, so the
// same contact compares equal however typed), or an Invalid error
// naming the field: a name of 1 to MaxName printable characters, a phone
// number of 6 to 20 digits with an optional leading + and spaces, dashes,
// slashes, dots or parentheses between, an e-mail address as RFC 5322 has
// it, without a display name.
func (c Contact) Validate() (Contact, error) {
	c = Contact{Name: strings.TrimSpace(c.Name), Phone: strings.TrimSpace(c.Phone), Email: strings.TrimSpace(c.Email)}
	if n := utf8.RuneCountInString(c.Name); n == 0 || n > MaxName || !utf8.ValidString(c.Name) ||
		strings.IndexFunc(c.Name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return c, invalid("booking.error.name", "name")
	}
	if c.Phone != "" && !phoneOK(c.Phone) {
		return c, invalid("booking.error.phone", "phone")
	}
	c.Phone = strings.Map(func(r rune) rune {
		if r == '+' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, c.Phone)
	if c.Email != "" {
		a, err := mail.ParseAddress(c.Email)
		if err != nil || a.Name != "" || a.Address != c.Email || len(c.Email) > MaxEmail {
			return c, invalid("booking.error.email", "email")
		}
		c.Email = strings.ToLower(c.Email)
	}
	return c, nil
}

// phoneOK reports whether s looks like a phone number (see Validate).
func phoneOK(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" -/.()", r):
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 20
}

// invalid is an Invalid error with a message key and the field it names.
func invalid(key, field string) error {
	return &errs.Error{Kind: errs.Invalid, MsgKey: key, Field: field}
}
