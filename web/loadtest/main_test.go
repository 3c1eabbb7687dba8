package main

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseServerTiming(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   timing
	}{
		{"two calls", `pmp;desc="patch/summary";dur=100.500, pmp;desc="som/summary";dur=99.000, ` +
			`upstream;dur=100.500, render;dur=0.250, total;dur=101.000`,
			timing{pmp: []time.Duration{100500 * time.Microsecond, 99 * time.Millisecond},
				upstream: 100500 * time.Microsecond, render: 250 * time.Microsecond,
				total: 101 * time.Millisecond, ok: true}},
		{"no PMP call", `upstream;dur=0.000, render;dur=0.100, total;dur=0.200`,
			timing{render: 100 * time.Microsecond, total: 200 * time.Microsecond, ok: true}},
		{"missing total", `upstream;dur=1.000`, timing{upstream: time.Millisecond}},
		{"empty", ``, timing{}},
		{"invalid duration", `upstream;dur=x, total;dur=-1`, timing{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseServerTiming(tt.header)
			if got.ok != tt.want.ok || got.upstream != tt.want.upstream ||
				got.render != tt.want.render || got.total != tt.want.total ||
				len(got.pmp) != len(tt.want.pmp) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got.pmp {
				if got.pmp[i] != tt.want.pmp[i] {
					t.Errorf("call %d: got %v, want %v", i, got.pmp[i], tt.want.pmp[i])
				}
			}
		})
	}
}

func TestNextHref(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"link", `<a href="/systems?q=a&amp;page=2" hx-get="/x" data-testid="page-next">Next</a>`,
			"/systems?q=a&page=2"},
		{"disabled", `<span class="disabled" aria-disabled="true" data-testid="page-next">` +
			`Next</span>`, ""},
		{"no pager", `<p>No rows</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextHref(tt.body); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPercentiles(t *testing.T) {
	var values []time.Duration
	for i := 100; i >= 1; i-- {
		values = append(values, time.Duration(i)*time.Millisecond)
	}
	got := percentiles(values)
	want := stats{n: 100, p50: 50 * time.Millisecond, p90: 90 * time.Millisecond,
		p99: 99 * time.Millisecond, peak: 100 * time.Millisecond}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// testOptions returns a small, short run.
func testOptions(users int) options {
	o, err := parseOptions([]string{"-users", strconv.Itoa(users), "-duration", "2s",
		"-computers", "1500", "-warmup", "0s"}, io.Discard)
	if err != nil {
		panic(err)
	}
	return o
}

func TestBrowseFlow(t *testing.T) {
	const users = 3
	app, err := startPortal(1500, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = app.Shutdown() }()
	l := newLoad(app.URL, testOptions(users))
	l.browse(context.Background())

	r := l.rec
	if r.failures != 0 || r.lost != 0 {
		t.Errorf("%d failures, %d lost sessions: %v", r.failures, r.lost, r.errors)
	}
	for _, kind := range []string{"sign-in", "dashboard", "table", "table-htmx", "sign-out"} {
		if len(r.samples[kind]) == 0 {
			t.Errorf("no %s request", kind)
		}
	}
	if got := len(r.samples["signed-out"]); got != users {
		t.Errorf("%d checks after sign-out, want %d", got, users)
	}
	if r.assets != users*3 {
		t.Errorf("%d asset downloads, want 3 per user for %d users", r.assets, users)
	}
	if r.badAssets != 0 || r.plainHTML != 0 {
		t.Errorf("%d assets without gzip or immutable cache, %d HTML without gzip",
			r.badAssets, r.plainHTML)
	}
}

func TestTablesFlowLoadsEveryTable(t *testing.T) {
	e, err := startEstate(context.Background(), testOptions(2), 1500)
	if err != nil {
		t.Fatal(err)
	}
	e.runFor(context.Background(), 2*time.Second)
	e.stop(context.Background())

	r := e.load.rec
	if r.failures != 0 || r.lost != 0 {
		t.Errorf("%d failures, %d lost sessions: %v", r.failures, r.lost, r.errors)
	}
	for _, name := range tableNames {
		if len(r.samples[name]) == 0 || len(r.samples[name+"-htmx"]) == 0 {
			t.Errorf("%s: %d pages, %d htmx updates", name, len(r.samples[name]),
				len(r.samples[name+"-htmx"]))
		}
	}
	for _, s := range r.samples["systems"] {
		if !s.timing.ok {
			t.Fatalf("table page without Server-Timing total and upstream: %+v", s.timing)
		}
	}
}

func TestSessionsOpenAndClose(t *testing.T) {
	app, err := startPortal(300, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = app.Shutdown() }()
	l := newLoad(app.URL, testOptions(4))
	ctx := context.Background()

	cookies := l.openSessions(ctx, 20)
	if len(cookies) != 20 {
		t.Fatalf("%d sessions opened, want 20: %v", len(cookies), l.rec.errors)
	}
	if status := getWithCookie(t, app.URL+"/", cookies[7]); status != http.StatusOK {
		t.Errorf("dashboard with an open session: status %d, want 200", status)
	}
	l.closeSessions(ctx, cookies)
	if l.rec.failures != 0 {
		t.Errorf("%d failures: %v", l.rec.failures, l.rec.errors)
	}
	if status := getWithCookie(t, app.URL+"/", cookies[7]); status != http.StatusSeeOther {
		t.Errorf("dashboard after sign-out: status %d, want 303", status)
	}
}

func getWithCookie(t *testing.T, rawURL, cookie string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Cookie", cookie)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	return res.StatusCode
}

func TestDashboardModeReportsRatio(t *testing.T) {
	var out strings.Builder
	err := run([]string{"-mode", "dashboard", "-users", "2", "-duration", "1s",
		"-latency", "5ms", "-warmup", "0s", "-computers", "300"}, &out, io.Discard)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "page time / slowest PMP call over") {
		t.Errorf("output lacks the ratio line:\n%s", out.String())
	}
}

func TestStartupModeStartsBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the patchdesk binary")
	}
	var out strings.Builder
	if err := run([]string{"-mode", "startup", "-runs", "1"}, &out, io.Discard); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{"binary ", "start-up with -pmp-url", "start-up with -demo"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestOptionsRejectInvalid(t *testing.T) {
	for _, args := range [][]string{{"-users", "0"}, {"-size", "99"}, {"-scale", "10,x"},
		{"-duration", "0s"}, {"-warmup", "-1s"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if _, err := parseOptions(args, io.Discard); err == nil {
				t.Errorf("no error")
			}
		})
	}
}
