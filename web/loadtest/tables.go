package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"patchdesk/web"
)

// tableNames are the table pages the tables mode loads.
var tableNames = []string{"systems", "patches", "computers"}

// Budgets of the table pages, in patchdesk's added time.
const (
	budgetAddedP50 = 2 * time.Millisecond
	budgetAddedP99 = 10 * time.Millisecond
	budgetScale    = 1.3
)

// tableLoad is a load of table pages with the row totals learned from the first pages.
type tableLoad struct {
	*load
	mu     sync.Mutex
	totals map[string]int
}

// flow loads a random page of a random table, then the next page as htmx does.
func (t *tableLoad) flow(ctx context.Context, u *user) {
	name := tableNames[u.rng.IntN(len(tableNames))]
	page := 1
	if pages := t.pages(name); pages > 1 {
		page = 1 + u.rng.IntN(pages-1)
	}
	path := "/" + name + "?size=" + strconv.Itoa(t.opts.size) + "&page="
	res, ok := u.page(ctx, name, path+strconv.Itoa(page), false)
	if !ok || !u.expect(res, name, `data-testid="row"`) {
		return
	}
	t.learn(name, tableTotal(res.body))
	if next := nextHref(res.body); next != "" && u.pause() {
		u.page(ctx, name+"-htmx", next, true)
		u.pause()
	}
}

func (t *tableLoad) pages(name string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return (t.totals[name] + t.opts.size - 1) / t.opts.size
}

func (t *tableLoad) learn(name string, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.totals[name] = total
}

// estate is a portal with its signed-in users.
type estate struct {
	computers int
	app       *web.App
	load      *tableLoad
	users     []*user
	elapsed   time.Duration
}

func startEstate(ctx context.Context, opts options, computers int) (*estate, error) {
	app, err := startPortal(computers, opts.latency)
	if err != nil {
		return nil, err
	}
	l := &tableLoad{load: newLoad(app.URL, opts), totals: map[string]int{}}
	e := &estate{computers: computers, app: app, load: l}
	e.users = l.signInAll(ctx, l.newUsers(opts.users))
	l.rec.dropSamples() // the figures are of table pages, not of signing in
	l.warmUp(ctx, e.users, opts.warmup, l.flow)
	return e, nil
}

// stop signs the users out and shuts the portal down, once.
func (e *estate) stop(ctx context.Context) {
	if e.app == nil {
		return
	}
	signOutAll(ctx, e.users)
	_ = e.app.Shutdown()
	e.app = nil
}

// runFor loads table pages with every user for d.
func (e *estate) runFor(ctx context.Context, d time.Duration) {
	opts := e.load.opts
	opts.duration = d
	l := *e.load.load
	l.opts = opts
	e.elapsed += l.run(ctx, e.users, e.load.flow)
}

// runTables loads 100-row table pages with every user and prints the latency table with
// the added-time budget.
func runTables(ctx context.Context, opts options, w io.Writer) error {
	e, err := startEstate(ctx, opts, opts.computers)
	if err != nil {
		return err
	}
	e.runFor(ctx, opts.duration)
	e.stop(ctx)
	printEstate(w, e)
	return e.load.rec.printSummary(w, opts.users, e.elapsed)
}

func printEstate(w io.Writer, e *estate) {
	o := e.load.opts
	fmt.Fprintf(w, "\nmode tables: %d users, %s, %d computers, %d rows per page, "+
		"PMP latency %s, think %s\n", len(e.users), e.elapsed.Round(time.Second),
		e.computers, o.size, o.latency, o.think)
	e.load.rec.printTable(w, e.elapsed)
	all := e.tableStats()
	fmt.Fprintf(w, "added time of table pages: p50 %s ms (budget %s ms: %s), p99 %s ms "+
		"(budget %s ms: %s)\n", ms(all.added.p50), ms(budgetAddedP50),
		verdict(all.added.p50 <= budgetAddedP50), ms(all.added.p99), ms(budgetAddedP99),
		verdict(all.added.p99 <= budgetAddedP99))
}

// tableStats returns the statistics of all table kinds together.
func (e *estate) tableStats() kindStats {
	kinds := e.load.rec.kinds(e.elapsed)
	for _, k := range kinds {
		if k.kind == "tables (all)" {
			return k
		}
	}
	for _, k := range kinds {
		if isTableKind(k.kind) {
			return k
		}
	}
	return kindStats{}
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

// runScale runs the tables mode against each estate size in turn, alternating in rounds
// so that other load on the machine affects every size alike, and compares the added
// time of the largest estate with that of the smallest.
func runScale(ctx context.Context, opts options, w io.Writer) error {
	var estates []*estate
	defer func() {
		for _, e := range estates {
			e.stop(ctx)
		}
	}()
	for _, computers := range opts.scale {
		e, err := startEstate(ctx, opts, computers)
		if err != nil {
			return err
		}
		estates = append(estates, e)
	}

	slot := opts.duration / time.Duration(opts.rounds*len(estates))
	for range opts.rounds {
		for _, e := range estates {
			e.runFor(ctx, slot)
		}
	}
	for _, e := range estates {
		e.stop(ctx)
	}
	return printScale(w, estates)
}

func printScale(w io.Writer, estates []*estate) error {
	var failed error
	for _, e := range estates {
		printEstate(w, e)
		if err := e.load.rec.printSummary(w, len(e.users), e.elapsed); err != nil {
			failed = err
		}
	}
	small, large := estates[0].tableStats(), estates[len(estates)-1].tableStats()
	for _, p := range []struct {
		name         string
		small, large time.Duration
	}{{"p50", small.added.p50, large.added.p50}, {"p99", small.added.p99, large.added.p99}} {
		ratio := float64(p.large) / float64(p.small)
		fmt.Fprintf(w, "added time %s at %d computers over %d computers: %s / %s ms = "+
			"%.2f (budget %.1f: %s)\n", p.name, estates[len(estates)-1].computers,
			estates[0].computers, ms(p.large), ms(p.small), ratio, budgetScale,
			verdict(ratio <= budgetScale))
	}
	return failed
}
