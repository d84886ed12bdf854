// Package pow is proof-of-work against booking abuse, ALTCHA-style and
// without a third-party service: the server hands out a signed challenge, the
// visitor's browser searches the secret number that hashes to it (pow.js,
// Web Crypto), and the booking handlers call Verify on the answer.
//
// A challenge is a salt (random, with its expiry: "HEX?expires=UNIX"), the
// SHA-256 in hex of salt followed by a secret number in [0, max], and an
// HMAC-SHA256 of that hash under the server's key: the server keeps no state
// until an answer arrives. An answer (a Solution, base64 of JSON) is accepted
// once: Verify remembers the challenges answered until they expire. That
// memory is per process; with several instances an answer could be used once
// on each, which bounds abuse by the instance count and needs no shared store.
//
// Visitors without JavaScript get a Pass from reception instead: a signed,
// expiring code (IssuePass) that Verify accepts once, like a solution.
//
// max comes from LOTSE_POW_DIFFICULTY: a browser tries max/2 numbers on
// average; 0 switches proof-of-work off (Verify accepts anything).
package pow

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
	"time"
)

// Algorithm is the hash of every challenge, named as ALTCHA names it.
const Algorithm = "SHA-256"

// DefaultMax is the default largest secret number: about one second of
// hashing on a cheap phone (Web Crypto does some 100,000 hashes a second there).
const DefaultMax = 100_000

// ChallengeTTL is how long a challenge may be answered.
const ChallengeTTL = 20 * time.Minute

// Challenge is what GET /api/v1/pow/challenge returns.
type Challenge struct {
	Algorithm string `json:"algorithm"`
	Challenge string `json:"challenge"`
	MaxNumber int    `json:"maxnumber"`
	Salt      string `json:"salt"`
	Signature string `json:"signature"`
}

// Options configure a Verifier.
type Options struct {
	// Key signs challenges and passes; without it a random key is made, good
	// for one process.
	Key []byte
	// Max is the largest secret number; 0 switches proof-of-work off.
	Max int
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Verifier issues challenges and passes and checks answers. It is safe for
// concurrent use.
type Verifier struct {
	key []byte
	max int
	now func() time.Time

	mu   sync.Mutex
	used map[string]time.Time // answered challenges and passes → expiry
}

// New returns a Verifier.
func New(o Options) *Verifier {
	if len(o.Key) == 0 {
		o.Key = make([]byte, 32)
		rand.Read(o.Key)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Verifier{key: o.Key, max: o.Max, now: o.Now, used: map[string]time.Time{}}
}

// Off reports whether proof-of-work is switched off.
func (v *Verifier) Off() bool { return v.max <= 0 }

// Challenge makes a new challenge. With proof-of-work off its number is 0.
func (v *Verifier) Challenge() Challenge {
	nonce := make([]byte, 12)
	rand.Read(nonce)
	salt := hex.EncodeToString(nonce) + "?expires=" + strconv.FormatInt(v.now().Add(ChallengeTTL).Unix(), 10)
	n := 0
	if !v.Off() {
		n = randomInt(v.max + 1)
	}
	c := hashHex(salt, n)
	return Challenge{Algorithm: Algorithm, Challenge: c, MaxNumber: max(v.max, 0), Salt: salt, Signature: v.mac(c)}
}

// hashHex is the challenge of salt and number: SHA-256 of both in hex.
func hashHex(salt string, n int) string {
	h := sha256.Sum256([]byte(salt + strconv.Itoa(n)))
	return hex.EncodeToString(h[:])
}

func (v *Verifier) mac(s string) string {
	m := hmac.New(sha256.New, v.key)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))
}

// spend records key as used until exp and reports whether it was unused;
// expired entries are dropped on the way.
func (v *Verifier) spend(key string, exp time.Time) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	now := v.now()
	for k, e := range v.used {
		if !e.After(now) {
			delete(v.used, k)
		}
	}
	if _, seen := v.used[key]; seen {
		return false
	}
	v.used[key] = exp
	return true
}

// randomInt returns a uniform number in [0, n).
func randomInt(n int) int {
	var b [8]byte
	rand.Read(b[:])
	var x uint64
	for _, c := range b {
		x = x<<8 | uint64(c)
	}
	return int(x % uint64(n)) // n ≤ a few million: the bias is below 2^-40
}
