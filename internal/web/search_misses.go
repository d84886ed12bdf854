package web

import (
	"sync"
	"time"
)

const (
	// missesPerClient is how many searches without a hit one client address
	// may have counted per minute, so that no one can fill the editors' list.
	missesPerClient = 10
	// maxMissClients bounds the addresses tracked in one minute; searches of
	// further addresses are not counted in that minute.
	maxMissClients = 10_000
)

// missLimit counts, per client address and minute, the searches without a hit
// counted for editors. Its zero value is ready to use.
type missLimit struct {
	mu     sync.Mutex
	minute time.Time
	counts map[string]int
}

// allow reports whether a search without a hit by addr at now is counted,
// and counts it.
func (l *missLimit) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m := now.Truncate(time.Minute); !m.Equal(l.minute) || l.counts == nil {
		l.minute, l.counts = m, map[string]int{}
	}
	n, seen := l.counts[addr]
	if n >= missesPerClient || !seen && len(l.counts) >= maxMissClients {
		return false
	}
	l.counts[addr] = n + 1
	return true
}
