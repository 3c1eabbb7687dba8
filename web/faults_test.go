package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"patchdesk/api/pmptest"
	"patchdesk/web"
)

// faultEnv is a portal pointed at a PMP simulator of its own, with a signed-in client.
type faultEnv struct {
	pmp    *pmptest.Server
	app    *web.App
	logs   *syncBuffer
	client *http.Client
	mark   int // length of logs when the fault was injected
}

// pmpTimeout is the portal's time limit per PMP call in these tests, short so that a
// hanging PMP fails fast.
const pmpTimeout = 500 * time.Millisecond

func startFaultEnv(t *testing.T) *faultEnv {
	t.Helper()
	pmp, err := pmptest.Start(pmptest.Options{Computers: 300,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := web.ParseConfig([]string{"-addr", "127.0.0.1:0", "-pmp-url", pmp.URL(),
		"-pmp-timeout", pmpTimeout.String()}, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	app, err := web.Start(cfg, log, io.Discard)
	if err != nil {
		_ = pmp.Close()
		t.Fatal(err)
	}
	e := &faultEnv{pmp: pmp, app: app, logs: logs, client: newClient(t)}
	res := mustPostForm(t, e.client, app.URL+"/login", localLogin("admin", "admin"))
	if res.status != http.StatusSeeOther {
		e.stop(t)
		t.Fatalf("sign in: status %d", res.status)
	}
	return e
}

func (e *faultEnv) stop(t *testing.T) {
	t.Helper()
	e.client.CloseIdleConnections()
	if err := e.app.Shutdown(); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	_ = e.pmp.Close()
}

// startMark records where the log ends, so that problems returns only later lines.
func (e *faultEnv) startMark() {
	e.mark = len(e.logs.String())
}

// problems returns the WARN and ERROR log lines since startMark.
func (e *faultEnv) problems() []string {
	var out []string
	for _, line := range strings.Split(e.logs.String()[e.mark:], "\n") {
		if strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR") {
			out = append(out, line)
		}
	}
	return out
}

// withFaultEnv runs fn against a fresh portal and simulator, stops both, and fails if
// goroutines remain that were not running before.
func withFaultEnv(t *testing.T, fn func(e *faultEnv)) {
	t.Helper()
	before := runtime.NumGoroutine()
	e := startFaultEnv(t)
	fn(e)
	e.stop(t)
	if strings.Contains(e.logs.String(), "panic") {
		t.Errorf("log mentions a panic:\n%s", e.logs.String())
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		var stacks bytes.Buffer
		_ = pprof.Lookup("goroutine").WriteTo(&stacks, 1)
		t.Errorf("%d goroutines after stopping, %d before:\n%s", after, before, stacks.String())
	}
}

func TestFaultMatrix(t *testing.T) {
	tests := []struct {
		name    string
		inject  func(p *pmptest.Server)
		message string // part of the message on the page
		logged  string // part of the one WARN or ERROR log line
	}{
		{"connection refused", func(p *pmptest.Server) { _ = p.Close() },
			"could not reach PMP at 127.0.0.1:", "unreachable"},
		{"no answer", func(p *pmptest.Server) { p.SetFault("patch/allpatches", pmptest.FaultHang) },
			"PMP did not answer in time", "timed out"},
		{"answer after the timeout", func(p *pmptest.Server) {
			p.SetFaultDelay(4 * pmpTimeout)
			p.SetFault("patch/allpatches", pmptest.FaultSlow)
		}, "PMP did not answer in time", "timed out"},
		{"HTTP 500", func(p *pmptest.Server) {
			p.SetFault("patch/allpatches", pmptest.FaultHTTP500)
		}, "PMP failed with an internal error (HTTP 500)", "INTERNAL_ERROR"},
		{"unknown error code", func(p *pmptest.Server) {
			p.SetFault("patch/allpatches", pmptest.FaultUnknownError)
		}, "PMP rejected the request (error code 19999)", "19999"},
		{"HTML page", func(p *pmptest.Server) { p.SetFault("patch/allpatches", pmptest.FaultHTML) },
			"PMP sent an answer that patchdesk could not read", "invalid response"},
		{"truncated JSON", func(p *pmptest.Server) {
			p.SetFault("patch/allpatches", pmptest.FaultTruncated)
		}, "PMP sent an answer that patchdesk could not read", "invalid response"},
		{"body over the size limit", func(p *pmptest.Server) {
			p.SetFault("patch/allpatches", pmptest.FaultHuge)
		}, "PMP sent an answer that patchdesk could not read", "exceeds the limit"},
		{"rate limited", func(p *pmptest.Server) {
			p.SetFault("patch/allpatches", pmptest.FaultRateLimited)
		}, "PMP is limiting how often patchdesk may call it. Try again in 5 minutes",
			"RATE_LIMIT_EXCEEDED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			withFaultEnv(t, func(e *faultEnv) {
				// The first visit caches PMP's server properties, so that the fault below
				// hits the list call alone.
				if res := mustGet(t, e.client, e.app.URL+"/patches"); res.status != http.StatusOK {
					t.Fatalf("before the fault: status %d", res.status)
				}
				e.startMark()
				tt.inject(e.pmp)
				res := mustGet(t, e.client, e.app.URL+"/patches")
				checkFaultPage(t, e, res, tt.message, tt.logged)
			})
		})
	}
}

