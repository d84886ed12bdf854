package staff

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"lotse/internal/errs"
)

// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device
// Cookies"): a browser in which an account signed in successfully gets a
// token signed for that login, and a sign-in presenting such a token is judged
// by that token's own failures instead of the account's. So a stranger who
// guesses passwords locks out only untrusted browsers, never the owner's, and
// a stolen device cookie still guesses no faster than the account limit.
//
// A token is a random nonce and an HMAC-SHA256 of the login and the nonce,
// both unpadded base64url; the cookie holds the tokens of the last few
// accounts that signed in in this browser, joined by dots. The login itself is
// not in the cookie: a token is checked against the login being tried.

// DeviceCookie is the name of the device cookie.
const DeviceCookie = "lotse_device"

const (
	nonceLen         = 16
	tokenLen         = 22 + 43 // base64url of the nonce and of the MAC
	maxDeviceTokens  = 4       // accounts one browser is remembered for
	deviceKeySetting = "staff.device_key"
)

// Client is who tries to sign in: the client's address and the value of the
// device cookie its browser sent ("" without).
type Client struct {
	Addr   string
	Device string
}

// IssueDevice returns the new device cookie after email signed in
// successfully in a browser that sent old: a fresh token for email, then the
// browser's tokens of other accounts, at most maxDeviceTokens.
func (s *Service) IssueDevice(ctx context.Context, email, old string) (string, error) {
	email = normalEmail(email)
	key, err := s.deviceKey(ctx)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, nonceLen)
	rand.Read(nonce)
	n := base64.RawURLEncoding.EncodeToString(nonce)
	tokens := []string{n + deviceMAC(key, email, n)}
	for _, t := range deviceTokens(old) {
		if len(tokens) < maxDeviceTokens && !validToken(key, email, t) {
			tokens = append(tokens, t)
		}
	}
	return strings.Join(tokens, "."), nil
}

// device returns the token of the cookie value that was signed for email, or
// "" when there is none (no cookie, another account's, forged, another key's).
func (s *Service) device(ctx context.Context, email, cookie string) (string, error) {
	if cookie == "" {
		return "", nil
	}
	key, err := s.deviceKey(ctx)
	if err != nil {
		return "", err
	}
	for _, t := range deviceTokens(cookie) {
		if validToken(key, email, t) {
			return t, nil
		}
	}
	return "", nil
}

// deviceTokens splits a cookie value into well-formed tokens.
func deviceTokens(cookie string) []string {
	var out []string
	for t := range strings.SplitSeq(cookie, ".") {
		if len(t) == tokenLen && len(out) < maxDeviceTokens {
			out = append(out, t)
		}
	}
	return out
}

func validToken(key []byte, email, token string) bool {
	n := token[:22]
	return hmac.Equal([]byte(token[22:]), []byte(deviceMAC(key, email, n)))
}

func deviceMAC(key []byte, email, nonce string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("lotse device\x00" + email + "\x00" + nonce))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// deviceKey is the key that signs device cookies: the configured one, else
// one generated at the first use and kept in the database, so that it
// survives restarts and every instance on the database shares it.
func (s *Service) deviceKey(ctx context.Context) ([]byte, error) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if s.devKey != nil {
		return s.devKey, nil
	}
	// The first instance to insert wins; the others read its key.
	if _, err := s.db.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", deviceKeySetting, randomToken(32)); err != nil {
		return nil, errs.Wrap(err, "store device key")
	}
	var v string
	if err := s.db.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", deviceKeySetting).Scan(&v); err != nil {
		return nil, errs.Wrap(err, "load device key")
	}
	s.devKey = []byte(v)
	return s.devKey, nil
}

// Key returns a key for purpose (such as "pow"), derived from the device key:
// it is configured, generated and shared by every instance on the database
// as the device key is, without a secret of its own to keep.
func (s *Service) Key(ctx context.Context, purpose string) ([]byte, error) {
	key, err := s.deviceKey(ctx)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("lotse key\x00" + purpose))
	return m.Sum(nil), nil
}
