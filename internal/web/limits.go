package web

import (
	"crypto/sha256"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"lotse/internal/errs"
	"lotse/internal/ratelimit"
)

// Limits of the public booking (ratelimit tables, bounded in memory). Per
// client address on every request that costs work or holds desks (proof-of-
// work challenges, holds, bookings): 40 at once, then one every 15 seconds,
// enough for a shelter or an office whose visitors share one address (a
// booking takes some four requests). Per contact (a phone number or e-mail
// address) on bookings: 5, then one every 10 minutes. LOTSE_RATE_LIMITS=off
// switches both off.
var (
	addrLimit    = ratelimit.Spec{Every: 15 * time.Second, Burst: 40}
	contactLimit = ratelimit.Spec{Every: 10 * time.Minute, Burst: 5}
)

// publicLimits are the booking's limits per address and per contact.
type publicLimits struct {
	addr, contact *ratelimit.Table
}

func newPublicLimits() *publicLimits {
	return &publicLimits{addr: ratelimit.New(addrLimit), contact: ratelimit.New(contactLimit)}
}

// limitAddr takes one request from the client address of r (IPv6 by /64); a
// client over the limit gets a TooManyRequests error, which handle answers
// with 429 and Retry-After.
func (s *Server) limitAddr(r *http.Request) error {
	if s.limits == nil {
		return nil
	}
	return limited(s.limits.addr.Take(ratelimit.AddrKey(s.clientAddr(r)), s.now()))
}

// limitContact takes one booking from each contact given (phone numbers and
// e-mail addresses as typed; empty ones are skipped), as limitAddr does.
func (s *Server) limitContact(contacts ...string) error {
	if s.limits == nil {
		return nil
	}
	for _, c := range contacts {
		if k := contactKey(c); k != "" {
			if err := limited(s.limits.contact.Take(k, s.now())); err != nil {
				return err
			}
		}
	}
	return nil
}

// contactKey is the limit's key of a phone number or e-mail address: the
// same for every way of writing one (case, +tag of an e-mail address; spaces,
// dashes, +49, 0049 or a leading 0 of a phone number), hashed so that the
// table keeps no visitor's contact and every key has the same size.
func contactKey(c string) string {
	c = strings.TrimSpace(c)
	if local, domain, ok := strings.Cut(c, "@"); ok {
		local, _, _ = strings.Cut(local, "+")
		c = strings.ToLower(local + "@" + domain)
	} else {
		c = phoneKey(c)
	}
	if c == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(c))
	return string(sum[:16])
}

// phoneKey is a phone number's digits as dialled within Germany without the
// leading 0, or "+" and the digits of a number abroad.
func phoneKey(p string) string {
	intl := strings.HasPrefix(p, "+")
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, p)
	if !intl && strings.HasPrefix(digits, "00") {
		intl, digits = true, digits[2:]
	}
	switch {
	case intl && strings.HasPrefix(digits, "49"):
		return strings.TrimPrefix(digits[2:], "0") // +49 (0)2421 …
	case intl && digits != "":
		return "+" + digits
	default:
		return strings.TrimPrefix(digits, "0")
	}
}

// limitError is a request refused by a limit: handle answers 429 with
// Retry-After.
type limitError struct{ wait time.Duration }

func limited(wait time.Duration, ok bool) error {
	if ok {
		return nil
	}
	return &limitError{wait}
}

func (e *limitError) Error() string { return "rate limited for " + e.wait.String() }

// Unwrap makes the error TooManyRequests with the message "error.rate".
func (e *limitError) Unwrap() error { return errs.E(errs.TooManyRequests, "error.rate") }

// setRetryAfterOf sets Retry-After when err is a limit's refusal, in whole
// seconds rounded up.
func setRetryAfterOf(w http.ResponseWriter, err error) {
	var le *limitError
	if errors.As(err, &le) {
		w.Header().Set("Retry-After", strconv.Itoa(int(max(time.Second, le.wait+time.Second-1).Seconds())))
	}
}
