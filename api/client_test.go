package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const testToken = "47A1157A-7AAC-4660-9C1D-34858F3A001C"

// recorder stores the requests a test server received.
type recorder struct {
	mu       sync.Mutex
	requests []recordedRequest
}

type recordedRequest struct {
	method string
	path   string
	query  url.Values
	header http.Header
	body   []byte
}

func (r *recorder) add(req *http.Request) {
	body, _ := io.ReadAll(req.Body)

	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, recordedRequest{
		method: req.Method, path: req.URL.Path, query: req.URL.Query(),
		header: req.Header.Clone(), body: body,
	})
}

func (r *recorder) all() []recordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recordedRequest(nil), r.requests...)
}

func (r *recorder) last(t *testing.T) recordedRequest {
	t.Helper()
	all := r.all()
	if len(all) == 0 {
		t.Fatal("server received no request")
	}
	return all[len(all)-1]
}

// newFakePMP starts a server that records each request and responds with status and body.
func newFakePMP(t *testing.T, status int, body string) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func newTestClient(t *testing.T, baseURL string, opts ...Option) *Client {
	t.Helper()
	c, err := New(baseURL, opts...)
	if err != nil {
		t.Fatalf("New(%q): %v", baseURL, err)
	}
	return c
}

func errorEnvelope(code, description string) string {
	return fmt.Sprintf(`{"status":"error","error_code":%q,"error_description":%q}`,
		code, description)
}

func TestNewValidatesBaseURL(t *testing.T) {
	tests := []struct {
		name    string
		url     string
		wantErr bool
	}{
		{"https with port", "https://pmp.example.com:8383", false},
		{"http", "http://127.0.0.1:8020", false},
		{"path prefix", "https://proxy.example.com/pmp/", false},
		{"ftp scheme", "ftp://pmp.example.com", true},
		{"no scheme", "pmp.example.com:8383", true},
		{"no host", "https://", true},
		{"user info", "https://admin:secret@pmp.example.com", true},
		{"query", "https://pmp.example.com/?a=1", true},
		{"fragment", "https://pmp.example.com/#x", true},
		{"control character", "https://pmp.example.com/\x7f", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.url)
			if (err != nil) != tt.wantErr {
				t.Fatalf("New(%q) error = %v, want error %v", tt.url, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q repeats the password of the URL", err)
			}
		})
	}
}

func TestNewValidatesOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
	}{
		{"version 1.5", WithVersion("1.5")},
		{"zero timeout", WithTimeout(0)},
		{"negative body limit", WithMaxBodyBytes(-1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New("https://pmp.example.com", tt.opt); err == nil {
				t.Error("got nil error, want an error")
			}
		})
	}
}

func TestClientVersion(t *testing.T) {
	for _, version := range []string{"1.3", "1.4"} {
		c := newTestClient(t, "https://pmp.example.com", WithVersion(version))
		if got := c.Version(); got != version {
			t.Errorf("Version() = %q, want %q", got, version)
		}
	}
	if got := newTestClient(t, "https://pmp.example.com").Version(); got != "1.4" {
		t.Errorf("default Version() = %q, want %q", got, "1.4")
	}
}

func TestReadRequestShape(t *testing.T) {
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "allsystems.json")))
	c := newTestClient(t, srv.URL+"/prefix/", WithVersion("1.3"))

	q := Query{
		Page: 2, PageLimit: 1000, SearchColumn: "resource_name", SearchValue: "WS 1+2",
		OrderBy: "resource_name", SortOrder: "desc",
		Filters: map[string]string{"healthfilter": "3", "domainfilter": "CORP"},
	}
	if _, err := c.AllSystems(t.Context(), testToken, q); err != nil {
		t.Fatal(err)
	}

	got := rec.last(t)
	want := map[string]string{
		"page": "2", "pagelimit": "1000", "searchtype": "resource_name",
		"searchcolumn": "resource_name", "searchvalue": "WS 1+2", "orderby": "resource_name",
		"sortorder": "DESC", "healthfilter": "3", "domainfilter": "CORP",
	}
	for key, value := range want {
		expectEqual(t, "query "+key, got.query.Get(key), value)
	}
	expectEqual(t, "query size", len(got.query), len(want))
	expectEqual(t, "method", got.method, http.MethodGet)
	expectEqual(t, "path", got.path, "/prefix/api/1.3/patch/allsystems")
	expectEqual(t, "Authorization", got.header.Get("Authorization"), testToken)
}

