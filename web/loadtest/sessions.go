package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// budgetSessionsMiB is the heap that 10,000 signed-in sessions may cost.
const budgetSessionsMiB = 30.0

// runSessions signs in opts.sessions users, each of whom loads the systems table once so
// that the session also holds the cached filter lists, and prints the live heap before,
// with the sessions and after they signed out. The simulator runs in this process, so
// "above idle" includes its 1 token per session; "signed in minus signed out" is the
// sessions alone.
func runSessions(ctx context.Context, opts options, w io.Writer) error {
	app, err := startPortal(opts.computers, opts.latency)
	if err != nil {
		return err
	}
	defer func() { _ = app.Shutdown() }()

	l := newLoad(app.URL, opts)
	l.rec.countOnly = true
	idle := liveHeap()
	start := time.Now()
	cookies := l.openSessions(ctx, opts.sessions)
	opened := time.Since(start)
	with := liveHeap()
	l.closeSessions(ctx, cookies)
	after := liveHeap()
	runtime.KeepAlive(cookies)

	n := len(cookies)
	fmt.Fprintf(w, "mode sessions: %d sessions signed in by %d workers in %s\n", n,
		opts.users, opened.Round(time.Millisecond))
	printSessionHeap(w, n, idle, with, after)
	return l.rec.printSummary(w, opts.users, time.Since(start))
}

func printSessionHeap(w io.Writer, n int, idle, with, after uint64) {
	mib := func(b uint64) float64 { return float64(b) / (1 << 20) }
	above := mib(with - min(with, idle))
	sessions := mib(with - min(with, after))
	fmt.Fprintf(w, "live heap: idle %.1f MiB, with sessions %.1f MiB, after sign-out %.1f MiB\n",
		mib(idle), mib(with), mib(after))
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "sessions alone (signed in minus signed out): %.1f MiB, %.0f bytes each\n",
		sessions, sessions*(1<<20)/float64(n))
	per10k := above * 10_000 / float64(n)
	fmt.Fprintf(w, "above idle, simulator tokens included: %.1f MiB, %.1f MiB per 10,000 "+
		"sessions (budget %.0f MiB: %s)\n", above, per10k, budgetSessionsMiB,
		verdict(per10k <= budgetSessionsMiB))
}

// liveHeap returns the bytes of live heap objects after a full garbage collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// openSessions signs in n users with opts.users workers and returns their session
// cookies as "name=value". The cookie jars are dropped, so that only the portal's side of
// each session stays on the heap.
func (l *load) openSessions(ctx context.Context, n int) []string {
	cookies := make([]string, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(l.opts.users, n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				cookies[i] = l.openSession(ctx, uint64(i))
			}
		})
	}
	wg.Wait()
	var open []string
	for _, c := range cookies {
		if c != "" {
			open = append(open, c)
		}
	}
	return open
}

func (l *load) openSession(ctx context.Context, seed uint64) string {
	u := newUser(l.base, l.transport, l.rec, 0, seed)
	form := url.Values{"username": {"admin"}, "password": {"admin"},
		"auth_type": {"local_authentication"}}
	req := u.newRequest(ctx, http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := u.do("sign-in", req)
	if err != nil {
		return ""
	}
	if res.status != http.StatusSeeOther {
		u.rec.fail("sign-in", fmt.Sprintf("POST /login: status %d", res.status))
		return ""
	}
	if _, ok := u.page(ctx, "systems", "/systems", true); !ok {
		return ""
	}
	base, _ := url.Parse(l.base)
	for _, c := range u.client.Jar.Cookies(base) {
		return strings.Clone(c.Name + "=" + c.Value)
	}
	u.rec.fail("sign-in", "no session cookie")
	return ""
}

// closeSessions signs out every session.
func (l *load) closeSessions(ctx context.Context, cookies []string) {
	var next atomic.Int64
	var wg sync.WaitGroup
	u := newUser(l.base, l.transport, l.rec, 0, 0)
	for range min(l.opts.users, len(cookies)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(cookies); i = int(next.Add(1)) - 1 {
				req := u.newRequest(ctx, http.MethodPost, "/logout", nil)
				req.Header.Set("Cookie", cookies[i])
				res, err := u.client.Transport.RoundTrip(req)
				if err != nil {
					l.rec.fail("sign-out", err.Error())
					continue
				}
				_ = res.Body.Close()
				if res.StatusCode != http.StatusSeeOther {
					l.rec.fail("sign-out", fmt.Sprintf("POST /logout: status %d", res.StatusCode))
				}
			}
		})
	}
	wg.Wait()
}
