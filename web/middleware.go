package web

import (
	"crypto/rand"
	"encoding/hex"
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
	s.echo.Use(s.logRequests)
	s.echo.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true}))
	s.echo.Use(securityHeaders)
	s.echo.Use(middleware.BodyLimit(maxFormBytes))
	s.echo.Use(middleware.GzipWithConfig(middleware.GzipConfig{
		Skipper: func(c echo.Context) bool {
			return strings.HasPrefix(c.Request().URL.Path, static.Prefix)
		},
	}))
}

// handler returns the whole request chain: cross-origin protection and sessions wrap Echo.
func (s *Server) handler() http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("Cross-origin request rejected", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		http.Error(w, "This request came from another site, so patchdesk rejected it. "+
			"Open patchdesk directly and try again.", http.StatusForbidden)
	}))
	return csrf.Handler(s.sessions.LoadAndSave(s.echo))
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
		level := slog.LevelDebug
		if c.Response().Status >= 500 {
			level = slog.LevelWarn
		}
		s.log.Log(req.Context(), level, "Request served",
			slog.Group("request", "id", c.Get("request_id"), "method", req.Method,
				"path", req.URL.Path, "status", c.Response().Status,
				"duration_ms", time.Since(start).Milliseconds(), "client", c.RealIP()))
		return nil
	}
}

func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		// Pages show PMP data, so no cache may keep them; static files override this.
		h.Set("Cache-Control", "no-store")
		return next(c)
	}
}