func TestReadOmitsEmptyQuery(t *testing.T) {
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "allsystems.json")))
	c := newTestClient(t, srv.URL)

	q := Query{SearchColumn: "resource_name"} // no value, so no search
	if _, err := c.AllSystems(t.Context(), testToken, q); err != nil {
		t.Fatal(err)
	}

	got := rec.last(t)
	expectEqual(t, "query", got.query.Encode(), "")
	expectEqual(t, "path", got.path, "/api/1.4/patch/allsystems")
}

// errOnly drops a result so that calls with different result types fit one table.
func errOnly[T any](_ T, err error) error { return err }

func TestReadEndpointsPaths(t *testing.T) {
	tests := []struct {
		sample    string
		wantPath  string
		wantQuery string
		call      func(c *Client) error
	}{
		{"serverproperties.json", "/api/1.4/desktop/serverproperties", "",
			func(c *Client) error { return errOnly(c.ServerProperties(t.Context(), testToken)) }},
		{"patch_summary.json", "/api/1.4/patch/summary", "",
			func(c *Client) error { return errOnly(c.PatchSummary(t.Context(), testToken)) }},
		{"som_summary.json", "/api/1.4/som/summary", "",
			func(c *Client) error { return errOnly(c.SoMSummary(t.Context(), testToken)) }},
		{"healthpolicy.json", "/api/1.4/patch/healthpolicy", "",
			func(c *Client) error { return errOnly(c.HealthPolicy(t.Context(), testToken)) }},
		{"dbupdatestatus.json", "/api/1.4/patch/dbupdatestatus", "",
			func(c *Client) error { return errOnly(c.DBUpdateStatus(t.Context(), testToken)) }},
		{"allpatches.json", "/api/1.4/patch/allpatches", "",
			func(c *Client) error {
				return errOnly(c.AllPatches(t.Context(), testToken, Query{}))
			}},
		{"computers.json", "/api/1.4/som/computers", "",
			func(c *Client) error { return errOnly(c.Computers(t.Context(), testToken, Query{})) }},
		{"systemreport.json", "/api/1.4/patch/systemreport", "resid=30917",
			func(c *Client) error {
				return errOnly(c.SystemReport(t.Context(), testToken, 30917, Query{}))
			}},
		{"allpatchdetails.json", "/api/1.4/patch/allpatchdetails", "patchid=412877",
			func(c *Client) error {
				return errOnly(c.AllPatchDetails(t.Context(), testToken, 412877, Query{}))
			}},
		{"scandetails.json", "/api/1.4/patch/scandetails", "",
			func(c *Client) error {
				return errOnly(c.ScanDetails(t.Context(), testToken, Query{}))
			}},
		{"deploymentpolicies.json", "/api/1.4/patch/deploymentpolicies", "",
			func(c *Client) error {
				return errOnly(c.DeploymentPolicies(t.Context(), testToken, Query{}))
			}},
		{"viewconfig.json", "/api/1.4/patch/viewconfig", "",
			func(c *Client) error {
				return errOnly(c.ViewConfig(t.Context(), testToken, Query{}))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.wantPath, func(t *testing.T) {
			srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, tt.sample)))
			if err := tt.call(newTestClient(t, srv.URL)); err != nil {
				t.Fatal(err)
			}

			got := rec.last(t)
			expectEqual(t, "path", got.path, tt.wantPath)
			expectEqual(t, "query", got.query.Encode(), tt.wantQuery)
			expectEqual(t, "Authorization", got.header.Get("Authorization"), testToken)
		})
	}
}

