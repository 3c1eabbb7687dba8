package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"patchdesk/web"
)

// startPortal starts patchdesk with the PMP simulator in this process, on a random
// loopback port. Warnings and errors of the portal go to stderr.
func startPortal(computers int, latency time.Duration) (*web.App, error) {
	args := []string{"-demo", "-addr", "127.0.0.1:0",
		"-demo-computers", strconv.Itoa(computers), "-demo-latency", latency.String()}
	cfg, err := web.ParseConfig(args, func(string) string { return "" }, io.Discard)
	if err != nil {
		return nil, fmt.Errorf("loadtest: portal options: %w", err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	app, err := web.Start(cfg, log, io.Discard)
	if err != nil {
		return nil, fmt.Errorf("loadtest: start portal: %w", err)
	}
	return app, nil
}

// newTransport returns the connection pool shared by all simulated users, sized so that
// every user can keep a connection open.
func newTransport(users int) *http.Transport {
	return &http.Transport{
		MaxIdleConns:        users + 10,
		MaxIdleConnsPerHost: users + 10,
		IdleConnTimeout:     time.Minute,
	}
}
