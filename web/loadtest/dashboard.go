package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// budgetDashboard is the allowed ratio of the dashboard's page time to its slowest PMP
// call.
const budgetDashboard = 1.2

// runDashboard loads the dashboard with every user and prints the ratio of the page time
// measured by the client, body included, to the slowest single PMP call that the
// Server-Timing header lists for the same request.
func runDashboard(ctx context.Context, opts options, w io.Writer) error {
	app, err := startPortal(opts.computers, opts.latency)
	if err != nil {
		return err
	}
	defer func() { _ = app.Shutdown() }()

	l := newLoad(app.URL, opts)
	users := l.signInAll(ctx, l.newUsers(opts.users))
	flow := func(ctx context.Context, u *user) {
		u.page(ctx, "dashboard", "/", false)
		u.pause()
	}
	l.rec.dropSamples() // leave the sign-in requests out of the figures
	l.warmUp(ctx, users, opts.warmup, flow)
	elapsed := l.run(ctx, users, flow)
	signOutAll(ctx, users)

	fmt.Fprintf(w, "mode dashboard: %d users, %s, %d computers, PMP latency %s, think %s\n",
		len(users), opts.duration, opts.computers, opts.latency, opts.think)
	l.rec.printTable(w, elapsed)
	printDashboardRatio(w, l.rec.samples["dashboard"])
	return l.rec.printSummary(w, len(users), elapsed)
}

func printDashboardRatio(w io.Writer, samples []sample) {
	var ratios []float64
	var slowest []time.Duration
	for _, s := range samples {
		if d := s.timing.slowestPMP(); d > 0 {
			ratios = append(ratios, float64(s.wall)/float64(d))
			slowest = append(slowest, d)
		}
	}
	if len(ratios) == 0 {
		fmt.Fprintln(w, "no dashboard response listed a PMP call")
		return
	}
	slices.Sort(ratios)
	at := func(q float64) float64 {
		return ratios[max(0, int(math.Ceil(q*float64(len(ratios))))-1)]
	}
	pmp := percentiles(slowest)
	fmt.Fprintf(w, "slowest PMP call per page: p50 %s ms, max %s ms\n", ms(pmp.p50),
		ms(pmp.peak))
	fmt.Fprintf(w, "page time / slowest PMP call over %d pages: p50 %.3f, p90 %.3f, "+
		"p99 %.3f, max %.3f (budget %.1f at p99: %s)\n", len(ratios), at(0.5), at(0.9),
		at(0.99), ratios[len(ratios)-1], budgetDashboard, verdict(at(0.99) <= budgetDashboard))
}