func TestQueryValidation(t *testing.T) {
	tests := []struct {
		name string
		q    Query
	}{
		{"page limit above maximum", Query{PageLimit: 1001}},
		{"negative page", Query{Page: -1}},
		{"bad sort order", Query{OrderBy: "x", SortOrder: "UP"}},
		{"filter repeats page", Query{Filters: map[string]string{"page": "2"}}},
		{"filter repeats search", Query{Filters: map[string]string{"SearchValue": "x"}}},
	}
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "allsystems.json")))
	c := newTestClient(t, srv.URL)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := c.AllSystems(t.Context(), testToken, tt.q); err == nil {
				t.Error("got nil error, want an error")
			}
		})
	}
	expectEqual(t, "requests sent", len(rec.all()), 0)
}

func TestReadRejectsBadToken(t *testing.T) {
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "patch_summary.json")))
	c := newTestClient(t, srv.URL)

	for _, token := range []string{"", "abc\r\nX-Injected: 1"} {
		_, err := c.PatchSummary(t.Context(), token)
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("PatchSummary(%q): got %v, want ErrUnauthorized", token, err)
		}
	}
	expectEqual(t, "requests sent", len(rec.all()), 0)
}

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		body       string
		header     map[string]string
		login      bool
		want       error
		notWant    error
		wantCode   string
		wantStatus int
	}{
		{"token expired", 200, errorEnvelope("10002", "Invalid token"), nil, false,
			ErrUnauthorized, nil, "10002", 200},
		{"token expired numeric code", 200,
			`{"status":"error","error_code":10002,"error_description":"x"}`, nil, false,
			ErrUnauthorized, nil, "10002", 200},
		{"http 401", 401, `{"ErrorCode":401,"ErrorMsg":"Unauthorized"}`, nil, false,
			ErrUnauthorized, nil, "401", 401},
		{"http 401 html", 401, `<html>denied</html>`, nil, false, ErrUnauthorized, nil, "", 401},
		{"http 403", 403, ``, nil, false, ErrPermissionDenied, ErrUnauthorized, "", 403},
		{"http 429", 429, `Too many`, map[string]string{"Retry-After": "120"}, false,
			ErrRateLimited, nil, "", 429},
		{"http 500", 500, `{"status":"error","error_code":"INTERNAL_ERROR",` +
			`"error_description":"dc.rest.api_internal_error"}`, nil, false,
			nil, ErrBadResponse, "INTERNAL_ERROR", 500},
		{"http 502 html", 502, `<html>bad gateway</html>`, nil, false, nil, ErrBadResponse,
			"", 502},
		{"unknown code", 200, errorEnvelope("19999", "Something odd"), nil, false,
			nil, ErrUnauthorized, "19999", 200},
		{"redirect", 302, ``, map[string]string{"Location": "https://pmp:8383/x?token=1"},
			false, nil, ErrBadResponse, "", 302},
		{"bad password", 200, errorEnvelope("10001", "Invalid username or password"), nil,
			true, ErrBadCredentials, ErrAccountLocked, "10001", 200},
		{"locked", 200, errorEnvelope("10001", "Account locked for 15 minutes"), nil, true,
			ErrAccountLocked, ErrBadCredentials, "10001", 200},
		{"login http 401", 401, ``, nil, true, ErrBadCredentials, ErrUnauthorized, "", 401},
		{"login unknown code", 200, errorEnvelope("10005", "Missing parameter"), nil, true,
			nil, ErrBadCredentials, "10005", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter,
				_ *http.Request) {
				for key, value := range tt.header {
					w.Header().Set(key, value)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			c := newTestClient(t, srv.URL)

			var err error
			if tt.login {
				_, err = c.Login(t.Context(), Credentials{Username: "u", Password: "pw"})
			} else {
				_, err = c.AllSystems(t.Context(), testToken, Query{})
			}

			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v (%T), want *APIError", err, err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want it to match %v", err, tt.want)
			}
			if tt.notWant != nil && errors.Is(err, tt.notWant) {
				t.Errorf("got %v, want it not to match %v", err, tt.notWant)
			}
			expectEqual(t, "Code", apiErr.Code, tt.wantCode)
			expectEqual(t, "HTTPStatus", apiErr.HTTPStatus, tt.wantStatus)
			if strings.Contains(err.Error(), "token=1") {
				t.Errorf("error %q repeats the redirect query", err)
			}
		})
	}
}

