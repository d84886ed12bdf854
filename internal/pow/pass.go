package pow

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Reception passes are the fallback for visitors without JavaScript (or with a
// phone too slow for the work): reception, signed in, asks for a pass and
// reads or prints it for the visitor, who gives it in the form's proof field
// instead of a solution. A pass is "pass-EXPIRY-NONCE-MAC" (hex, the expiry
// in Unix seconds), valid for PassTTL and accepted once, as a solution is.
const (
	passPrefix = "pass-"
	// PassTTL is how long a reception pass is valid.
	PassTTL = 24 * time.Hour
)

// IssuePass returns a new reception pass and when it expires.
func (v *Verifier) IssuePass() (string, time.Time) {
	exp := v.now().Add(PassTTL).Truncate(time.Second)
	nonce := make([]byte, 6)
	rand.Read(nonce)
	body := passPrefix + strconv.FormatInt(exp.Unix(), 16) + "-" + hex.EncodeToString(nonce)
	return body + "-" + v.mac(body)[:16], exp
}

// verifyPass checks a pass: signed here, not expired, not used before.
func (v *Verifier) verifyPass(pass string) error {
	i := strings.LastIndexByte(pass, '-')
	body, mac := pass[:i], pass[i+1:]
	parts := strings.Split(body, "-")
	if len(parts) != 3 || !hmac.Equal([]byte(mac), []byte(v.mac(body)[:16])) {
		return errInvalid
	}
	sec, err := strconv.ParseInt(parts[1], 16, 64)
	exp := time.Unix(sec, 0)
	if err != nil || !exp.After(v.now()) || !v.spend(pass, exp) {
		return errInvalid
	}
	return nil
}
