package staff

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"lotse/internal/errs"
)

// Second-factor secrets are stored encrypted with AES-256-GCM under the keys
// of Options.SecretKeys (LOTSE_SECRET_KEYS): the first key encrypts, every key
// decrypts. A stored secret reads "v1:KEYID:BASE64(nonce|ciphertext)", where
// KEYID names the key (the start of its SHA-256) and the account id is the
// additional data, so that a secret copied to another account does not
// decrypt there. Secrets without the prefix are from before encryption.
//
// Rotation: put a new key first and keep the old ones after it; at start
// RekeyTOTP re-encrypts every secret with the first key (and encrypts plain
// ones), after which the old keys can go.

const sealPrefix = "v1:"

// secretKey is one AES-256-GCM key and its id.
type secretKey struct {
	id   string
	aead cipher.AEAD
}

func newSecretKeys(raw [][]byte) ([]secretKey, error) {
	var out []secretKey
	for _, k := range raw {
		block, err := aes.NewCipher(k)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(k)
		out = append(out, secretKey{id: hex.EncodeToString(sum[:4]), aead: aead})
	}
	return out, nil
}

// errNoKey is a stored secret that none of the keys decrypts.
var errNoKey = errors.New("a second-factor secret is encrypted with a key that is not in LOTSE_SECRET_KEYS")

// seal encrypts the secret of account id with the first key; without keys it
// stays plain.
func (s *Service) seal(id int64, secret string) string {
	if len(s.secretKeys) == 0 {
		return secret
	}
	k := s.secretKeys[0]
	nonce := make([]byte, k.aead.NonceSize())
	rand.Read(nonce)
	ct := k.aead.Seal(nonce, nonce, []byte(secret), secretAD(id))
	return sealPrefix + k.id + ":" + base64.RawStdEncoding.EncodeToString(ct)
}

// open decrypts a stored secret of account id, and reports whether it is
// sealed with the first key.
func (s *Service) open(id int64, stored string) (string, bool, error) {
	rest, sealed := strings.CutPrefix(stored, sealPrefix)
	if !sealed {
		return stored, false, nil
	}
	kid, data, _ := strings.Cut(rest, ":")
	for i, k := range s.secretKeys {
		if k.id != kid {
			continue
		}
		ct, err := base64.RawStdEncoding.DecodeString(data)
		if err != nil || len(ct) < k.aead.NonceSize() {
			return "", false, fmt.Errorf("second-factor secret of account %d is damaged", id)
		}
		plain, err := k.aead.Open(nil, ct[:k.aead.NonceSize()], ct[k.aead.NonceSize():], secretAD(id))
		if err != nil {
			return "", false, fmt.Errorf("second-factor secret of account %d does not decrypt", id)
		}
		return string(plain), i == 0, nil
	}
	return "", false, errNoKey
}

func secretAD(id int64) []byte { return []byte("lotse totp " + strconv.FormatInt(id, 10)) }

// RekeyTOTP encrypts every second-factor secret with the first secret key:
// plain ones and those under an older key. It returns how many it changed.
// It fails when a secret is encrypted with a key that is not configured (or
// no key is configured at all), so that lotse does not start with second
// factors nobody can use. Several instances may run it at once.
func (s *Service) RekeyTOTP(ctx context.Context) (int, error) {
	if s.keyErr != nil {
		return 0, fmt.Errorf("LOTSE_SECRET_KEYS: %w", s.keyErr)
	}
	rows, err := s.db.Query(ctx, "SELECT id, totp_secret FROM users WHERE totp_secret <> ''")
	if err != nil {
		return 0, errs.Wrap(err, "read second-factor secrets")
	}
	stored := map[int64]string{}
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			rows.Close()
			return 0, errs.Wrap(err, "read second-factor secrets")
		}
		stored[id] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, errs.Wrap(err, "read second-factor secrets")
	}
	n := 0
	for id, v := range stored {
		plain, current, err := s.open(id, v)
		if err != nil {
			return n, err
		}
		if current || len(s.secretKeys) == 0 {
			continue
		}
		// Only if no other instance changed it meanwhile.
		res, err := s.db.Exec(ctx, "UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?", s.seal(id, plain), id, v)
		if err != nil {
			return n, errs.Wrap(err, "re-encrypt second-factor secret")
		}
		if c, _ := res.RowsAffected(); c == 1 {
			n++
		}
	}
	return n, nil
}