func TestRateLimitDescription(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()

	_, err := newTestClient(t, srv.URL).PatchSummary(t.Context(), testToken)

	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want *APIError", err)
	}
	expectEqual(t, "RetryAfter", apiErr.RetryAfter, 30*time.Second)
	if !strings.Contains(apiErr.Description, "rate limit") {
		t.Errorf("Description %q does not mention the rate limit", apiErr.Description)
	}
}

func TestBadResponseBodies(t *testing.T) {
	huge := `{"status":"success","message_response":{"total":1,"allsystems":[{"remarks":"` +
		strings.Repeat("x", 2048) + `"}]}}`
	tests := []struct {
		name        string
		contentType string
		body        string
		maxBody     int64
		chunked     bool
	}{
		{"html page", "text/html", "<!DOCTYPE html><html>Sign in</html>", 0, false},
		{"html without content type", "application/json", "  <html></html>", 0, false},
		{"truncated JSON", "application/json", `{"status":"success","message_response":{"to`,
			0, false},
		{"plain text", "text/plain", "Service Unavailable", 0, false},
		{"oversized with length", "application/json", huge, 1024, false},
		{"oversized chunked", "application/json", huge, 1024, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter,
				_ *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				if tt.chunked {
					w.(http.Flusher).Flush()
				}
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()

			opts := []Option{}
			if tt.maxBody > 0 {
				opts = append(opts, WithMaxBodyBytes(tt.maxBody))
			}
			_, err := newTestClient(t, srv.URL, opts...).AllSystems(t.Context(), testToken,
				Query{})
			if !errors.Is(err, ErrBadResponse) {
				t.Fatalf("got %v, want ErrBadResponse", err)
			}
			if !strings.Contains(err.Error(), "patch/allsystems") {
				t.Errorf("error %q does not name the endpoint", err)
			}
		})
	}
}

// closedURL returns the URL of a listener that has been closed, so connections are
// refused.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

func TestConnectionRefused(t *testing.T) {
	var calls []Call
	var mu sync.Mutex
	observer := func(_ context.Context, c Call) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, c)
	}
	c := newTestClient(t, closedURL(t), WithObserver(observer), WithVersion("1.3"))

	_, err := c.AllSystems(t.Context(), testToken, Query{})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("AllSystems: got %v, want ErrUnreachable", err)
	}
	expectEqual(t, "read attempts", len(calls), 2)

	calls = nil
	password := "s3cr3t+/=ü"
	_, err = c.Login(t.Context(), Credentials{Username: "admin", Password: password})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("Login: got %v, want ErrUnreachable", err)
	}
	expectEqual(t, "login attempts", len(calls), 1)
	expectNoSecret(t, err.Error(), password)
}

// expectNoSecret fails when text contains the password in plain, base64 or URL-encoded
// base64 form.
func expectNoSecret(t *testing.T, text, secret string) {
	t.Helper()
	encoded := base64.StdEncoding.EncodeToString([]byte(secret))
	for _, form := range []string{secret, encoded, url.QueryEscape(encoded)} {
		if strings.Contains(text, form) {
			t.Errorf("text contains a secret: %q", text)
		}
	}
}

func TestReadRetriesAfterReset(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if attempts.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // no response at all
			}
			return
		}
		_, _ = w.Write(readSample(t, "patch_summary.json"))
	}))
	defer srv.Close()

	if _, err := newTestClient(t, srv.URL).PatchSummary(t.Context(), testToken); err != nil {
		t.Fatalf("PatchSummary: %v", err)
	}
	expectEqual(t, "attempts", attempts.Load(), 2)
}

func TestLoginDoesNotRetryAfterReset(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		attempts.Add(1)
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()

	_, err := newTestClient(t, srv.URL).Login(t.Context(),
		Credentials{Username: "admin", Password: "admin"})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("got %v, want ErrUnreachable", err)
	}
	expectEqual(t, "attempts", attempts.Load(), 1)
}

