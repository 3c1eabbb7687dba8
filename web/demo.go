package web

import (
	"fmt"
	"io"
	"log/slog"

	"patchdesk/api/pmptest"
)

func startDemo(cfg Config, log *slog.Logger, stdout io.Writer) (*pmptest.Server, error) {
	demo, err := pmptest.Start(pmptest.Options{
		Computers: cfg.DemoComputers,
		Seed:      cfg.DemoSeed,
		Latency:   cfg.DemoLatency,
		Hostile:   cfg.DemoHostile,
		Logger:    log.With("component", "pmp-simulator"),
		OnOTP: func(user, code string) {
			fmt.Fprintf(stdout, "demo: one-time code for %s is %s\n", user, code)
		},
	})
	if err != nil {
		return nil, fmt.Errorf("start the PMP simulator: %w", err)
	}
	return demo, nil
}

func printDemo(stdout io.Writer, url string, demo *pmptest.Server) {
	fmt.Fprintf(stdout, "patchdesk demo: open %s\n", url)
	fmt.Fprintf(stdout, "PMP simulator at %s with these accounts:\n", demo.URL())
	for _, a := range demo.Accounts() {
		domain := ""
		if a.Domain != "" {
			domain = ", domain " + a.Domain
		}
		fmt.Fprintf(stdout, "  %-10s password %-14s %s%s  %s\n", a.Username, a.Password,
			a.AuthType, domain, a.Note)
	}
}
