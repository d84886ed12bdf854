package ratelimit

import (
	"strconv"
	"testing"
	"time"
)

var t0 = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)

// TestTake: a key has Burst tries, then one every Every; a refusal says how
// long to wait; keys do not share tries.
func TestTake(t *testing.T) {
	tab := New(Spec{Every: 10 * time.Second, Burst: 3})
	for _, tc := range []struct {
		name string
		key  string
		at   time.Duration
		ok   bool
		wait time.Duration
	}{
		{"first", "a", 0, true, 0},
		{"second", "a", 0, true, 0},
		{"third", "a", time.Second, true, 0},
		{"fourth: wait for the token that started at 0", "a", 2 * time.Second, false, 8 * time.Second},
		{"another key", "b", 2 * time.Second, true, 0},
		{"after the wait", "a", 10 * time.Second, true, 0},
		{"at once again", "a", 10 * time.Second, false, 10 * time.Second},
	} {
		wait, ok := tab.Take(tc.key, t0.Add(tc.at))
		if ok != tc.ok || wait != tc.wait {
			t.Errorf("%s: Take = %v, %v; want %v, %v", tc.name, wait, ok, tc.wait, tc.ok)
		}
	}
}

// TestChargeOK: OK does not charge; Charge does.
func TestChargeOK(t *testing.T) {
	tab := New(Spec{Every: time.Minute, Burst: 2})
	for range 5 {
		if !tab.OK("a", t0) {
			t.Fatal("OK charged a try")
		}
	}
	tab.Charge("a", t0)
	tab.Charge("a", t0)
	if tab.OK("a", t0) || !tab.OK("a", t0.Add(time.Minute)) {
		t.Error("two charges of two tries: still OK, or not OK a minute later")
	}
}

// TestBounded: a full table drops recovered buckets to make room and refuses
// new keys (fail closed) while none has recovered; it scans at most once a
// second.
func TestBounded(t *testing.T) {
	tab := New(Spec{Every: time.Minute, Burst: 2})
	tab.max = 3
	for i := range 3 {
		tab.Take("k"+strconv.Itoa(i), t0)
	}
	if _, ok := tab.Take("new", t0); ok || tab.OK("new", t0) || len(tab.m) != 3 {
		t.Fatalf("full table took a new key (%d keys)", len(tab.m))
	}
	if wait, ok := tab.Take("k0", t0); !ok || wait != 0 {
		t.Error("a known key is refused when the table is full")
	}
	// k1 and k2 recover after a minute, k0 (charged twice) after two.
	if _, ok := tab.Take("new", t0.Add(time.Minute)); !ok || len(tab.m) != 2 {
		t.Errorf("after recovery: new key refused or recovered keys kept (%d keys)", len(tab.m))
	}
	tab.Take("k9", t0.Add(time.Minute))
	if _, ok := tab.Take("x", t0.Add(time.Minute+time.Second/2)); ok {
		t.Error("a full table took a new key")
	}
	if _, ok := tab.Take("x", t0.Add(3*time.Minute)); !ok || len(tab.m) != 1 {
		t.Errorf("after all recovered: %v with %d keys, want only x", ok, len(tab.m))
	}
}

func TestAddrKey(t *testing.T) {
	for _, tc := range []struct{ addr, key string }{
		{"192.0.2.1", "192.0.2.1"},
		{"::ffff:192.0.2.1", "192.0.2.1"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2::99", "2001:db8:1:2::/64"},
		{"not an address", "not an address"},
	} {
		if got := AddrKey(tc.addr); got != tc.key {
			t.Errorf("AddrKey(%q) = %q, want %q", tc.addr, got, tc.key)
		}
	}
}