// expectNoGoroutineLeak fails the test when more goroutines run at cleanup than before.
func expectNoGoroutineLeak(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(3 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if after := runtime.NumGoroutine(); after > before {
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			t.Errorf("goroutines: got %d, want at most %d\n%s", after, before, buf[:n])
		}
	})
}

func TestTimeoutOnHangingServer(t *testing.T) {
	expectNoGoroutineLeak(t)

	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	hc, err := NewHTTPClient(TLSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Close()
		hc.CloseIdleConnections()
	})

	var calls []Call
	c := newTestClient(t, srv.URL, WithHTTPClient(hc), WithTimeout(200*time.Millisecond),
		WithObserver(func(_ context.Context, call Call) { calls = append(calls, call) }))

	start := time.Now()
	_, err = c.AllSystems(t.Context(), testToken, Query{})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("call took %v, want about 200ms", elapsed)
	}
	expectEqual(t, "attempts", len(calls), 1)
}

func TestTimeoutWhileReadingBody(t *testing.T) {
	expectNoGoroutineLeak(t)

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"status":"success","message_response":{`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	hc, err := NewHTTPClient(TLSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Close()
		hc.CloseIdleConnections()
	})

	c := newTestClient(t, srv.URL, WithHTTPClient(hc), WithTimeout(200*time.Millisecond))
	_, err = c.PatchSummary(t.Context(), testToken)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
}

func TestCallerCancelIsNotTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)

	_, err := newTestClient(t, srv.URL).PatchSummary(ctx, testToken)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if errors.Is(err, ErrTimeout) || errors.Is(err, ErrUnreachable) {
		t.Errorf("got %v, want no timeout or unreachable sentinel", err)
	}
}

func TestObserverAndLogger(t *testing.T) {
	srv, _ := newFakePMP(t, http.StatusOK, string(readSample(t, "patch_summary.json")))

	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var calls []Call
	c := newTestClient(t, srv.URL, WithLogger(logger),
		WithObserver(func(_ context.Context, call Call) { calls = append(calls, call) }))

	if _, err := c.PatchSummary(t.Context(), testToken); err != nil {
		t.Fatal(err)
	}

	if len(calls) != 1 {
		t.Fatalf("observer calls: got %d, want 1", len(calls))
	}
	expectEqual(t, "Endpoint", calls[0].Endpoint, "patch/summary")
	expectEqual(t, "Status", calls[0].Status, http.StatusOK)
	expectEqual(t, "Err", calls[0].Err, nil)
	if calls[0].Duration <= 0 {
		t.Errorf("Duration: got %v, want > 0", calls[0].Duration)
	}
	if !strings.Contains(logs.String(), "endpoint=patch/summary") {
		t.Errorf("log %q does not name the endpoint", logs.String())
	}
	if strings.Contains(logs.String(), testToken) {
		t.Errorf("log contains the token: %q", logs.String())
	}
}

func TestErrorDescriptionRedactsSecrets(t *testing.T) {
	password := "Winter2026!"
	encoded := base64.StdEncoding.EncodeToString([]byte(password))
	srv, _ := newFakePMP(t, http.StatusOK,
		errorEnvelope("10001", "bad password "+password+" / "+encoded))

	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, srv.URL, WithLogger(logger))

	_, err := c.Login(t.Context(), Credentials{Username: "jdoe", Password: password})
	if !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("got %v, want ErrBadCredentials", err)
	}
	expectNoSecret(t, err.Error(), password)
	expectNoSecret(t, logs.String(), password)

	srv2, _ := newFakePMP(t, http.StatusOK, errorEnvelope("10002", "token "+testToken))
	_, err = newTestClient(t, srv2.URL).PatchSummary(t.Context(), testToken)
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("got %v, want an error without the token", err)
	}
}

// trickyPasswords contain characters that break naive base64 or URL encoding.
var trickyPasswords = []string{
	"Winter2026!",
	"p+a/s=s&w?o#r%d",
	"ü€漢字🙂",
	" leading and trailing ",
	`quote"back\slash`,
	"\xff\xfe not UTF-8",
	">>>???", // base64 "Pj4+Pz8/" contains + and /
}

func TestLogin14SendsJSON(t *testing.T) {
	for _, password := range trickyPasswords {
		t.Run(password, func(t *testing.T) {
			srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "authentication.json")))
			c := newTestClient(t, srv.URL)

			cr := Credentials{Username: "jdoe", Password: password, AuthType: ADAuthentication,
				Domain: "corp"}
			got, err := c.Login(t.Context(), cr)
			if err != nil {
				t.Fatal(err)
			}
			expectEqual(t, "Token", got.Token, "9C0F3B1E-52A7-4D1C-8E2B-7A41D06F5C33")

			req := rec.last(t)
			expectEqual(t, "method", req.method, http.MethodPost)
			expectEqual(t, "path", req.path, "/api/1.4/desktop/authentication")
			expectEqual(t, "Content-Type", req.header.Get("Content-Type"), "application/json")
			expectEqual(t, "Authorization", req.header.Get("Authorization"), "")

			var body map[string]string
			if err := json.Unmarshal(req.body, &body); err != nil {
				t.Fatalf("body %q: %v", req.body, err)
			}
			decoded, err := base64.StdEncoding.DecodeString(body["password"])
			if err != nil {
				t.Fatalf("password %q is not base64: %v", body["password"], err)
			}
			expectEqual(t, "password", string(decoded), password)
			expectEqual(t, "username", body["username"], "jdoe")
			expectEqual(t, "auth_type", body["auth_type"], "ad_authentication")
			expectEqual(t, "domainName", body["domainName"], "corp")
		})
	}
}

