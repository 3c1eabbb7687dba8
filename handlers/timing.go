package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// Timings collects how long one request spent waiting for PMP and rendering, for the
// Server-Timing header that browsers' developer tools and the benchmarks read.
type Timings struct {
	start  time.Time
	mu     sync.Mutex
	calls  []timedCall
	render time.Duration
}

type timedCall struct {
	endpoint   string
	start, end time.Time
}

type timingsKey struct{}

// WithTimings returns a context that collects the timings of one request started now.
func WithTimings(ctx context.Context) context.Context {
	return context.WithValue(ctx, timingsKey{}, &Timings{start: time.Now()})
}

// TimingsFrom returns the request's timings, or nil outside a request.
func TimingsFrom(ctx context.Context) *Timings {
	t, _ := ctx.Value(timingsKey{}).(*Timings)
	return t
}

// AddCall records a PMP call that ended now after taking d.
func (t *Timings) AddCall(endpoint string, d time.Duration) {
	if t == nil {
		return
	}
	end := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.calls = append(t.calls, timedCall{endpoint: endpoint, start: end.Add(-d), end: end})
}

func (t *Timings) addRender(d time.Duration) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.render += d
}

// upstream returns the wall time during which at least one PMP call was in flight, so
// concurrent calls count once.
func (t *Timings) upstream() time.Duration {
	calls := append([]timedCall(nil), t.calls...)
	sort.Slice(calls, func(i, j int) bool { return calls[i].start.Before(calls[j].start) })
	var total time.Duration
	var spanStart, spanEnd time.Time
	for i, c := range calls {
		if i == 0 || c.start.After(spanEnd) {
			total += spanEnd.Sub(spanStart)
			spanStart, spanEnd = c.start, c.end
		} else if c.end.After(spanEnd) {
			spanEnd = c.end
		}
	}
	return total + spanEnd.Sub(spanStart)
}

// header renders the Server-Timing value: one "pmp" entry per call, then the upstream
// total, the render time and the time the request has taken so far.
func (t *Timings) header() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var parts []string
	for _, c := range t.calls {
		parts = append(parts, fmt.Sprintf("pmp;desc=%q;dur=%s", c.endpoint,
			milliseconds(c.end.Sub(c.start))))
	}
	parts = append(parts, "upstream;dur="+milliseconds(t.upstream()),
		"render;dur="+milliseconds(t.render),
		"total;dur="+milliseconds(time.Since(t.start)))
	return strings.Join(parts, ", ")
}

func milliseconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", float64(d)/float64(time.Millisecond))
}

// writeServerTiming sets the Server-Timing header from the request's timings.
func writeServerTiming(c echo.Context) {
	if t := TimingsFrom(c.Request().Context()); t != nil {
		c.Response().Header().Set("Server-Timing", t.header())
	}
}
