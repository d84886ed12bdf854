package pow

import (
	"context"
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"lotse/internal/errs"
)

// Solution is a browser's answer: the challenge with the number found.
// On the wire it is base64 of this JSON (ALTCHA's payload).
type Solution struct {
	Algorithm string `json:"algorithm"`
	Challenge string `json:"challenge"`
	Number    int    `json:"number"`
	Salt      string `json:"salt"`
	Signature string `json:"signature"`
}

// maxSolution bounds an encoded answer; a real one has some 250 bytes.
const maxSolution = 1024

// errInvalid is what every refused answer gives: the form asks again.
var errInvalid = &errs.Error{Kind: errs.Invalid, MsgKey: "error.pow", Field: "pow"}

// Verify checks an answer: a solution (base64 JSON) to a challenge of this
// server that has not expired nor been answered before, or a reception pass
// (IssuePass). With proof-of-work off every answer passes. A refused answer
// is an Invalid error on field "pow".
func (v *Verifier) Verify(ctx context.Context, answer string) error {
	if v.Off() {
		return nil
	}
	answer = strings.TrimSpace(answer)
	if strings.HasPrefix(answer, passPrefix) {
		return v.verifyPass(answer)
	}
	s, err := DecodeSolution(answer)
	if err != nil {
		return errInvalid
	}
	exp, ok := saltExpiry(s.Salt)
	if !ok || !exp.After(v.now()) || s.Algorithm != Algorithm || s.Number < 0 || s.Number > v.max ||
		!hmac.Equal([]byte(s.Signature), []byte(v.mac(s.Challenge))) || hashHex(s.Salt, s.Number) != s.Challenge {
		return errInvalid
	}
	if !v.spend(s.Challenge, exp) {
		return errInvalid
	}
	return nil
}

// DecodeSolution reads an encoded solution (standard or URL base64, padded
// or not). It never panics, whatever it is given.
func DecodeSolution(answer string) (Solution, error) {
	var s Solution
	if len(answer) > maxSolution {
		return s, errInvalid
	}
	answer = strings.TrimRight(answer, "=")
	b, err := base64.RawStdEncoding.DecodeString(answer)
	if err != nil {
		if b, err = base64.RawURLEncoding.DecodeString(answer); err != nil {
			return s, errInvalid
		}
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return Solution{}, errInvalid
	}
	return s, nil
}

// saltExpiry reads the expiry a salt carries ("HEX?expires=UNIX").
func saltExpiry(salt string) (time.Time, bool) {
	_, q, ok := strings.Cut(salt, "?expires=")
	if !ok {
		return time.Time{}, false
	}
	sec, err := strconv.ParseInt(q, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(sec, 0), true
}
