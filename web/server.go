// Package web wires the portal: configuration, the Echo server with its middleware,
// sessions, the route table, static files and the lifecycle with graceful shutdown.
package web

import (
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"patchdesk/handlers"
)

// Server is the portal's HTTP application.
type Server struct {
	echo     *echo.Echo
	handlers *handlers.Handler
	sessions *scs.SessionManager
	log      *slog.Logger
	chain    http.Handler
}

// NewServer builds the Echo application around a PMP client.
func NewServer(cfg Config, pmp handlers.PMP, pmpURL string, log *slog.Logger) *Server {
	sessions := newSessions(cfg)
	host := pmpURL
	if u, err := url.Parse(pmpURL); err == nil && u.Host != "" {
		host = u.Host
	}
	h := handlers.New(handlers.Options{PMP: pmp, Sessions: sessions, Logger: log, PMPHost: host,
		PublicURL: cfg.PublicURL})
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.IPExtractor = clientIP(cfg.TrustedProxies)
	s := &Server{echo: e, handlers: h, sessions: sessions, log: log}
	sessions.ErrorFunc = s.sessionError
	e.HTTPErrorHandler = s.handleError
	s.middleware()
	s.normalizeRequests()
	s.routes()
	s.chain = s.handler(cfg.ServesHTTPS())
	return s
}

// clientIP returns how Echo finds the client's address. Without trusted proxies it is the
// connection's address, so a client cannot choose its address for the sign-in limits by
// sending X-Forwarded-For. With them, the last address in X-Forwarded-For that is not a
// trusted proxy is the client.
func clientIP(proxies []*net.IPNet) echo.IPExtractor {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect()
	}
	options := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false),
		echo.TrustPrivateNet(false)}
	for _, p := range proxies {
		options = append(options, echo.TrustIPRange(p))
	}
	return echo.ExtractIPFromXFFHeader(options...)
}

// sessionError logs a failure of the session store and responds with a plain 500, because
// it happens outside Echo, before or after the handler ran.
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("Session store failed", "path", r.URL.Path, "error", err)
	http.Error(w, "patchdesk could not load your session. Try again.",
		http.StatusInternalServerError)
}

// Close releases what the server holds besides its connections: the goroutine that
// removes expired sessions.
func (s *Server) Close() {
	stopSessions(s.sessions)
}

// ServeHTTP serves a request, so the server can run under net/http and httptest.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.chain.ServeHTTP(w, r)
}

// httpServer returns an http.Server with every timeout set, so slow clients cannot hold
// connections open forever.
func (s *Server) httpServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// A CSV export streams for as long as PMP takes to page through the estate.
		WriteTimeout:   10 * time.Minute,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
