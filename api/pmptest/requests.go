package pmptest

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// requestLogSize is how many requests Requests returns at most.
const requestLogSize = 1000

// Request is one request the simulator received. Query holds the URL's query parameters
// with secret values (password, otp, device_token) replaced by "[redacted]", so a test can
// still see that a client put them in the URL.
type Request struct {
	Time   time.Time
	Method string
	Path   string
	Query  url.Values
	// HasAuthorization reports whether the Authorization header was set.
	HasAuthorization bool
}

// requestLog is a ring buffer of the last requestLogSize requests.
type requestLog struct {
	mu   sync.Mutex
	ring []Request
	next int
}

func (l *requestLog) add(r *http.Request, now time.Time) {
	req := Request{
		Time: now, Method: r.Method, Path: r.URL.Path, Query: redactQuery(r.URL.Query()),
		HasAuthorization: r.Header.Get("Authorization") != "",
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.ring) < requestLogSize {
		l.ring = append(l.ring, req)
		return
	}
	l.ring[l.next] = req
	l.next = (l.next + 1) % requestLogSize
}

// Requests returns the last 1000 requests, oldest first.
func (s *Server) Requests() []Request {
	l := &s.reqs
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Request, 0, len(l.ring))
	out = append(out, l.ring[l.next:]...)
	return append(out, l.ring[:l.next]...)
}

// secretParams are query parameters whose values never reach the log or Requests.
var secretParams = map[string]bool{"password": true, "otp": true, "device_token": true}

// redactQuery returns a copy of q with the values of secret parameters replaced.
func redactQuery(q url.Values) url.Values {
	out := make(url.Values, len(q))
	for k, vs := range q {
		if secretParams[strings.ToLower(k)] {
			vs = []string{"[redacted]"}
		}
		out[k] = vs
	}
	return out
}
