package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// requestTimeout bounds one request, so a hung portal cannot stall a run.
const requestTimeout = 30 * time.Second

// user is one simulated browser: its own cookie jar and asset cache.
type user struct {
	base   string
	client *http.Client
	rec    *recorder
	think  time.Duration
	rng    *rand.Rand
	assets map[string]bool // immutable assets already downloaded
	halt   <-chan struct{} // closed when the run ends: no new steps, no pauses

	// signInSlots bounds the sign-ins in flight across all users. The portal counts a
	// sign-in against its per-address limits until PMP responds, and every simulated user
	// comes from 127.0.0.1, so an unbounded burst would be rate limited as a guessing
	// attack would be.
	signInSlots chan struct{}
}

// response is a read response.
type response struct {
	status     int
	header     http.Header
	body       string
	compressed bool
}

func newUser(base string, transport http.RoundTripper, rec *recorder, think time.Duration,
	seed uint64) *user {
	jar, _ := cookiejar.New(nil) // cookiejar.New returns no error without options
	client := &http.Client{Jar: jar, Transport: transport, Timeout: requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}
	return &user{base: base, client: client, rec: rec, think: think,
		// Think times and page picks need to vary, not to be secret.
		rng:    rand.New(rand.NewPCG(seed, 1)), //nolint:gosec // G404: not security-relevant
		assets: map[string]bool{}}
}

