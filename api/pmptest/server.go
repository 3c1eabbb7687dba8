package pmptest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is a simulated Patch Manager Plus server. It implements http.Handler; Start and
// StartTLS also listen on a loopback port.
type Server struct {
	opts   Options
	log    *slog.Logger
	estate *estate
	auth   *authState
	faults faultTable
	reqs   requestLog

	clockMu     sync.Mutex
	clockOffset time.Duration

	done      chan struct{} // closed by Close to release hanging requests
	closeOnce sync.Once
	httpSrv   *http.Server
	url       string
	caPEM     []byte
	leafSum   string
}

// New builds the estate and returns a server that has no listener yet.
func New(opts Options) *Server {
	opts = opts.withDefaults()
	return &Server{
		opts:   opts,
		log:    opts.Logger,
		estate: buildEstate(opts),
		auth:   newAuthState(),
		faults: faultTable{delay: defaultFaultDelay},
		done:   make(chan struct{}),
	}
}

// Start builds a server and serves it over HTTP on 127.0.0.1 at a free port.
func Start(opts Options) (*Server, error) {
	s := New(opts)
	ln, err := listenLoopback()
	if err != nil {
		return nil, fmt.Errorf("pmptest: listen on 127.0.0.1: %w", err)
	}
	s.serve(ln, "http")
	return s, nil
}

// serve starts the HTTP server on ln in the background.
func (s *Server) serve(ln net.Listener, scheme string) {
	s.url = scheme + "://" + ln.Addr().String()
	s.httpSrv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	go func() {
		err := s.httpSrv.Serve(ln)
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("PMP simulator stopped", "error", err)
		}
	}()
	s.log.Debug("PMP simulator listening", "url", s.url, "computers", s.opts.Computers,
		"patches", len(s.estate.patches))
}

// URL returns the base URL, such as http://127.0.0.1:41234, or "" before Start.
func (s *Server) URL() string {
	return s.url
}

// Close drops hanging requests and stops the listener and open connections. It is safe
// to call more than once.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() {
		close(s.done)
		if s.httpSrv != nil {
			err = s.httpSrv.Close()
		}
	})
	return err
}

// AdvanceClock moves the simulator's wall clock forward by d. It drives OTP expiry,
// authenticator codes and account lock-outs; estate timestamps keep following Options.Now.
func (s *Server) AdvanceClock(d time.Duration) {
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	s.clockOffset += d
}

// clock returns the simulator's wall clock.
func (s *Server) clock() time.Time {
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	return time.Now().Add(s.clockOffset)
}

// wait sleeps for d and reports false if the request ends first. If the server closes
// first, it aborts the handler with http.ErrAbortHandler, so the client sees the connection
// drop instead of an empty response.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.done:
		panic(http.ErrAbortHandler)
	}
}

// listenLoopback listens on a free port of 127.0.0.1.
func listenLoopback() (net.Listener, error) {
	var lc net.ListenConfig
	return lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
}
