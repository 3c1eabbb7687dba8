package pmptest_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"patchdesk/api/pmptest"
)

func TestRequestsRecordsAndRedacts(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	a := account(t, s, "tricky")
	loginGET(t, s, "1.3", loginFields(a, a.Password))
	token := s.Token("tricky")
	getJSON(t, s, token, "/api/1.4/patch/allsystems?pagelimit=5&domainfilter=CORP")

	reqs := s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("got %d requests, want 2", len(reqs))
	}
	login, list := reqs[0], reqs[1]
	if got := login.Query.Get("password"); got != "[redacted]" {
		t.Errorf("recorded password %q, want [redacted]", got)
	}
	if login.HasAuthorization {
		t.Errorf("login recorded with an Authorization header")
	}
	if list.Method != "GET" || list.Path != "/api/1.4/patch/allsystems" {
		t.Errorf("got %s %s, want GET /api/1.4/patch/allsystems", list.Method, list.Path)
	}
	if list.Query.Get("domainfilter") != "CORP" || !list.HasAuthorization {
		t.Errorf("recorded query %v, authorization %v", list.Query, list.HasAuthorization)
	}
}

func TestRequestsKeepsLastThousand(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	for i := range 1005 {
		rawGet(t, s, "", "/api/1.4/desktop/discover?n="+strings.Repeat("x", i%3))
	}
	rawGet(t, s, "", "/api/1.3/desktop/discover?last=1")
	reqs := s.Requests()
	if len(reqs) != 1000 {
		t.Fatalf("got %d requests, want 1000", len(reqs))
	}
	if last := reqs[len(reqs)-1]; last.Query.Get("last") != "1" {
		t.Errorf("newest request is %s?%v, want the last one sent", last.Path, last.Query)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestLogHasNoSecrets(t *testing.T) {
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	inbox := &otpInbox{}
	s := startServer(t, pmptest.Options{Computers: 10, Logger: logger, OnOTP: inbox.receive})

	a := account(t, s, "tricky")
	loginGET(t, s, "1.3", loginFields(a, a.Password))
	token := s.Token("tricky")
	getJSON(t, s, token, "/api/1.4/patch/summary")
	twoFactorStep(t, s, "otpuser")
	code := inbox.last(t, "otpuser")
	validateOTP(t, s, "1.4", "otpuser", code, false)

	out := logs.String()
	if !strings.Contains(out, "patch/summary") {
		t.Fatalf("log lacks the request line: %s", out)
	}
	secrets := map[string]string{
		"token": token, "password": a.Password, "base64 password": b64(a.Password),
		"OTP token": s.Token("otpuser"),
	}
	for name, secret := range secrets {
		if strings.Contains(out, secret) {
			t.Errorf("log contains the %s", name)
		}
	}
}
