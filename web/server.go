// Package web wires the portal: configuration, the Echo server with its middleware,
// sessions, the route table, static files and the lifecycle with graceful shutdown.
package web

import (
	"log/slog"
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
	e.IPExtractor = echo.ExtractIPDirect()
	s := &Server{echo: e, handlers: h, sessions: sessions, log: log}
	e.HTTPErrorHandler = s.handleError
	s.middleware()
	s.routes()
	s.chain = s.handler()
	return s
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
