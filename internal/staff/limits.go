package staff

import (
	"context"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Login rate limits. Only failed attempts cost a token, so an office of staff
// behind one address can all sign in in the morning, while guessing slows to a
// crawl: five tries per account, then one every 30 seconds; twenty per address,
// then one every 3 seconds. A browser with a device cookie of the account
// (device.go) has five tries of its own instead, then one every 30 seconds.
var (
	accountLimit = limitSpec{every: 30 * time.Second, burst: 5}
	addressLimit = limitSpec{every: 3 * time.Second, burst: 20}
)

// RetryAfter is the longest a limited client waits for its next try, for
// Retry-After and the message that says how long.
const RetryAfter = 30 * time.Second

// maxLimitKeys bounds each table; beyond it, fully recovered entries are dropped
// and, if that is not enough, new keys are refused (fail closed) until some recover.
const maxLimitKeys = 50_000

type limitSpec struct {
	every time.Duration
	burst int
}

// limitTable holds one token bucket per key (an account or an address).
type limitTable struct {
	spec limitSpec
	mu   sync.Mutex
	m    map[string]*rate.Limiter
}

func newLimitTable(spec limitSpec) *limitTable {
	return &limitTable{spec: spec, m: map[string]*rate.Limiter{}}
}

// ok reports whether key may try again at now.
func (t *limitTable) ok(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	l, found := t.m[key]
	if !found {
		return len(t.m) < maxLimitKeys || t.sweep(now)
	}
	return l.TokensAt(now) >= 1
}

// fail charges one failed attempt to key.
func (t *limitTable) fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	l, found := t.m[key]
	if !found {
		if len(t.m) >= maxLimitKeys && !t.sweep(now) {
			return
		}
		l = rate.NewLimiter(rate.Every(t.spec.every), t.spec.burst)
		t.m[key] = l
	}
	l.AllowN(now, 1)
}

// sweep drops buckets that have fully recovered and reports whether there is
// room for a new key.
func (t *limitTable) sweep(now time.Time) bool {
	for k, l := range t.m {
		if l.TokensAt(now) >= float64(t.spec.burst) {
			delete(t.m, k)
		}
	}
	return len(t.m) < maxLimitKeys
}

// loginLimits are the limits of logins: per account for untrusted browsers,
// per address, per device cookie and per display.
type loginLimits struct {
	account *limitTable
	address *limitTable
	device  *limitTable
	display *limitTable
}

func newLoginLimits() *loginLimits {
	return &loginLimits{account: newLimitTable(accountLimit), address: newLimitTable(addressLimit),
		device: newLimitTable(accountLimit), display: newLimitTable(accountLimit)}
}

// judge is what one sign-in attempt is judged by: with a device cookie of
// the account, that device's own failures; otherwise the failures of all
// untrusted browsers of the account and those of the address.
type judge struct {
	l       *loginLimits
	device  string // the valid device token, or ""
	account string
	addr    string
}

func (j judge) ok(now time.Time) bool {
	if j.device != "" {
		return j.l.device.ok(j.device, now)
	}
	return j.l.account.ok(j.account, now) && j.l.address.ok(addressKey(j.addr), now)
}

func (j judge) fail(now time.Time) {
	if j.device != "" {
		j.l.device.fail(j.device, now)
		return
	}
	j.l.account.fail(j.account, now)
	j.l.address.fail(addressKey(j.addr), now)
}

// judge returns the judge of a sign-in of email by c.
func (s *Service) judge(ctx context.Context, email string, c Client) (judge, error) {
	device, err := s.device(ctx, email, c.Device)
	return judge{l: s.limits, device: device, account: email, addr: c.Addr}, err
}

// addressKey groups IPv6 addresses by /64, which one household or office holds.
func addressKey(addr string) string {
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
