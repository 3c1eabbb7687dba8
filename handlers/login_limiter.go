package handlers

import (
	"strings"
	"sync"
	"time"
)

// LoginLimit sets how many failed sign-ins are allowed within a window.
type LoginLimit struct {
	PerAddress     int // failures from one client address, any username
	PerUserAddress int // failures for one username from one client address
	Window         time.Duration
	MaxKeys        int // keys tracked at once; the oldest are dropped beyond it
}

// DefaultLoginLimit allows 5 failures per username and address and 10 per address in
// 5 minutes.
var DefaultLoginLimit = LoginLimit{PerAddress: 10, PerUserAddress: 5, Window: 5 * time.Minute,
	MaxKeys: 100_000}

// LoginLimiter counts failed sign-ins per client address and per username at that address.
// Failures for a username are counted per address, so an attacker elsewhere cannot lock a
// real user out of their own desk; PMP's own account lockout still limits guessing from
// many addresses.
type LoginLimiter struct {
	limit    LoginLimit
	now      func() time.Time
	mu       sync.Mutex
	failures map[string][]time.Time
}

// NewLoginLimiter returns a limiter with the given limits and clock.
func NewLoginLimiter(limit LoginLimit, now func() time.Time) *LoginLimiter {
	return &LoginLimiter{limit: limit, now: now, failures: map[string][]time.Time{}}
}

func addressKey(addr string) string { return "a|" + addr }

func userKey(addr, user string) string { return "u|" + addr + "|" + strings.ToLower(user) }

// Wait returns how long the client must wait before trying to sign in again, or 0.
func (l *LoginLimiter) Wait(addr, user string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	wait := l.waitFor(addressKey(addr), l.limit.PerAddress, now)
	if w := l.waitFor(userKey(addr, user), l.limit.PerUserAddress, now); w > wait {
		wait = w
	}
	return wait
}

func (l *LoginLimiter) waitFor(key string, max int, now time.Time) time.Duration {
	times := l.prune(key, now)
	if len(times) < max {
		return 0
	}
	// The client may try again when the oldest failure that counts leaves the window.
	return times[len(times)-max].Add(l.limit.Window).Sub(now)
}

func (l *LoginLimiter) prune(key string, now time.Time) []time.Time {
	times := l.failures[key]
	cut := 0
	for cut < len(times) && now.Sub(times[cut]) >= l.limit.Window {
		cut++
	}
	times = times[cut:]
	if len(times) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = times
	return times
}

// Fail records a failed sign-in.
func (l *LoginLimiter) Fail(addr, user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.failures) >= l.limit.MaxKeys {
		l.dropExpired(now)
	}
	for _, key := range []string{addressKey(addr), userKey(addr, user)} {
		l.failures[key] = append(l.prune(key, now), now)
	}
}

// Succeed clears the failures recorded for this username at this address.
func (l *LoginLimiter) Succeed(addr, user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, userKey(addr, user))
}

// dropExpired removes keys whose failures all left the window. When every key is still
// active, it clears the map: forgetting failures is safer than growing without bound.
func (l *LoginLimiter) dropExpired(now time.Time) {
	for key := range l.failures {
		l.prune(key, now)
	}
	if len(l.failures) >= l.limit.MaxKeys {
		clear(l.failures)
	}
}
