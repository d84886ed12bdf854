// Package ratelimit keeps a token bucket (golang.org/x/time/rate) per key,
// such as a client address, an account or a phone number, in bounded memory:
// a Table holds at most maxKeys keys; when it is full, buckets that have
// fully recovered are dropped, and if that frees no room, new keys are
// refused (fail closed) until some recover. Staff sign-in charges only
// failures (OK, Charge); the public booking charges every request (Take).
package ratelimit

import (
	"math"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Spec is a limit: Burst tries at once, then one more every Every.
type Spec struct {
	Every time.Duration
	Burst int
}

// maxKeys bounds each table: some 200 bytes a key, 10 MB at most.
const maxKeys = 50_000

// sweepGap is the least time between two sweeps of a full table, so that a
// flood of new keys does not scan the table on every request.
const sweepGap = time.Second

// Table holds one token bucket per key. It is safe for concurrent use.
type Table struct {
	spec  Spec
	max   int
	mu    sync.Mutex
	m     map[string]*rate.Limiter
	swept time.Time // last sweep of a full table
}

// New returns an empty table of spec.
func New(spec Spec) *Table {
	return &Table{spec: spec, max: maxKeys, m: map[string]*rate.Limiter{}}
}

// OK reports whether key may try at now, without charging it.
func (t *Table) OK(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	l, found := t.m[key]
	if !found {
		return len(t.m) < t.max || t.sweep(now)
	}
	return l.TokensAt(now) >= 1
}

// Charge takes one try from key at now (a failed sign-in), if it has one.
func (t *Table) Charge(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if l := t.bucket(key, now); l != nil {
		l.AllowN(now, 1)
	}
}

// Take takes one try from key at now and reports whether there was one;
// if not, wait is how long until there is.
func (t *Table) Take(key string, now time.Time) (wait time.Duration, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	l := t.bucket(key, now)
	if l == nil {
		return t.spec.Every, false
	}
	if l.AllowN(now, 1) {
		return 0, true
	}
	missing := 1 - l.TokensAt(now)
	return time.Duration(math.Ceil(missing * float64(t.spec.Every))), false
}

// bucket returns key's bucket, made full if new, or nil when the table has
// no room for a new key.
func (t *Table) bucket(key string, now time.Time) *rate.Limiter {
	l, found := t.m[key]
	if !found {
		if len(t.m) >= t.max && !t.sweep(now) {
			return nil
		}
		l = rate.NewLimiter(rate.Every(t.spec.Every), t.spec.Burst)
		t.m[key] = l
	}
	return l
}

// sweep drops buckets that have fully recovered and reports whether there is
// room for a new key; it scans at most once per sweepGap.
func (t *Table) sweep(now time.Time) bool {
	if now.Sub(t.swept) < sweepGap && now.Sub(t.swept) >= 0 {
		return len(t.m) < t.max
	}
	t.swept = now
	for k, l := range t.m {
		if l.TokensAt(now) >= float64(t.spec.Burst) {
			delete(t.m, k)
		}
	}
	return len(t.m) < t.max
}

// AddrKey is the key of a client address: IPv6 addresses grouped by /64,
// which one household or office holds; anything else as it is.
func AddrKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	if ip.Is6() && !ip.Is4In6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.Unmap().String()
}
