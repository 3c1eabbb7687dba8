package handlers

import (
	"net"
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
// many addresses. IPv6 clients are counted per /64 network, because one host usually
// holds a whole /64 and could otherwise try from a new address each time.
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

// LoginAttempt is a sign-in that the limiter let through. It counts as a failure from
// Begin on, so parallel requests cannot all pass the check before the first one fails;
// Succeed and Cancel take it back.
type LoginAttempt struct {
	limiter    *LoginLimiter
	addr, user string
	started    time.Time
}

// Begin starts a sign-in attempt. When the client has failed too often it returns the
// time to wait and no attempt.
func (l *LoginLimiter) Begin(addr, user string) (*LoginAttempt, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if wait := l.wait(addr, user, now); wait > 0 {
		return nil, wait
	}
	l.record(addr, user, now)
	return &LoginAttempt{limiter: l, addr: addr, user: user, started: now}, 0
}

// Fail keeps the attempt counted as a failure.
func (a *LoginAttempt) Fail() {}

// Succeed removes the failures of this username at this address, and the attempt.
func (a *LoginAttempt) Succeed() {
	l := a.limiter
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, userKey(a.addr, a.user))
	l.forget(addressKey(a.addr), a.started)
}

// Cancel removes the attempt, for outcomes that do not depend on the password, such as
// PMP being unreachable.
func (a *LoginAttempt) Cancel() {
	l := a.limiter
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forget(addressKey(a.addr), a.started)
	l.forget(userKey(a.addr, a.user), a.started)
}

// Wait returns how long the client must wait before trying to sign in again, or 0.
func (l *LoginLimiter) Wait(addr, user string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.wait(addr, user, l.now())
}

// Fail records a failed sign-in step outside an attempt, such as a wrong one-time code.
func (l *LoginLimiter) Fail(addr, user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.record(addr, user, l.now())
}

func (l *LoginLimiter) wait(addr, user string, now time.Time) time.Duration {
	wait := l.waitFor(addressKey(addr), l.limit.PerAddress, now)
	if w := l.waitFor(userKey(addr, user), l.limit.PerUserAddress, now); w > wait {
		wait = w
	}
	return wait
}

func (l *LoginLimiter) waitFor(key string, limit int, now time.Time) time.Duration {
	times := l.prune(key, now)
	if len(times) < limit {
		return 0
	}
	// The client may try again when the oldest failure that counts leaves the window.
	return times[len(times)-limit].Add(l.limit.Window).Sub(now)
}

func (l *LoginLimiter) record(addr, user string, now time.Time) {
	if len(l.failures) >= l.limit.MaxKeys {
		l.dropExpired(now)
	}
	for _, key := range []string{addressKey(addr), userKey(addr, user)} {
		l.failures[key] = append(l.prune(key, now), now)
	}
}

// forget removes one failure recorded at t under key.
func (l *LoginLimiter) forget(key string, t time.Time) {
	times := l.failures[key]
	for i := len(times) - 1; i >= 0; i-- {
		if times[i].Equal(t) {
			times = append(times[:i], times[i+1:]...)
			break
		}
	}
	if len(times) == 0 {
		delete(l.failures, key)
		return
	}
	l.failures[key] = times
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

func addressKey(addr string) string { return "a|" + clientNetwork(addr) }

func userKey(addr, user string) string {
	return "u|" + clientNetwork(addr) + "|" + strings.ToLower(user)
}

// clientNetwork returns an IPv4 address as it is and an IPv6 address as its /64 network.
func clientNetwork(addr string) string {
	ip := net.ParseIP(addr)
	if ip == nil || ip.To4() != nil {
		return addr
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
