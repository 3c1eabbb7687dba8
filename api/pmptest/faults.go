package pmptest

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault is a failure the simulator injects in place of a normal response.
type Fault int

// Faults, selected per endpoint with SetFault.
const (
	FaultNone         Fault = iota
	FaultHang               // never responds until the client gives up or the server closes
	FaultSlow               // responds normally after the fault delay (SetFaultDelay)
	FaultHTTP500            // HTTP 500 with error_code INTERNAL_ERROR
	FaultUnknownError       // HTTP 200 with status "error" and error_code "19999"
	FaultHTML               // HTTP 200 with an HTML page instead of JSON
	FaultTruncated          // the normal body cut in half, the connection closed mid-body
	FaultHuge               // a 64 MiB JSON body
	FaultRateLimited        // HTTP 429 with Retry-After
)

var faultNames = [...]string{"none", "hang", "slow", "http500", "unknown-error", "html",
	"truncated", "huge", "rate-limited"}

// String returns the fault's name, such as "hang".
func (f Fault) String() string {
	if f >= 0 && int(f) < len(faultNames) {
		return faultNames[f]
	}
	return "fault(" + strconv.Itoa(int(f)) + ")"
}

const (
	defaultFaultDelay = 2 * time.Second
	hugeBodyBytes     = 64 << 20
	retryAfterSeconds = "300" // newer PMP builds lock a rate-limited API for 5 minutes
)

// faultTable holds the injected faults by endpoint; "" applies to every endpoint.
type faultTable struct {
	mu    sync.Mutex
	byEnd map[string]Fault
	delay time.Duration
}

func (t *faultTable) lookup(endpoint string) Fault {
	t.mu.Lock()
	defer t.mu.Unlock()
	if f, ok := t.byEnd[endpoint]; ok {
		return f
	}
	return t.byEnd[""]
}

func (t *faultTable) slowDelay() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.delay
}

// SetFault injects f into every call of endpoint, given without the version prefix, such as
// "patch/allsystems" or "desktop/authentication". The endpoint "" selects every endpoint
// that has no fault of its own. FaultNone removes the endpoint's fault.
func (s *Server) SetFault(endpoint string, f Fault) {
	endpoint = normalizeEndpoint(endpoint)
	t := &s.faults
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byEnd == nil {
		t.byEnd = make(map[string]Fault)
	}
	if f == FaultNone {
		delete(t.byEnd, endpoint)
		return
	}
	t.byEnd[endpoint] = f
}

// normalizeEndpoint accepts "/api/1.4/patch/allsystems" and "/patch/allsystems" too.
func normalizeEndpoint(endpoint string) string {
	endpoint = strings.Trim(endpoint, "/")
	for _, prefix := range []string{"api/1.3/", "api/1.4/"} {
		endpoint = strings.TrimPrefix(endpoint, prefix)
	}
	return endpoint
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.byEnd = nil
}

// SetFaultDelay sets how long FaultSlow waits before it responds (default 2s).
func (s *Server) SetFaultDelay(d time.Duration) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.delay = d
}

// injectFault serves c with fault f and returns the status and error code for the log.
func (s *Server) injectFault(w http.ResponseWriter, c *call, rt route, f Fault) (int, string) {
	switch f {
	case FaultHang:
		s.wait(c.r, 365*24*time.Hour)
		return 0, ""
	case FaultSlow:
		if !s.wait(c.r, s.faults.slowDelay()) {
			return 0, ""
		}
		return s.write(w, s.respond(c, rt))
	case FaultTruncated:
		return s.writeTruncated(w, s.respond(c, rt))
	case FaultHuge:
		return s.writeHuge(w, c)
	}
	return s.write(w, s.faultResponse(c, f))
}

// faultResponse returns the complete response of the faults that need no handler.
func (s *Server) faultResponse(c *call, f Fault) response {
	switch f {
	case FaultHTTP500:
		body := `{"status":"error","error_code":"INTERNAL_ERROR",` +
			`"error_description":"dc.rest.api_internal_error"}`
		return response{status: http.StatusInternalServerError, contentType: contentJSON,
			body: []byte(body), errCode: "INTERNAL_ERROR"}
	case FaultUnknownError:
		return s.fail(c, http.StatusOK, codeUnknownError, "An unexpected error occurred")
	case FaultRateLimited:
		resp := s.fail(c, http.StatusTooManyRequests, "RATE_LIMIT_EXCEEDED",
			"API rate limit exceeded. Try again after "+retryAfterSeconds+" seconds.")
		resp.retryAfter = retryAfterSeconds
		return resp
	}
	body := "<!DOCTYPE html><html><head><title>ManageEngine Patch Manager Plus</title>" +
		"</head><body><h2>The server is starting. Please wait.</h2></body></html>"
	return response{status: http.StatusOK, contentType: contentHTML, body: []byte(body)}
}

// writeTruncated declares the full Content-Length, sends half the body and returns, so the
// server closes the connection mid-body.
func (s *Server) writeTruncated(w http.ResponseWriter, resp response) (int, string) {
	h := w.Header()
	h.Set("Content-Type", resp.contentType)
	h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body[:len(resp.body)/2])
	return resp.status, "truncated"
}

// writeHuge streams a valid 64 MiB JSON envelope whose payload is one long string. It stops
// when the client stops reading.
func (s *Server) writeHuge(w http.ResponseWriter, c *call) (int, string) {
	h := w.Header()
	h.Set("Content-Type", contentJSON)
	head := []byte(`{"message_type":"` + c.msgType + `","message_response":{"` + c.msgType +
		`":"`)
	tail := []byte(`"},"message_version":"` + c.version + `","status":"success"}`)
	h.Set("Content-Length", strconv.Itoa(hugeBodyBytes))
	w.WriteHeader(http.StatusOK)

	chunk := bytes.Repeat([]byte("A"), 64<<10)
	remaining := hugeBodyBytes - len(head) - len(tail)
	if _, err := w.Write(head); err != nil {
		return http.StatusOK, "huge"
	}
	for remaining > 0 && c.r.Context().Err() == nil {
		n := min(remaining, len(chunk))
		if _, err := w.Write(chunk[:n]); err != nil {
			return http.StatusOK, "huge"
		}
		remaining -= n
	}
	_, _ = w.Write(tail)
	return http.StatusOK, "huge"
}
