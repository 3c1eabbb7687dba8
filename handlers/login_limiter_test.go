package handlers

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when the test advances it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newTestLimiter() (*LoginLimiter, *fakeClock) {
	clock := &fakeClock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	return NewLoginLimiter(DefaultLoginLimit, clock.Now), clock
}

// failTimes records n failed attempts of user at addr and fails the test if one is blocked.
func failTimes(t *testing.T, l *LoginLimiter, addr, user string, n int) {
	t.Helper()
	for i := range n {
		attempt, wait := l.Begin(addr, user)
		if attempt == nil {
			t.Fatalf("attempt %d of %s at %s blocked for %s, want it allowed", i+1, user, addr,
				wait)
		}
		attempt.Fail()
	}
}

func TestLoginLimiterBlockEnds(t *testing.T) {
	l, clock := newTestLimiter()
	failTimes(t, l, "192.0.2.7", "admin", 5)

	attempt, wait := l.Begin("192.0.2.7", "admin")
	if attempt != nil {
		t.Fatal("sixth attempt allowed, want it blocked")
	}
	if wait != 5*time.Minute {
		t.Errorf("wait %s, want 5m0s", wait)
	}

	clock.Advance(5*time.Minute - time.Second)
	if wait := l.Wait("192.0.2.7", "admin"); wait != time.Second {
		t.Errorf("wait one second before the end: got %s, want 1s", wait)
	}

	clock.Advance(time.Second)
	if attempt, wait := l.Begin("192.0.2.7", "admin"); attempt == nil {
		t.Errorf("attempt after the window blocked for %s, want it allowed", wait)
	}
}

func TestLoginLimiterScopes(t *testing.T) {
	tests := []struct {
		name        string
		addr, user  string
		wantBlocked bool
	}{
		{"same user and address", "192.0.2.7", "admin", true},
		{"same user, other case", "192.0.2.7", "ADMIN", true},
		{"other user at same address", "192.0.2.7", "jdoe", false},
		{"same user at other address", "198.51.100.9", "admin", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, _ := newTestLimiter()
			failTimes(t, l, "192.0.2.7", "admin", 5)
			blocked := l.Wait(tt.addr, tt.user) > 0
			if blocked != tt.wantBlocked {
				t.Errorf("blocked %v, want %v", blocked, tt.wantBlocked)
			}
		})
	}
}

func TestLoginLimiterPerAddress(t *testing.T) {
	l, _ := newTestLimiter()
	for i := range 10 {
		failTimes(t, l, "192.0.2.7", fmt.Sprintf("user%d", i), 1)
	}
	if wait := l.Wait("192.0.2.7", "someone-else"); wait == 0 {
		t.Error("eleventh username at the same address allowed, want it blocked")
	}
	if wait := l.Wait("192.0.2.8", "someone-else"); wait != 0 {
		t.Errorf("neighbouring address blocked for %s, want it allowed", wait)
	}
}

func TestLoginLimiterCountsPendingAttempts(t *testing.T) {
	l, _ := newTestLimiter()
	for i := range 5 {
		if attempt, _ := l.Begin("192.0.2.7", "admin"); attempt == nil {
			t.Fatalf("pending attempt %d blocked", i+1)
		}
	}
	if attempt, _ := l.Begin("192.0.2.7", "admin"); attempt != nil {
		t.Error("sixth attempt allowed while five are pending, want it blocked")
	}
}

func TestLoginLimiterCancelAndSucceed(t *testing.T) {
	l, _ := newTestLimiter()
	failTimes(t, l, "192.0.2.7", "admin", 4)

	// Whether PMP is reachable does not depend on the password.
	for range 3 {
		attempt, _ := l.Begin("192.0.2.7", "admin")
		if attempt == nil {
			t.Fatal("attempt blocked after canceled attempts")
		}
		attempt.Cancel()
	}

	attempt, _ := l.Begin("192.0.2.7", "admin")
	if attempt == nil {
		t.Fatal("fifth attempt blocked, want it allowed")
	}
	attempt.Succeed()
	if wait := l.Wait("192.0.2.7", "admin"); wait != 0 {
		t.Errorf("blocked for %s after a successful sign-in, want no wait", wait)
	}
}

func TestLoginLimiterGroupsIPv6Network(t *testing.T) {
	l, _ := newTestLimiter()
	for i := range 5 {
		failTimes(t, l, fmt.Sprintf("2001:db8:1:2::%x", i+1), "admin", 1)
	}
	if wait := l.Wait("2001:db8:1:2:ffff::99", "admin"); wait == 0 {
		t.Error("another address of the same /64 allowed, want it blocked")
	}
	if wait := l.Wait("2001:db8:1:3::1", "admin"); wait != 0 {
		t.Errorf("address of another /64 blocked for %s, want it allowed", wait)
	}
}

func TestLoginLimiterBoundsKeys(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	limit := DefaultLoginLimit
	limit.MaxKeys = 100
	l := NewLoginLimiter(limit, clock.Now)
	for i := range 500 {
		l.Fail(fmt.Sprintf("10.0.%d.%d", i/256, i%256), "admin")
	}
	// Each failure adds an address key and a user key; the map is cleared at MaxKeys.
	if got := len(l.failures); got > limit.MaxKeys+1 {
		t.Errorf("%d keys tracked, want at most %d", got, limit.MaxKeys+1)
	}
}
