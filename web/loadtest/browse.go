package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// vulnerableLink is the dashboard's "Vulnerable" figure, which links to the filtered table.
const vulnerableLink = `href="/systems?health=vulnerable"`

// load is one timed run of users against a portal.
type load struct {
	base        string
	opts        options
	rec         *recorder
	transport   *http.Transport
	signInSlots chan struct{}
}

// maxSignInsInFlight stays below the portal's limit of failed or pending sign-ins per
// client address (5 per username), so the load is not mistaken for password guessing.
const maxSignInsInFlight = 4

func newLoad(base string, opts options) *load {
	return &load{base: base, opts: opts, rec: newRecorder(), transport: newTransport(opts.users),
		signInSlots: make(chan struct{}, maxSignInsInFlight)}
}

// run runs flow for each signed-in user until the duration or the request limit is
// reached, and returns the time the flows ran.
func (l *load) run(ctx context.Context, users []*user,
	flow func(ctx context.Context, u *user)) time.Duration {
	halt, stop := l.halt(ctx)
	defer stop()
	start := time.Now()
	var wg sync.WaitGroup
	for i, u := range users {
		u.halt = halt
		wg.Go(func() {
			u.stagger(i, len(users))
			for !u.halted() && l.rec.total() < l.opts.maxRequests {
				flow(ctx, u)
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

// warmUp runs flow for d without recording, so that the measured run starts with warm
// connections, pools and caches.
func (l *load) warmUp(ctx context.Context, users []*user, d time.Duration,
	flow func(ctx context.Context, u *user)) {
	if d <= 0 {
		return
	}
	warm := *l
	warm.opts.duration = d
	warm.rec = newRecorder()
	for _, u := range users {
		u.rec = warm.rec
	}
	warm.run(ctx, users, flow)
	for _, u := range users {
		u.rec = l.rec
	}
}

// halt returns a channel closed after the run's duration, or when ctx ends.
func (l *load) halt(ctx context.Context) (<-chan struct{}, context.CancelFunc) {
	haltCtx, cancel := context.WithTimeout(ctx, l.opts.duration)
	return haltCtx.Done(), cancel
}

// stagger spreads the users' first requests over a second, as users do not click at once.
func (u *user) stagger(i, n int) {
	u.sleep(time.Duration(i) * time.Second / time.Duration(n))
}

// newUsers creates n users of the portal at base, sharing one connection pool.
func (l *load) newUsers(n int) []*user {
	users := make([]*user, n)
	for i := range users {
		users[i] = newUser(l.base, l.transport, l.rec, l.opts.think, uint64(i+1))
		users[i].signInSlots = l.signInSlots
	}
	return users
}

// signInAll signs in every user, spread over a second as in the browse mode, and
// returns those signed in.
func (l *load) signInAll(ctx context.Context, users []*user) []*user {
	ok := make([]bool, len(users))
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Go(func() {
			u.stagger(i, len(users))
			ok[i] = u.signIn(ctx)
		})
	}
	wg.Wait()
	var in []*user
	for i, u := range users {
		if ok[i] {
			in = append(in, u)
		}
	}
	return in
}

func signOutAll(ctx context.Context, users []*user) {
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Go(func() { u.signOut(ctx) })
	}
	wg.Wait()
}

// runBrowse runs the browse flow of the browser test with every user, from sign-in to
// sign-out, and prints the latency table.
func runBrowse(ctx context.Context, opts options, w io.Writer) error {
	app, err := startPortal(opts.computers, opts.latency)
	if err != nil {
		return err
	}
	defer func() { _ = app.Shutdown() }()

	l := newLoad(app.URL, opts)
	rep := l.browse(ctx)
	fmt.Fprintf(w, "mode browse: %d users, %s, %d computers, PMP latency %s, think %s\n",
		opts.users, opts.duration, opts.computers, opts.latency, opts.think)
	l.rec.printTable(w, rep)
	return l.rec.printSummary(w, opts.users, rep)
}

// browse runs the flow and returns how long the users browsed, sign-in and sign-out
// included.
func (l *load) browse(ctx context.Context) time.Duration {
	start := time.Now()
	users := l.newUsers(l.opts.users)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var signedIn []*user
	halt, stop := l.halt(ctx)
	defer stop()
	for i, u := range users {
		u.halt = halt
		wg.Go(func() {
			u.stagger(i, len(users))
			if !u.signIn(ctx) {
				return
			}
			mu.Lock()
			signedIn = append(signedIn, u)
			mu.Unlock()
			for !u.halted() && l.rec.total() < l.opts.maxRequests {
				u.browseOnce(ctx)
			}
		})
	}
	wg.Wait()
	signOutAll(ctx, signedIn)
	return time.Since(start)
}

// browseOnce follows the browser test: the dashboard's "Vulnerable" figure, a search,
// the next page, and a reload of the URL that htmx pushed.
func (u *user) browseOnce(ctx context.Context) {
	res, ok := u.page(ctx, "dashboard", "/", false)
	if !ok || !u.expect(res, "dashboard", vulnerableLink) || !u.pause() {
		return
	}
	if _, ok := u.page(ctx, "table", "/systems?health=vulnerable", false); !ok || !u.pause() {
		return
	}
	res, ok = u.page(ctx, "table-htmx", "/systems?col=os&q=windows&health=vulnerable", true)
	if !ok || !u.expect(res, "table-htmx", `data-testid="table-region"`) {
		return
	}
	pushed := res.header.Get("HX-Push-Url")
	if next := nextHref(res.body); next != "" && u.pause() {
		if res, ok = u.page(ctx, "table-htmx", next, true); !ok {
			return
		}
		pushed = res.header.Get("HX-Push-Url")
	}
	if pushed == "" {
		u.rec.fail("table-htmx", "no HX-Push-Url header")
		return
	}
	if u.pause() {
		u.page(ctx, "table", pushed, false)
		u.pause()
	}
}

// expect records an error unless the body contains want.
func (u *user) expect(res *response, kind, want string) bool {
	if strings.Contains(res.body, want) {
		return true
	}
	u.rec.fail(kind, fmt.Sprintf("response without %s", want))
	return false
}