func TestLogin13SendsQuery(t *testing.T) {
	for _, password := range trickyPasswords {
		t.Run(password, func(t *testing.T) {
			srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "authentication.json")))
			c := newTestClient(t, srv.URL, WithVersion("1.3"))

			if _, err := c.Login(t.Context(), Credentials{Username: "admin",
				Password: password}); err != nil {
				t.Fatal(err)
			}

			req := rec.last(t)
			expectEqual(t, "method", req.method, http.MethodGet)
			expectEqual(t, "path", req.path, "/api/1.3/desktop/authentication")
			decoded, err := base64.StdEncoding.DecodeString(req.query.Get("password"))
			if err != nil {
				t.Fatalf("password %q is not base64: %v", req.query.Get("password"), err)
			}
			expectEqual(t, "password", string(decoded), password)
			expectEqual(t, "auth_type", req.query.Get("auth_type"), "local_authentication")
			expectEqual(t, "domainName present", req.query.Has("domainName"), false)
		})
	}
}

func TestLoginValidation(t *testing.T) {
	tests := []struct {
		name string
		cr   Credentials
		want error
	}{
		{"empty user", Credentials{Password: "x"}, ErrBadCredentials},
		{"empty password", Credentials{Username: "x"}, ErrBadCredentials},
		{"AD without domain", Credentials{Username: "x", Password: "y",
			AuthType: ADAuthentication}, ErrBadCredentials},
		{"unknown type", Credentials{Username: "x", Password: "y", AuthType: "radius"}, nil},
	}
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "authentication.json")))
	c := newTestClient(t, srv.URL)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Login(t.Context(), tt.cr)
			if err == nil {
				t.Fatal("got nil error, want an error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	expectEqual(t, "requests sent", len(rec.all()), 0)
}

func TestLoginOTPChallenge(t *testing.T) {
	srv, _ := newFakePMP(t, http.StatusOK, `{"status":"success","message_response":{
		"authentication":{"two_factor_data":{"unique_userID":"u-17","is_TwoFactor_Enabled":true,
		"OTP_Validation_Required":true,"remember_token_days":"30",
		"message":"Mail has been sent to the mail address"}}}}`)

	got, err := newTestClient(t, srv.URL).Login(t.Context(),
		Credentials{Username: "otpuser", Password: "otpuser"})
	if err != nil {
		t.Fatal(err)
	}
	if got.OTP == nil {
		t.Fatalf("OTP: got nil, want a challenge (result %v)", got)
	}
	expectEqual(t, "Token", got.Token, "")
	expectEqual(t, "UID", got.OTP.UID, "u-17")
	expectEqual(t, "Message", got.OTP.Message, "Mail has been sent to the mail address")
	expectEqual(t, "NeedsEnrolment", got.OTP.NeedsEnrolment, false)
	expectEqual(t, "RememberDays", got.OTP.RememberDays, 30)
	expectEqual(t, "User.Name", got.User.Name, "otpuser")
}

func TestLoginWithoutOutcome(t *testing.T) {
	srv, _ := newFakePMP(t, http.StatusOK,
		`{"status":"success","message_response":{"authentication":{"user_data":{}}}}`)

	_, err := newTestClient(t, srv.URL).Login(t.Context(),
		Credentials{Username: "a", Password: "b"})
	if !errors.Is(err, ErrBadResponse) {
		t.Fatalf("got %v, want ErrBadResponse", err)
	}
}

func TestValidateOTP(t *testing.T) {
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "authentication.json")))
	c := newTestClient(t, srv.URL, WithVersion("1.3"))

	got, err := c.ValidateOTP(t.Context(), "u-17", " 123456 ")
	if err != nil {
		t.Fatal(err)
	}
	expectEqual(t, "Token", got.Token, "9C0F3B1E-52A7-4D1C-8E2B-7A41D06F5C33")

	req := rec.last(t)
	expectEqual(t, "method", req.method, http.MethodPost)
	expectEqual(t, "path", req.path, "/api/1.3/desktop/authentication/otpValidate")

	var body map[string]any
	if err := json.Unmarshal(req.body, &body); err != nil {
		t.Fatal(err)
	}
	expectEqual(t, "uid", body["uid"], any("u-17"))
	expectEqual(t, "otp", body["otp"], any("123456"))
	expectEqual(t, "rememberme_enabled", body["rememberme_enabled"], any(false))
}

func TestValidateOTPErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"wrong code", 200, errorEnvelope("10010", "Invalid OTP")},
		{"token code", 200, errorEnvelope("10002", "Expired")},
		{"http 401", 401, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newFakePMP(t, tt.status, tt.body)
			_, err := newTestClient(t, srv.URL).ValidateOTP(t.Context(), "u", "000000")
			if !errors.Is(err, ErrOTPInvalid) {
				t.Errorf("got %v, want ErrOTPInvalid", err)
			}
		})
	}
}

func TestValidateOTPRejectsEmptyInput(t *testing.T) {
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "authentication.json")))
	c := newTestClient(t, srv.URL)

	if _, err := c.ValidateOTP(t.Context(), "u", "  "); !errors.Is(err, ErrOTPInvalid) {
		t.Errorf("empty OTP: got %v, want ErrOTPInvalid", err)
	}
	if _, err := c.ValidateOTP(t.Context(), "", "123456"); err == nil {
		t.Error("empty UID: got nil error, want an error")
	}
	expectEqual(t, "requests sent", len(rec.all()), 0)
}

func TestDiscoverWithoutToken(t *testing.T) {
	srv, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "discover.json")))

	got, err := newTestClient(t, srv.URL).Discover(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	expectEqual(t, "LocalOnly", got.LocalOnly, false)
	expectEqual(t, "Authorization", rec.last(t).header.Get("Authorization"), "")
	expectEqual(t, "path", rec.last(t).path, "/api/1.4/desktop/discover")
}

func TestSecretsHiddenWhenFormatted(t *testing.T) {
	cr := Credentials{Username: "jdoe", Password: "Winter2026!"}
	result := LoginResult{Token: testToken, User: User{Name: "jdoe"}}

	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	logger.Info("login", "credentials", cr, "result", result)

	for _, text := range []string{
		fmt.Sprintf("%v %+v %#v %s", cr, cr, cr, cr),
		fmt.Sprintf("%v %+v %#v %s", result, result, result, result),
		fmt.Sprintf("%v %+v", &cr, &result),
		logs.String(),
	} {
		if strings.Contains(text, "Winter2026!") || strings.Contains(text, testToken) {
			t.Errorf("formatted text contains a secret: %q", text)
		}
	}
}
