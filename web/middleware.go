package web

import (
	"compress/gzip"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"patchdesk/handlers"
	"patchdesk/static"
)

// contentSecurityPolicy allows scripts, styles and requests to this origin only, so an
// injected <script> or inline handler cannot run. htmx is configured to need no eval.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; " +
	"base-uri 'none'"

// maxFormBytes caps request bodies: the portal's forms are a few hundred bytes.
const maxFormBytes = "64K"

func (s *Server) middleware() {
	s.echo.Pre(requestID)
	s.echo.Pre(collectTimings)
	s.echo.Pre(allowMethods)
	s.echo.Use(s.logRequests)
	s.echo.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true,
		LogErrorFunc: panicError}))
	s.echo.Use(middleware.BodyLimit(maxFormBytes))
	s.echo.Use(middleware.GzipWithConfig(middleware.GzipConfig{
		// Level 1 compresses a 100-row table page in about a third of the time of the
		// default level 6, for about 20% more bytes (BenchmarkGzipTablePage).
		Level: gzip.BestSpeed,
		Skipper: func(c echo.Context) bool {
			return strings.HasPrefix(c.Request().URL.Path, static.Prefix)
		},
	}))
}

// handler returns the whole request chain: security headers, cross-origin protection and
// sessions wrap Echo, so that even the rejections of the outer layers carry the headers.
func (s *Server) handler(https bool) http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("Cross-origin request rejected", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		http.Error(w, "This request came from another site, so patchdesk rejected it. "+
			"Open patchdesk directly and try again.", http.StatusForbidden)
	}))
	return securityHeaders(csrf.Handler(s.sessions.LoadAndSave(headAsGet(s.echo))), https)
}

// collectTimings gives every request a collector for its Server-Timing header.
func collectTimings(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		c.SetRequest(req.WithContext(handlers.WithTimings(req.Context())))
		return next(c)
	}
}

// requestID gives every request a random id, returned in X-Request-Id and logged, so a
// user can quote it and the operator can find the log lines.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		c.Set("request_id", id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		req := c.Request()
		// Debug only: every failure is logged once where it is handled, with its cause.
		s.log.DebugContext(req.Context(), "Request served",
			slog.Group("request", "id", c.Get("request_id"), "method", req.Method,
				"path", req.URL.Path, "status", c.Response().Status,
				"duration_ms", time.Since(start).Milliseconds(), "client", c.RealIP()))
		return nil
	}
}

// securityHeaders sets the headers that every response carries. Pages show PMP data, so no
// cache may keep them; the static file handler replaces Cache-Control for its
// content-hashed files. HSTS is sent only when browsers reach the portal over HTTPS.
func securityHeaders(next http.Handler, https bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cache-Control", "no-store")
		if https {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// allowMethods rejects every method the portal does not use, including OPTIONS, which
// Echo would otherwise accept for any route. The portal serves no cross-origin requests.
func allowMethods(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodPost:
			return next(c)
		}
		c.Response().Header().Set(echo.HeaderAllow, "GET, HEAD, POST")
		return echo.ErrMethodNotAllowed
	}
}

// panicError turns a recovered panic into the error that the error handler logs once,
// with the stack of the panicking goroutine.
func panicError(_ echo.Context, err error, stack []byte) error {
	return fmt.Errorf("handler panicked: %w; stack: %s", err, stack)
}
