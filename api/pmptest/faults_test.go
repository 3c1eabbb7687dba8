package pmptest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

func TestFaultResponses(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 20})
	token := adminToken(t, s)
	cases := []struct {
		fault       pmptest.Fault
		status      int
		contentType string
		errorCode   string
	}{
		{pmptest.FaultHTTP500, 500, "application/json", "INTERNAL_ERROR"},
		{pmptest.FaultUnknownError, 200, "application/json", "19999"},
		{pmptest.FaultHTML, 200, "text/html", ""},
		{pmptest.FaultRateLimited, 429, "application/json", "RATE_LIMIT_EXCEEDED"},
	}
	for _, tc := range cases {
		t.Run(tc.fault.String(), func(t *testing.T) {
			s.SetFault("patch/allsystems", tc.fault)
			defer s.ClearFaults()
			status, header, body := rawGet(t, s, token, "/api/1.4/patch/allsystems")
			if status != tc.status {
				t.Errorf("HTTP %d, want %d", status, tc.status)
			}
			if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, tc.contentType) {
				t.Errorf("Content-Type %q, want %s", ct, tc.contentType)
			}
			if tc.errorCode != "" {
				if got := errorCode(t, decode(t, body)); got != tc.errorCode {
					t.Errorf("error_code %q, want %q", got, tc.errorCode)
				}
			}
			if tc.fault == pmptest.FaultRateLimited && header.Get("Retry-After") == "" {
				t.Errorf("Retry-After missing")
			}
		})
	}
}

func TestFaultScope(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 20})
	token := adminToken(t, s)
	s.SetFault("/api/1.4/patch/allsystems", pmptest.FaultHTTP500)
	if status, _, _ := rawGet(t, s, token, "/api/1.3/patch/allsystems"); status != 500 {
		t.Errorf("faulted endpoint under 1.3: HTTP %d, want 500", status)
	}
	if status, _, _ := rawGet(t, s, token, "/api/1.4/patch/summary"); status != 200 {
		t.Errorf("other endpoint: HTTP %d, want 200", status)
	}

	s.SetFault("", pmptest.FaultUnknownError)
	if got := errorCode(t, getJSON(t, s, token, "/api/1.4/patch/summary")); got != "19999" {
		t.Errorf("all endpoints: error_code %q, want 19999", got)
	}
	if status, _, _ := rawGet(t, s, token, "/api/1.4/patch/allsystems"); status != 500 {
		t.Errorf("endpoint fault should win over the global one: HTTP %d, want 500", status)
	}

	s.SetFault("patch/allsystems", pmptest.FaultNone)
	if got := errorCode(t, getJSON(t, s, token, "/api/1.4/patch/allsystems")); got != "19999" {
		t.Errorf("after removing the endpoint fault: error_code %q, want 19999", got)
	}
	s.ClearFaults()
	if got := errorCode(t, getJSON(t, s, token, "/api/1.4/patch/allsystems")); got != "" {
		t.Errorf("after ClearFaults: error_code %q, want success", got)
	}
}

func TestFaultOnLogin(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	s.SetFault("desktop/authentication", pmptest.FaultHTML)
	a := account(t, s, "admin")
	req := mustRequest(t, "GET", s.URL()+"/api/1.3/desktop/authentication?"+
		loginFields(a, a.Password).Encode())
	_, header, _ := send(t, req)
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q, want text/html", ct)
	}
}

func TestFaultHang(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	s.SetFault("", pmptest.FaultHang)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := getWithContext(ctx, s, token, "/api/1.4/patch/summary")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want context.DeadlineExceeded", err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("hang held the client %v after its deadline", waited)
	}
}

func TestFaultHangReleasedByClose(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	s.SetFault("", pmptest.FaultHang)
	done := make(chan error, 1)
	go func() { done <- getWithContext(context.Background(), s, token, "/api/1.4/patch/summary") }()
	time.Sleep(50 * time.Millisecond)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("hanging request succeeded after Close, want an error")
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("hanging request still open 5s after Close")
	}
}

func TestFaultSlow(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	s.SetFaultDelay(120 * time.Millisecond)
	s.SetFault("patch/summary", pmptest.FaultSlow)
	start := time.Now()
	d := getJSON(t, s, token, "/api/1.4/patch/summary")
	if elapsed := time.Since(start); elapsed < 120*time.Millisecond {
		t.Errorf("answered after %v, want at least 120ms", elapsed)
	}
	if got := errorCode(t, d); got != "" {
		t.Errorf("slow answer: error %q, want success", got)
	}
}

func TestFaultTruncated(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	s.SetFault("patch/allsystems", pmptest.FaultTruncated)
	req := mustRequest(t, "GET", s.URL()+"/api/1.4/patch/allsystems")
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("request: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("read error %v, want io.ErrUnexpectedEOF", err)
	}
	if len(body) == 0 || int64(len(body)) >= resp.ContentLength {
		t.Errorf("read %d of %d bytes, want a non-empty partial body", len(body), resp.ContentLength)
	}
}

func TestFaultHuge(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	s.SetFault("patch/summary", pmptest.FaultHuge)
	req := mustRequest(t, "GET", s.URL()+"/api/1.4/patch/summary")
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("request: %v", err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != 64<<20 {
		t.Errorf("Content-Length %d, want 64 MiB", resp.ContentLength)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || n != 64<<20 {
		t.Errorf("read %d bytes (err %v), want 64 MiB", n, err)
	}
}

func TestFaultNames(t *testing.T) {
	cases := map[pmptest.Fault]string{
		pmptest.FaultNone: "none", pmptest.FaultHang: "hang", pmptest.FaultHuge: "huge",
		pmptest.FaultRateLimited: "rate-limited", pmptest.Fault(42): "fault(42)",
	}
	for f, want := range cases {
		if got := f.String(); got != want {
			t.Errorf("Fault(%d).String() = %q, want %q", int(f), got, want)
		}
	}
}

func TestLatency(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10, Latency: 100 * time.Millisecond})
	token := adminToken(t, s)
	start := time.Now()
	getJSON(t, s, token, "/api/1.4/som/summary")
	if elapsed := time.Since(start); elapsed < 100*time.Millisecond {
		t.Errorf("answered after %v, want at least the 100ms latency", elapsed)
	}
}

func TestLatencyRespectsCancellation(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10, Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := getWithContext(ctx, s, "", "/api/1.4/desktop/discover")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want context.DeadlineExceeded", err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("cancelled request took %v", elapsed)
	}
}
