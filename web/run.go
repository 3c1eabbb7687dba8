package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"patchdesk/api"
	"patchdesk/api/pmptest"
	"patchdesk/handlers"
)

// shutdownTimeout is how long in-flight requests may take to finish at shutdown.
const shutdownTimeout = 15 * time.Second

// startupCheckTimeout caps the PMP call at start-up that checks that PMP responds and
// that its certificate is trusted.
const startupCheckTimeout = 10 * time.Second

// App is a running portal.
type App struct {
	URL     string          // base URL the portal listens on, https:// with -tls-cert
	Demo    *pmptest.Server // the built-in PMP simulator in demo mode, else nil
	server  *http.Server
	portal  *Server
	pmpHTTP *http.Client
	done    chan error
	log     *slog.Logger

	stopCheck context.CancelFunc // ends the start-up check of PMP
	checked   chan struct{}      // closed when the start-up check has ended
}

// Run parses the options, starts the portal and serves until ctx ends, then shuts down
// gracefully.
func Run(ctx context.Context, args []string, getenv func(string) string,
	stdout, stderr io.Writer) error {
	cfg, err := ParseConfig(args, getenv, stderr)
	if errors.Is(err, ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	app, err := Start(cfg, log, stdout)
	if err != nil {
		return err
	}
	select {
	case <-ctx.Done():
	case err := <-app.done:
		return err
	}
	return app.Shutdown()
}

// Start starts the portal, and in demo mode the PMP simulator, and returns once the
// portal accepts connections. Outside demo mode it also checks in the background that
// PMP responds, and logs the outcome.
func Start(cfg Config, log *slog.Logger, stdout io.Writer) (*App, error) {
	app := &App{done: make(chan error, 1), log: log}
	if err := app.start(cfg, stdout); err != nil {
		app.release()
		return nil, err
	}
	if cfg.Demo {
		printDemo(stdout, app.URL, app.Demo)
	}
	return app, nil
}

func (a *App) start(cfg Config, stdout io.Writer) error {
	pmpURL := cfg.PMPURL
	if cfg.Demo {
		demo, err := startDemo(cfg, a.log, stdout)
		if err != nil {
			return err
		}
		a.Demo, pmpURL = demo, demo.URL()
	}

	client, err := a.newPMPClient(cfg, pmpURL)
	if err != nil {
		return err
	}
	tlsConfig, err := serverTLSConfig(cfg)
	if err != nil {
		return err
	}

	var lc net.ListenConfig
	listener, err := lc.Listen(context.Background(), "tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("invalid -addr %q: cannot listen: %w", cfg.Addr, err)
	}
	a.URL = "http://" + listener.Addr().String()
	if tlsConfig != nil {
		a.URL = "https://" + listener.Addr().String()
	}

	a.portal = NewServer(cfg, client, pmpURL, a.log)
	a.server = a.portal.httpServer(cfg.Addr)
	a.server.TLSConfig = tlsConfig
	go func() { a.done <- serve(a.server, listener) }()
	a.log.Info("patchdesk started", "url", a.URL, "pmp_url", pmpURL,
		"pmp_api_version", cfg.PMPVersion, "demo", cfg.Demo)
	if !cfg.Demo {
		a.checkPMP(client, min(cfg.PMPTimeout, startupCheckTimeout))
	}
	return nil
}

// serverTLSConfig loads -tls-cert and -tls-key, or returns nil when HTTPS is not
// configured.
func serverTLSConfig(cfg Config) (*tls.Config, error) {
	if cfg.TLSCert == "" {
		return nil, nil
	}
	cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
	if err != nil {
		return nil, fmt.Errorf("invalid -tls-cert %q or -tls-key %q: %w", cfg.TLSCert,
			cfg.TLSKey, err)
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}},
		nil
}

func serve(server *http.Server, listener net.Listener) error {
	var err error
	if server.TLSConfig != nil {
		err = server.ServeTLS(listener, "", "")
	} else {
		err = server.Serve(listener)
	}
	if !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// checkPMP calls PMP's discover endpoint once in the background, so that the log shows at
// start-up, not at the first sign-in, when PMP is unreachable or its certificate is not
// trusted.
func (a *App) checkPMP(client *api.Client, timeout time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	a.stopCheck, a.checked = cancel, make(chan struct{})
	go func() {
		defer close(a.checked)
		defer cancel()
		d, err := client.Discover(ctx)
		switch {
		case errors.Is(ctx.Err(), context.Canceled):
			return // shutdown began
		case errors.Is(err, api.ErrTLS):
			a.log.Warn("PMP start-up check failed", "error", err, "fix", handlers.PMPTLSFix)
		case err != nil:
			a.log.Warn("PMP start-up check failed", "error", err)
		default:
			a.log.Info("PMP start-up check passed", "pmp_build", d.BuildNo)
		}
	}()
}

// Shutdown stops accepting connections, lets in-flight requests finish, then stops the
// simulator and releases the connections to PMP.
func (a *App) Shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	a.log.Info("patchdesk stopping")
	err := a.server.Shutdown(ctx)
	a.release()
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	a.log.Info("patchdesk stopped")
	return nil
}

// release stops what Start started besides the HTTP server, so that no goroutine of the
// portal outlives it.
func (a *App) release() {
	if a.stopCheck != nil {
		a.stopCheck()
		<-a.checked
	}
	if a.portal != nil {
		a.portal.Close()
	}
	if a.Demo != nil {
		_ = a.Demo.Close()
	}
	if a.pmpHTTP != nil {
		a.pmpHTTP.CloseIdleConnections()
	}
}

func (a *App) newPMPClient(cfg Config, pmpURL string) (*api.Client, error) {
	a.warnInsecurePMP(cfg, pmpURL)
	httpClient, err := api.NewHTTPClient(api.TLSOptions{CAFile: cfg.CAFile,
		InsecureSkipVerify: cfg.Insecure, PinSHA256: cfg.PinSHA256})
	if err != nil {
		return nil, fmt.Errorf("invalid PMP TLS options: %w", err)
	}
	a.pmpHTTP = httpClient
	client, err := api.New(pmpURL, api.WithHTTPClient(httpClient),
		api.WithVersion(cfg.PMPVersion), api.WithLogger(a.log), api.WithTimeout(cfg.PMPTimeout),
		api.WithObserver(func(ctx context.Context, call api.Call) {
			handlers.TimingsFrom(ctx).AddCall(call.Endpoint, call.Duration)
		}))
	if err != nil {
		return nil, fmt.Errorf("invalid -pmp-url: %w", err)
	}
	return client, nil
}

// warnInsecurePMP logs a warning when passwords and tokens could be read on the way to
// PMP: with TLS verification off, or over plain HTTP to another host.
func (a *App) warnInsecurePMP(cfg Config, pmpURL string) {
	if cfg.Insecure {
		a.log.Warn("TLS verification of PMP is off: anyone on the network path can read " +
			"PMP tokens and passwords. Use -pmp-ca-file or -pmp-pin-sha256 instead.")
	}
	u, err := url.Parse(pmpURL)
	if err != nil || u.Scheme != "http" || cfg.Demo {
		return
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" &&
		(ip == nil || !ip.IsLoopback()) {
		a.log.Warn("PMP is reached over plain HTTP: passwords and PMP tokens cross the "+
			"network unencrypted. Use PMP's HTTPS port in -pmp-url.", "pmp_url", pmpURL)
	}
}