// checkFaultPage checks the page and the log after one injected fault.
func checkFaultPage(t *testing.T, e *faultEnv, res response, message, logged string) {
	t.Helper()
	if res.status != http.StatusBadGateway {
		t.Errorf("status %d, want 502", res.status)
	}
	if got := res.doc(t).Find("[data-testid=table-error]").Text(); !strings.Contains(got,
		message) {
		t.Errorf("message %q, want it to contain %q", got, message)
	}
	problems := e.problems()
	if len(problems) != 1 {
		t.Fatalf("%d WARN or ERROR log lines, want 1:\n%s", len(problems),
			strings.Join(problems, "\n"))
	}
	if !strings.Contains(problems[0], logged) {
		t.Errorf("log line %q does not name the failure %q", problems[0], logged)
	}
}

func TestFaultExpiredTokenReturnsToPage(t *testing.T) {
	withFaultEnv(t, func(e *faultEnv) {
		e.startMark()
		e.pmp.ExpireTokens()
		res := mustGet(t, e.client, e.app.URL+"/patches?severity=critical&page=2")
		want := "/login?" + url.Values{"next": {"/patches?severity=critical&page=2"}}.Encode()
		if res.status != http.StatusSeeOther || res.header.Get("Location") != want {
			t.Fatalf("status %d, location %q; want 303 to %q", res.status,
				res.header.Get("Location"), want)
		}
		login := mustGet(t, e.client, e.app.URL+want)
		if msg := login.doc(t).Find("[data-testid=login-notice]").Text(); !strings.Contains(
			msg, "Your PMP session has ended. Sign in again") {
			t.Errorf("notice %q, want it to ask to sign in again", msg)
		}
		form := localLogin("admin", "admin")
		form.Set("next", login.doc(t).Find("input[name=next]").AttrOr("value", ""))
		res = mustPostForm(t, e.client, e.app.URL+"/login", form)
		if got := res.header.Get("Location"); got != "/patches?severity=critical&page=2" {
			t.Errorf("after sign-in: location %q, want the page before expiry", got)
		}
		if problems := e.problems(); len(problems) != 0 {
			t.Errorf("expected expiry logged %d WARN or ERROR lines, want 0:\n%s",
				len(problems), strings.Join(problems, "\n"))
		}
		if n := strings.Count(e.logs.String()[e.mark:], "PMP token rejected"); n != 1 {
			t.Errorf("%d log lines about the rejected token, want 1", n)
		}
	})
}

func TestFaultPastLastPage(t *testing.T) {
	withFaultEnv(t, func(e *faultEnv) {
		e.startMark()
		res := mustGet(t, e.client, e.app.URL+"/patches?size=50&page=9999")
		if res.status != http.StatusOK {
			t.Errorf("status %d, want 200", res.status)
		}
		empty := res.doc(t).Find("[data-testid=empty]")
		if !strings.Contains(empty.Text(), "This page is past the last row") {
			t.Errorf("text %q, want the past-the-end message", empty.Text())
		}
		if href := empty.Find("a").AttrOr("href", ""); href != "/patches?size=50" {
			t.Errorf("link %q, want the first page with the same page size", href)
		}
		if problems := e.problems(); len(problems) != 0 {
			t.Errorf("%d WARN or ERROR log lines, want 0:\n%s", len(problems),
				strings.Join(problems, "\n"))
		}
	})
}

func TestFaultAtSignIn(t *testing.T) {
	tests := []struct {
		name    string
		fault   pmptest.Fault
		message string
		logged  string
	}{
		{"no answer", pmptest.FaultHang, "PMP did not answer in time", "timed out"},
		{"HTML page", pmptest.FaultHTML, "PMP sent an answer that patchdesk could not read",
			"invalid response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			withFaultEnv(t, func(e *faultEnv) {
				e.startMark()
				e.pmp.SetFault("", tt.fault)
				start := time.Now()
				res := mustPostForm(t, newClient(t), e.app.URL+"/login",
					localLogin("admin", "admin"))
				if elapsed := time.Since(start); elapsed > 3*pmpTimeout {
					t.Errorf("sign-in took %s, want about one PMP timeout of %s", elapsed,
						pmpTimeout)
				}
				if res.status != http.StatusBadGateway {
					t.Errorf("status %d, want 502", res.status)
				}
				msg := res.doc(t).Find("[data-testid=login-error]").Text()
				if !strings.Contains(msg, tt.message) {
					t.Errorf("message %q, want it to contain %q", msg, tt.message)
				}
				problems := e.problems()
				if len(problems) != 1 || !strings.Contains(problems[0], tt.logged) {
					t.Errorf("WARN or ERROR lines %q, want one naming %q", problems, tt.logged)
				}
			})
		})
	}
}
