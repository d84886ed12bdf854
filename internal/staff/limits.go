package staff

import (
	"context"
	"time"

	"lotse/internal/ratelimit"
)

// Login rate limits. Only failed attempts cost a token, so an office of staff
// behind one address can all sign in in the morning, while guessing slows to a
// crawl: five tries per account, then one every 30 seconds; twenty per address,
// then one every 3 seconds. A browser with a device cookie of the account
// (device.go) has five tries of its own instead, then one every 30 seconds.
var (
	accountLimit = ratelimit.Spec{Every: 30 * time.Second, Burst: 5}
	addressLimit = ratelimit.Spec{Every: 3 * time.Second, Burst: 20}
)

// RetryAfter is the longest a limited client waits for its next try, for
// Retry-After and the message that says how long.
const RetryAfter = 30 * time.Second

// loginLimits are the limits of logins: per account for untrusted browsers,
// per address, per device cookie and per display.
type loginLimits struct {
	account *ratelimit.Table
	address *ratelimit.Table
	device  *ratelimit.Table
	display *ratelimit.Table
}

func newLoginLimits() *loginLimits {
	return &loginLimits{account: ratelimit.New(accountLimit), address: ratelimit.New(addressLimit),
		device: ratelimit.New(accountLimit), display: ratelimit.New(accountLimit)}
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
		return j.l.device.OK(j.device, now)
	}
	return j.l.account.OK(j.account, now) && j.l.address.OK(ratelimit.AddrKey(j.addr), now)
}

func (j judge) fail(now time.Time) {
	if j.device != "" {
		j.l.device.Charge(j.device, now)
		return
	}
	j.l.account.Charge(j.account, now)
	j.l.address.Charge(ratelimit.AddrKey(j.addr), now)
}

// judge returns the judge of a sign-in of email by c.
func (s *Service) judge(ctx context.Context, email string, c Client) (judge, error) {
	device, err := s.device(ctx, email, c.Device)
	return judge{l: s.limits, device: device, account: email, addr: c.Addr}, err
}
