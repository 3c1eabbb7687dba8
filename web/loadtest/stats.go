package main

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// timing is the parsed Server-Timing header of one response.
type timing struct {
	pmp      []time.Duration // one entry per PMP call
	upstream time.Duration   // wall time with at least one PMP call in flight
	render   time.Duration
	total    time.Duration // time in the handler chain, until the header was written
	ok       bool          // the header had an upstream and a total entry
}

// added is the time patchdesk spent on top of PMP, as the Server-Timing header states it.
func (t timing) added() time.Duration { return t.total - t.upstream }

// slowestPMP returns the longest single PMP call.
func (t timing) slowestPMP() time.Duration {
	if len(t.pmp) == 0 {
		return 0
	}
	return slices.Max(t.pmp)
}

// parseServerTiming reads entries such as `pmp;desc="patch/allsystems";dur=12.5,
// upstream;dur=12.5, render;dur=0.8, total;dur=14.1`, with durations in milliseconds.
func parseServerTiming(header string) timing {
	var t timing
	seen := 0
	for _, entry := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(entry), ";")
		d, ok := durParam(params)
		if !ok {
			continue
		}
		switch name {
		case "pmp":
			t.pmp = append(t.pmp, d)
		case "upstream":
			t.upstream, seen = d, seen|1
		case "render":
			t.render = d
		case "total":
			t.total, seen = d, seen|2
		}
	}
	t.ok = seen == 3
	return t
}

func durParam(params string) (time.Duration, bool) {
	for _, p := range strings.Split(params, ";") {
		if value, ok := strings.CutPrefix(strings.TrimSpace(p), "dur="); ok {
			ms, err := strconv.ParseFloat(value, 64)
			if err != nil || ms < 0 || math.IsInf(ms, 0) {
				return 0, false
			}
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	return 0, false
}

// sample is one request's client wall time and server timings.
type sample struct {
	wall   time.Duration
	timing timing
}

// recorder collects the samples and failures of a run. It is safe for concurrent use.
type recorder struct {
	mu        sync.Mutex
	samples   map[string][]sample
	errors    map[string]int // count by message
	failures  int
	lost      int
	assets    int // asset downloads
	badAssets int // asset responses without gzip or a one-year immutable cache
	pages     int // full HTML pages and htmx fragments served
	plainHTML int // HTML responses sent without gzip
	requests  int
	countOnly bool // keep no samples, so the recorder adds nothing to heap figures
}

func newRecorder() *recorder {
	return &recorder{samples: map[string][]sample{}, errors: map[string]int{}}
}

func (r *recorder) add(kind string, wall time.Duration, serverTiming string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	if r.countOnly {
		return
	}
	r.samples[kind] = append(r.samples[kind], sample{wall: wall,
		timing: parseServerTiming(serverTiming)})
}

func (r *recorder) fail(kind, message string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures++
	r.errors[kind+": "+message]++
}

// loseSession counts a request of a signed-in user that was sent to the sign-in page.
func (r *recorder) loseSession(kind, path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lost++
	r.errors[kind+": session lost at "+pathOnly(path)]++
}

func (r *recorder) checkHTML(res *response) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pages++
	if !res.compressed && len(res.body) > 1024 {
		r.plainHTML++
	}
}

func (r *recorder) fetchAsset(res *response) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.assets++
	if res.status != 200 || !res.compressed || !isImmutable(res.header.Get("Cache-Control")) {
		r.badAssets++
	}
}

// dropSamples discards the timings recorded so far but keeps the counts of failures.
func (r *recorder) dropSamples() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.samples = map[string][]sample{}
}

// total returns the number of requests so far.
func (r *recorder) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests
}

// stats are the percentiles of one list of durations.
type stats struct {
	n                   int
	p50, p90, p99, peak time.Duration
}

func percentiles(values []time.Duration) stats {
	if len(values) == 0 {
		return stats{}
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	at := func(q float64) time.Duration {
		return sorted[max(0, int(math.Ceil(q*float64(len(sorted))))-1)]
	}
	return stats{n: len(sorted), p50: at(0.50), p90: at(0.90), p99: at(0.99),
		peak: sorted[len(sorted)-1]}
}

// kindStats are the wall and added-time percentiles of one page kind.
type kindStats struct {
	kind    string
	wall    stats
	added   stats // only requests with a Server-Timing header
	perSec  float64
	timings int
}

func summarize(kind string, samples []sample, elapsed time.Duration) kindStats {
	var walls, added []time.Duration
	for _, s := range samples {
		walls = append(walls, s.wall)
		if s.timing.ok {
			added = append(added, s.timing.added())
		}
	}
	return kindStats{kind: kind, wall: percentiles(walls), added: percentiles(added),
		perSec: float64(len(samples)) / elapsed.Seconds(), timings: len(added)}
}

// kinds returns the statistics of every page kind, and of all table pages together
// under "tables (all)" when there are several.
func (r *recorder) kinds(elapsed time.Duration) []kindStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []kindStats
	var tables []sample
	tableKinds := 0
	for _, kind := range slices.Sorted(maps.Keys(r.samples)) {
		out = append(out, summarize(kind, r.samples[kind], elapsed))
		if isTableKind(kind) {
			tables = append(tables, r.samples[kind]...)
			tableKinds++
		}
	}
	if tableKinds > 1 {
		out = append(out, summarize("tables (all)", tables, elapsed))
	}
	return out
}

func isTableKind(kind string) bool {
	return strings.HasPrefix(kind, "table") || strings.HasPrefix(kind, "systems") ||
		strings.HasPrefix(kind, "patches") || strings.HasPrefix(kind, "computers")
}

// printTable prints one line per page kind with wall and added-time percentiles.
func (r *recorder) printTable(w io.Writer, elapsed time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "page kind\trequests\treq/s\twall p50\tp90\tp99\tmax\t"+
		"added p50\tp90\tp99\tmax\t")
	for _, k := range r.kinds(elapsed) {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", k.kind, k.wall.n,
			k.perSec, ms(k.wall.p50), ms(k.wall.p90), ms(k.wall.p99), ms(k.wall.peak),
			msOrDash(k.added, k.added.p50), msOrDash(k.added, k.added.p90),
			msOrDash(k.added, k.added.p99), msOrDash(k.added, k.added.peak))
	}
	_ = tw.Flush()
	fmt.Fprintln(w, "times in ms; wall = client-measured; added = Server-Timing total minus "+
		"upstream")
}

// printSummary prints the counts of a run and returns errFailed when it had errors or
// lost sessions.
func (r *recorder) printSummary(w io.Writer, users int, elapsed time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(w, "requests %d in %.1fs: %.1f req/s; errors %d; lost sessions %d\n",
		r.requests, elapsed.Seconds(), float64(r.requests)/elapsed.Seconds(), r.failures, r.lost)
	fmt.Fprintf(w, "assets: %d downloads by %d users (%.2f per user) over %d HTML "+
		"responses; %d without gzip or a one-year immutable cache\n", r.assets, users,
		float64(r.assets)/float64(users), r.pages, r.badAssets)
	fmt.Fprintf(w, "HTML over 1 KiB sent without gzip: %d\n", r.plainHTML)
	for _, msg := range slices.Sorted(maps.Keys(r.errors)) {
		fmt.Fprintf(w, "  %dx %s\n", r.errors[msg], msg)
	}
	if r.failures > 0 || r.lost > 0 {
		return errFailed
	}
	return nil
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64)
}

func msOrDash(s stats, d time.Duration) string {
	if s.n == 0 {
		return "-"
	}
	return ms(d)
}
