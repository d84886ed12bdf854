package staff

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are Argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// RFC9106 is the second recommended option of RFC 9106 §4 for memory-constrained
// environments: 64 MiB, three passes, four lanes, 128-bit salt, 256-bit tag.
var RFC9106 = Params{Memory: 64 * 1024, Time: 3, Threads: 4, SaltLen: 16, KeyLen: 32}

// maxVerify bounds the parameters Verify accepts from a stored hash, so that a
// tampered row cannot make one login allocate gigabytes.
var maxVerify = Params{Memory: 1024 * 1024, Time: 16, Threads: 64, SaltLen: 64, KeyLen: 64}

// errBadHash reports a stored hash that is not an Argon2id PHC string lotse wrote.
var errBadHash = errors.New("staff: malformed password hash")

// Hasher hashes and verifies passwords with Argon2id. Its semaphore bounds how
// many hashes run at once: each takes Params.Memory, so parallel logins queue
// instead of exhausting memory.
type Hasher struct {
	params Params
	sem    chan struct{}
}

// NewHasher returns a hasher computing at most parallel hashes at a time.
func NewHasher(p Params, parallel int) *Hasher {
	return &Hasher{params: p, sem: make(chan struct{}, max(parallel, 1))}
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.sem }

// Hash returns the PHC string of password:
// $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash> (unpadded base64).
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	rand.Read(salt)
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, h.params.Time, h.params.Memory, h.params.Threads, h.params.KeyLen)
	h.release()
	return encodePHC(h.params, salt, key), nil
}

// Verify reports whether password matches the PHC string encoded.
func (h *Hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	p, salt, key, err := decodePHC(encoded)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	h.release()
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than the
// hasher's, so that a successful login can upgrade it.
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, salt, _, err := decodePHC(encoded)
	return err != nil || p.Memory != h.params.Memory || p.Time != h.params.Time ||
		p.Threads != h.params.Threads || p.KeyLen != h.params.KeyLen || uint32(len(salt)) != h.params.SaltLen
}

// dummy is verified against when an e-mail address is unknown, so that an
// unknown user and a wrong password take the same time.
func (h *Hasher) dummy() string {
	return encodePHC(h.params, make([]byte, h.params.SaltLen), make([]byte, h.params.KeyLen))
}

var b64 = base64.RawStdEncoding

func encodePHC(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decodePHC(s string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errBadHash
	}
	for kv := range strings.SplitSeq(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if !ok || err != nil {
			return p, nil, nil, errBadHash
		}
		switch k {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			if n > 255 {
				return p, nil, nil, errBadHash
			}
			p.Threads = uint8(n)
		default:
			return p, nil, nil, errBadHash
		}
	}
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return p, nil, nil, errBadHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	if p.Memory < 8*uint32(p.Threads) || p.Time < 1 || p.Threads < 1 || p.KeyLen < 16 || p.SaltLen < 8 ||
		p.Memory > maxVerify.Memory || p.Time > maxVerify.Time || p.Threads > maxVerify.Threads ||
		p.SaltLen > maxVerify.SaltLen || p.KeyLen > maxVerify.KeyLen {
		return p, nil, nil, errBadHash
	}
	return p, salt, key, nil
}
