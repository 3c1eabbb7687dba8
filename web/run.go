package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"patchdesk/api"
	"patchdesk/api/pmptest"
	"patchdesk/handlers"
)

// shutdownTimeout is how long in-flight requests may take to finish at shutdown.
const shutdownTimeout = 15 * time.Second

// App is a running portal.
type App struct {
	URL    string          // base URL the portal listens on
	Demo   *pmptest.Server // the built-in PMP simulator in demo mode, else nil
	server *http.Server
	done   chan error
	log    *slog.Logger
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
// portal accepts connections.
func Start(cfg Config, log *slog.Logger, stdout io.Writer) (*App, error) {
	app := &App{done: make(chan error, 1), log: log}
	pmpURL := cfg.PMPURL
	if cfg.Demo {
		demo, err := startDemo(cfg, log, stdout)
		if err != nil {
			return nil, err
		}
		app.Demo, pmpURL = demo, demo.URL()
	}
	client, err := newPMPClient(cfg, pmpURL, log)
	if err != nil {
		app.closeDemo()
		return nil, err
	}
	listener, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		app.closeDemo()
		return nil, fmt.Errorf("invalid -addr %q: cannot listen: %w", cfg.Addr, err)
	}
	app.URL = "http://" + listener.Addr().String()
	app.server = NewServer(cfg, client, pmpURL, log).httpServer(cfg.Addr)
	go func() { app.done <- serve(app.server, listener) }()
	log.Info("patchdesk started", "url", app.URL, "pmp_url", pmpURL,
		"pmp_api_version", cfg.PMPVersion, "demo", cfg.Demo)
	if cfg.Demo {
		printDemo(stdout, app.URL, app.Demo)
	}
	return app, nil
}

func serve(server *http.Server, listener net.Listener) error {
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// Shutdown stops accepting connections, lets in-flight requests finish, then stops the
// simulator.
func (a *App) Shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	a.log.Info("patchdesk stopping")
	err := a.server.Shutdown(ctx)
	a.closeDemo()
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	a.log.Info("patchdesk stopped")
	return nil
}

func (a *App) closeDemo() {
	if a.Demo != nil {
		_ = a.Demo.Close()
	}
}

func newPMPClient(cfg Config, pmpURL string, log *slog.Logger) (*api.Client, error) {
	if cfg.Insecure {
		log.Warn("TLS verification of PMP is off: anyone on the network path can read " +
			"PMP tokens and passwords. Use -pmp-ca-file or -pmp-pin-sha256 instead.")
	}
	httpClient, err := api.NewHTTPClient(api.TLSOptions{CAFile: cfg.CAFile,
		InsecureSkipVerify: cfg.Insecure, PinSHA256: cfg.PinSHA256})
	if err != nil {
		return nil, fmt.Errorf("invalid PMP TLS options: %w", err)
	}
	client, err := api.New(pmpURL, api.WithHTTPClient(httpClient),
		api.WithVersion(cfg.PMPVersion), api.WithLogger(log),
		api.WithObserver(func(ctx context.Context, call api.Call) {
			handlers.TimingsFrom(ctx).AddCall(call.Endpoint, call.Duration)
		}))
	if err != nil {
		return nil, fmt.Errorf("invalid -pmp-url: %w", err)
	}
	return client, nil
}
