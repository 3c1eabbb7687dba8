package pmptest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// call is one API request being served.
type call struct {
	r        *http.Request
	version  string // "1.3" or "1.4"
	endpoint string // path after the version, such as "patch/allsystems"
	msgType  string // message_type of the endpoint
	params   params
	user     string // authenticated user, for the log
}

// response is a complete HTTP response.
type response struct {
	status      int
	contentType string
	body        []byte
	retryAfter  string
	errCode     string // error_code of an error envelope, for the log
}

const (
	contentJSON = "application/json;charset=UTF-8"
	contentHTML = "text/html;charset=UTF-8"
)

// route describes one endpoint.
type route struct {
	methods string // allowed methods, space separated
	token   bool   // requires a valid auth token
	msgType string
	handle  func(s *Server, c *call) response
}

// ServeHTTP serves the PMP REST API under /api/1.3/ and /api/1.4/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.reqs.add(r, s.clock())
	c := &call{r: r}
	status, code := s.dispatch(w, c)
	s.logCall(c, status, code, time.Since(start))
}

// dispatch serves c and returns the HTTP status and error code for the log. Status 0 means
// no response was written because the request ended first.
func (s *Server) dispatch(w http.ResponseWriter, c *call) (int, string) {
	rt, ok := s.resolve(c)
	if !ok {
		return s.write(w, notFound())
	}
	if !strings.Contains(" "+rt.methods+" ", " "+c.r.Method+" ") {
		w.Header().Set("Allow", strings.ReplaceAll(rt.methods, " ", ", "))
		return s.write(w, s.fail(c, http.StatusMethodNotAllowed, codeInvalidParam,
			"Method "+c.r.Method+" is not allowed for "+c.endpoint))
	}

	if !s.wait(c.r, s.opts.Latency) {
		return 0, ""
	}
	if f := s.faults.lookup(c.endpoint); f != FaultNone {
		return s.injectFault(w, c, rt, f)
	}
	return s.write(w, s.respond(c, rt))
}

// resolve splits the path into version and endpoint and finds the route.
func (s *Server) resolve(c *call) (route, bool) {
	rest, ok := strings.CutPrefix(c.r.URL.Path, "/api/")
	if !ok {
		return route{}, false
	}
	version, endpoint, ok := strings.Cut(rest, "/")
	if !ok || (version != "1.3" && version != "1.4") {
		return route{}, false
	}

	rt, ok := routes[endpoint]
	c.version, c.endpoint, c.msgType = version, endpoint, rt.msgType
	c.params = newParams(c.r.URL.Query())
	return rt, ok
}

// respond checks the token when the route needs one and runs the handler.
func (s *Server) respond(c *call, rt route) response {
	if rt.token {
		user, ok := s.auth.tokenUser(c.r.Header.Get("Authorization"))
		if !ok {
			return s.fail(c, http.StatusOK, codeBadToken,
				"Authentication failed: the API token is invalid or has expired. Sign in again.")
		}
		c.user = user
	}
	return rt.handle(s, c)
}

// write sends resp and returns its status and error code for the log.
func (s *Server) write(w http.ResponseWriter, resp response) (int, string) {
	h := w.Header()
	h.Set("Content-Type", resp.contentType)
	h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	if resp.retryAfter != "" {
		h.Set("Retry-After", resp.retryAfter)
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
	return resp.status, resp.errCode
}

// success wraps a message_response payload in the success envelope. version overrides the
// message_version, which PMP varies by endpoint. extra members follow status.
func (s *Server) success(c *call, payload obj, version string, extra ...kv) response {
	if version == "" {
		version = c.version
	}
	envelope := obj{
		{"message_type", c.msgType},
		{"message_response", payload},
		{"message_version", version},
		{"status", "success"},
	}
	envelope = append(envelope, extra...)
	return response{status: http.StatusOK, contentType: contentJSON, body: s.encode(envelope)}
}

// fail returns PMP's error envelope. PMP reports API errors with HTTP 200.
func (s *Server) fail(c *call, status int, code, description string) response {
	envelope := obj{
		{"message_type", c.msgType},
		{"status", "error"},
		{"error_code", code},
		{"error_description", description},
		{"message_version", c.version},
	}
	return response{status: status, contentType: contentJSON, body: s.encode(envelope),
		errCode: code}
}

// notFound is the servlet container's page for an unknown path.
func notFound() response {
	body := "<!DOCTYPE html><html><head><title>404 Not Found</title></head>" +
		"<body><h1>HTTP Status 404 - Not Found</h1></body></html>"
	return response{status: http.StatusNotFound, contentType: contentHTML, body: []byte(body)}
}

func (s *Server) logCall(c *call, status int, code string, d time.Duration) {
	s.log.Debug("PMP request",
		"method", c.r.Method,
		"path", c.r.URL.Path,
		"query", redactQuery(c.r.URL.Query()).Encode(),
		"user", c.user,
		"status", status,
		"error_code", code,
		"duration", d)
}
