// Command patchdesk is a self-hosted portal for helpdesk staff who work with ManageEngine
// Patch Manager Plus. Run it with -demo to try it against the built-in PMP simulator.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"patchdesk/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := web.Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "patchdesk:", err)
		os.Exit(1)
	}
}