// do sends one request, reads the whole body and records its time under kind.
func (u *user) do(kind string, req *http.Request) (*response, error) {
	start := time.Now()
	res, err := u.client.Do(req) //nolint:gosec // G704: the portal this program started
	if err != nil {
		// A request cut off because the run ended is not a failure of the portal.
		if req.Context().Err() == nil {
			u.rec.fail(kind, err.Error())
		}
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	wall := time.Since(start)
	if err != nil {
		if req.Context().Err() == nil {
			u.rec.fail(kind, "read body: "+err.Error())
		}
		return nil, err
	}
	u.rec.add(kind, wall, res.Header.Get("Server-Timing"))
	return &response{status: res.StatusCode, header: res.Header, body: string(body),
		compressed: res.Uncompressed}, nil
}

func (u *user) newRequest(ctx context.Context, method, path string,
	body io.Reader) *http.Request {
	//nolint:gosec // G704: base is the loopback URL of the portal this program started.
	req, err := http.NewRequestWithContext(ctx, method, u.base+path, body)
	if err != nil {
		panic("loadtest: invalid request path " + path) // paths are built by this program
	}
	return req
}

// page loads a page and checks that it came back with 200, not a redirect to sign-in.
// With htmx set it requests the partial update, as htmx does.
func (u *user) page(ctx context.Context, kind, path string, htmx bool) (*response, bool) {
	req := u.newRequest(ctx, http.MethodGet, path, nil)
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	res, err := u.do(kind, req)
	if err != nil {
		return nil, false
	}
	switch {
	case res.status == http.StatusOK:
		u.rec.checkHTML(res)
		if !htmx {
			u.loadAssets(ctx, res.body)
		}
		return res, true
	case isSignInRedirect(res):
		u.rec.loseSession(kind, path)
	default:
		u.rec.fail(kind, fmt.Sprintf("GET %s: status %d", pathOnly(path), res.status))
	}
	return nil, false
}

// isSignInRedirect reports a response that sends the browser to the sign-in page.
func isSignInRedirect(res *response) bool {
	target := res.header.Get("Location")
	if hx := res.header.Get("HX-Redirect"); hx != "" {
		target = hx
	}
	return strings.HasPrefix(target, "/login")
}

var assetURL = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// loadAssets downloads the stylesheet and scripts of a page that are not cached yet, and
// caches those that the portal marks immutable, as a browser does.
func (u *user) loadAssets(ctx context.Context, body string) {
	// Pages link their assets in the head; scanning only it keeps the load generator's
	// own CPU use, which competes with the portal, small.
	head, _, _ := strings.Cut(body, "</head>")
	for _, m := range assetURL.FindAllStringSubmatch(head, -1) {
		path := html.UnescapeString(m[1])
		if u.assets[path] {
			continue
		}
		res, err := u.do("asset", u.newRequest(ctx, http.MethodGet, path, nil))
		if err != nil {
			continue
		}
		u.rec.fetchAsset(res)
		if res.status == http.StatusOK && isImmutable(res.header.Get("Cache-Control")) {
			u.assets[path] = true
		}
	}
}

func isImmutable(cacheControl string) bool {
	return strings.Contains(cacheControl, "immutable") &&
		strings.Contains(cacheControl, "max-age=31536000")
}

// signIn signs in as the demo administrator and loads the dashboard it redirects to.
func (u *user) signIn(ctx context.Context) bool {
	if _, ok := u.signInPage(ctx); !ok {
		return false
	}
	if u.signInSlots != nil {
		u.signInSlots <- struct{}{}
		defer func() { <-u.signInSlots }()
	}
	form := url.Values{"username": {"admin"}, "password": {"admin"},
		"auth_type": {"local_authentication"}}
	req := u.newRequest(ctx, http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := u.do("sign-in", req)
	if err != nil {
		return false
	}
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
		u.rec.fail("sign-in", fmt.Sprintf("POST /login: status %d, location %q", res.status,
			res.header.Get("Location")))
		return false
	}
	_, ok := u.page(ctx, "dashboard", "/", false)
	return ok
}

// signInPage loads the sign-in form like a browser on its first visit.
func (u *user) signInPage(ctx context.Context) (*response, bool) {
	res, err := u.do("sign-in-page", u.newRequest(ctx, http.MethodGet, "/login", nil))
	if err != nil {
		return nil, false
	}
	if res.status != http.StatusOK || !strings.Contains(res.body, `data-testid="login-form"`) {
		u.rec.fail("sign-in-page", fmt.Sprintf("GET /login: status %d without the form",
			res.status))
		return nil, false
	}
	u.rec.checkHTML(res)
	u.loadAssets(ctx, res.body)
	return res, true
}

// signOut signs out and checks that the dashboard then redirects to sign-in.
func (u *user) signOut(ctx context.Context) {
	res, err := u.do("sign-out", u.newRequest(ctx, http.MethodPost, "/logout", nil))
	if err != nil {
		return
	}
	if res.status != http.StatusSeeOther {
		u.rec.fail("sign-out", fmt.Sprintf("POST /logout: status %d", res.status))
		return
	}
	res, err = u.do("signed-out", u.newRequest(ctx, http.MethodGet, "/", nil))
	if err == nil && !isSignInRedirect(res) {
		u.rec.fail("signed-out", fmt.Sprintf("GET / after sign-out: status %d, want a "+
			"redirect to sign-in", res.status))
	}
}

// pause waits for a random think time around the mean and reports whether the user may
// go on. In-flight requests finish after the run ends, so the portal gets no canceled
// requests, but no new step starts.
func (u *user) pause() bool {
	if u.think > 0 {
		u.sleep(time.Duration(float64(u.think) * (0.5 + u.rng.Float64())))
	}
	return !u.halted()
}

func (u *user) sleep(d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-u.halt:
	case <-timer.C:
	}
}

func (u *user) halted() bool {
	select {
	case <-u.halt:
		return true
	default:
		return false
	}
}

// nextHref returns the target of a table region's "Next" link, or "" when the link is
// missing or disabled.
func nextHref(body string) string {
	end := strings.Index(body, `data-testid="page-next"`)
	if end < 0 {
		return ""
	}
	tag := body[strings.LastIndex(body[:end], "<")+1 : end]
	if !strings.HasPrefix(tag, "a ") {
		return ""
	}
	return html.UnescapeString(attribute(tag, "href"))
}

// tableTotal returns the row count of a table page.
func tableTotal(body string) int {
	n, _ := strconv.Atoi(attribute(body, "data-total"))
	return n
}

// attribute returns the value of the first name="value" in s.
func attribute(s, name string) string {
	_, rest, ok := strings.Cut(s, " "+name+`="`)
	if !ok {
		return ""
	}
	value, _, _ := strings.Cut(rest, `"`)
	return value
}

func pathOnly(path string) string {
	p, _, _ := strings.Cut(path, "?")
	return p
}
