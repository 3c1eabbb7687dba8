package web_test

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"patchdesk/web"
)

// localLogin returns the sign-in form of a local PMP account.
func localLogin(user, password string) url.Values {
	return url.Values{"username": {user}, "password": {password},
		"auth_type": {"local_authentication"}}
}

// mustPostFormWith posts form with extra request headers, such as Origin or
// X-Forwarded-For.
func mustPostFormWith(tb testing.TB, client *http.Client, rawURL string, form url.Values,
	headers map[string]string) response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, rawURL, strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return mustDo(tb, client, req)
}

// signInCalls counts the sign-in requests the simulator has received.
func signInCalls(app *testApp) int {
	n := 0
	for _, r := range app.Demo.Requests() {
		if strings.HasSuffix(r.Path, "/desktop/authentication") {
			n++
		}
	}
	return n
}

// responseCookie returns the cookie named name that the response sets, or nil.
func responseCookie(res response, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: res.header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestSessionCookieAttributes(t *testing.T) {
	tests := []struct {
		name     string
		secure   bool
		wantName string
	}{
		{"plain HTTP", false, "patchdesk_session"},
		{"behind TLS proxy", true, "__Host-patchdesk_session"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := demoConfig()
			cfg.SecureCookies = tt.secure
			app := mustStart(t, cfg)
			res := mustPostForm(t, newClient(t), app.URL+"/login", localLogin("admin", "admin"))
			cookie := responseCookie(res, tt.wantName)
			if cookie == nil {
				t.Fatalf("no %s cookie in %q", tt.wantName, res.header.Values("Set-Cookie"))
			}
			if !cookie.HttpOnly {
				t.Error("cookie lacks HttpOnly")
			}
			if cookie.SameSite != http.SameSiteLaxMode {
				t.Errorf("SameSite %v, want Lax", cookie.SameSite)
			}
			if cookie.Secure != tt.secure {
				t.Errorf("Secure %v, want %v", cookie.Secure, tt.secure)
			}
			if cookie.Path != "/" || cookie.Domain != "" {
				t.Errorf("path %q, domain %q; want / and none", cookie.Path, cookie.Domain)
			}
			if cookie.MaxAge != 0 || !cookie.Expires.IsZero() {
				t.Errorf("max-age %d, expires %v; want a cookie that ends with the browser "+
					"session", cookie.MaxAge, cookie.Expires)
			}
			raw, err := base64.RawURLEncoding.DecodeString(cookie.Value)
			if err != nil || len(raw)*8 < 128 {
				t.Errorf("session id %q carries %d random bits, want at least 128",
					cookie.Value, len(raw)*8)
			}
			hsts := res.header.Get("Strict-Transport-Security") != ""
			if hsts != tt.secure {
				t.Errorf("Strict-Transport-Security sent %v, want %v", hsts, tt.secure)
			}
		})
	}
}

func TestSessionIdleTimeout(t *testing.T) {
	cfg := demoConfig()
	cfg.SessionIdle = time.Second
	app := mustStart(t, cfg)
	client := mustSignIn(t, app, "admin", "admin")
	if res := mustGet(t, client, app.URL+"/server"); res.status != http.StatusOK {
		t.Fatalf("page right after sign-in: status %d, want 200", res.status)
	}
	time.Sleep(1600 * time.Millisecond)
	res := mustGet(t, client, app.URL+"/server")
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"),
		"/login") {
		t.Errorf("after idling: status %d, location %q; want a redirect to sign-in",
			res.status, res.header.Get("Location"))
	}
}

func TestSessionAbsoluteLifetime(t *testing.T) {
	cfg := demoConfig()
	cfg.SessionIdle = time.Second
	cfg.SessionLifetime = 2 * time.Second
	app := mustStart(t, cfg)
	client := mustSignIn(t, app, "admin", "admin")
	start := time.Now()

	// Requests every 200ms keep the session from idling out, so only the lifetime ends it.
	for time.Since(start) < 4*time.Second {
		res := mustGet(t, client, app.URL+"/server")
		if res.status == http.StatusSeeOther {
			elapsed := time.Since(start)
			if elapsed < 1200*time.Millisecond {
				t.Errorf("session ended after %s, before the idle timeout could", elapsed)
			}
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Error("active session still valid 4s after sign-in, want it ended after 2s")
}

func TestHalfSignedInSessionSeesNoPages(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := newClient(t)
	res := mustPostForm(t, client, app.URL+"/login", localLogin("otpuser", "otpuser"))
	if res.header.Get("Location") != "/login/otp" {
		t.Fatalf("location %q, want /login/otp", res.header.Get("Location"))
	}
	for _, path := range []string{"/", "/systems", "/server", "/export/systems"} {
		res := mustGet(t, client, app.URL+path)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"),
			"/login") {
			t.Errorf("%s before the one-time code: status %d, location %q; want sign-in",
				path, res.status, res.header.Get("Location"))
		}
	}
}

// limitConfig returns a demo configuration that trusts X-Forwarded-For from loopback, so
// one test can sign in from several client addresses.
func limitConfig(tb testing.TB) web.Config {
	tb.Helper()
	cfg, err := web.ParseConfig([]string{"-demo", "-addr", "127.0.0.1:0", "-demo-computers",
		"300", "-trusted-proxies", "127.0.0.1, ::1/128"}, func(string) string { return "" },
		io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

func TestSignInLimitPerAddress(t *testing.T) {
	app := mustStart(t, limitConfig(t))
	const attacker, desk = "192.0.2.66", "198.51.100.7"
	jdoe := url.Values{"username": {"jdoe"}, "password": {"guess"},
		"auth_type": {"ad_authentication"}, "domain": {"corp"}}
	from := func(addr string) map[string]string { return map[string]string{"X-Forwarded-For": addr} }

	for i := range 5 {
		res := mustPostFormWith(t, newClient(t), app.URL+"/login", jdoe, from(attacker))
		if res.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, res.status)
		}
	}
	before := signInCalls(app)
	res := mustPostFormWith(t, newClient(t), app.URL+"/login", jdoe, from(attacker))
	if res.status != http.StatusTooManyRequests {
		t.Fatalf("sixth failure: status %d, want 429", res.status)
	}
	if got := signInCalls(app) - before; got != 0 {
		t.Errorf("blocked sign-in made %d PMP calls, want 0", got)
	}
	if got := res.header.Get("Retry-After"); got != "300" {
		t.Errorf("Retry-After %q, want 300", got)
	}
	doc := res.doc(t)
	if msg := doc.Find("[data-testid=login-error]").Text(); !strings.Contains(msg,
		"Too many failed sign-ins") {
		t.Errorf("error %q, want it to name the failed sign-ins", msg)
	}
	if wait := doc.Find("[data-testid=retry-after]").Text(); !strings.Contains(wait,
		"Try again in 5 minutes") {
		t.Errorf("wait %q, want it to say 5 minutes", wait)
	}

	// PMP itself locked jdoe after five wrong passwords; its administrator unlocks it.
	app.Demo.AdvanceClock(16 * time.Minute)
	jdoe.Set("password", "Winter2026!")
	res = mustPostFormWith(t, newClient(t), app.URL+"/login", jdoe, from(desk))
	if res.status != http.StatusSeeOther {
		t.Errorf("jdoe at their own desk: status %d, want 303", res.status)
	}
	res = mustPostFormWith(t, newClient(t), app.URL+"/login", localLogin("admin", "admin"),
		from("203.0.113.5"))
	if res.status != http.StatusSeeOther {
		t.Errorf("other user at another address: status %d, want 303", res.status)
	}
}

func TestSignInLimitIgnoresForwardedForByDefault(t *testing.T) {
	app := mustStart(t, demoConfig())
	for i := range 5 {
		res := mustPostFormWith(t, newClient(t), app.URL+"/login",
			localLogin("intruder", "guess"), map[string]string{
				"X-Forwarded-For": fmt.Sprintf("192.0.2.%d", i+1)})
		if res.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i+1, res.status)
		}
	}
	res := mustPostFormWith(t, newClient(t), app.URL+"/login", localLogin("intruder", "guess"),
		map[string]string{"X-Forwarded-For": "192.0.2.99"})
	if res.status != http.StatusTooManyRequests {
		t.Errorf("sixth failure with a new forwarded address: status %d, want 429", res.status)
	}
}

func TestSignInLimitHoldsUnderParallelAttempts(t *testing.T) {
	app := mustStart(t, demoConfig())
	before := signInCalls(app)
	var wg sync.WaitGroup
	statuses := make([]int, 20)
	for i := range statuses {
		wg.Go(func() {
			res := mustPostForm(t, newClient(t), app.URL+"/login", localLogin("intruder", "guess"))
			statuses[i] = res.status
		})
	}
	wg.Wait()
	if got := signInCalls(app) - before; got > 5 {
		t.Errorf("%d sign-ins reached PMP, want at most 5", got)
	}
	if blocked := countOf(statuses, http.StatusTooManyRequests); blocked < 15 {
		t.Errorf("%d of 20 parallel attempts blocked, want at least 15; statuses %v", blocked,
			statuses)
	}
}

func countOf(values []int, want int) int {
	n := 0
	for _, v := range values {
		if v == want {
			n++
		}
	}
	return n
}

func TestNextRejectsEncodedVariants(t *testing.T) {
	app := mustStart(t, demoConfig())
	signedIn := mustSignIn(t, app, "admin", "admin")
	tests := []struct{ name, next, want string }{
		{"lower-case encoded slashes", "/%2f%2fevil.example", "/"},
		{"encoded backslashes", "/%5c%5cevil.example", "/"},
		{"slash and encoded slash", "/%2F/evil.example", "/"},
		{"triple-encoded slashes", "/%25252F%25252Fevil.example", "/"},
		{"encoded tab", "/%09/evil.example", "/"},
		{"raw tab", "/\t/evil.example", "/"},
		{"encoded line break", "/%0d%0aLocation:%20https://evil.example", "/"},
		{"encoded scheme", "%2F%2Fevil.example", "/"},
		{"backslash after slash", "/\\/evil.example", "/"},
		{"sign-in page", "/login?next=%2F%2Fevil.example", "/"},
		{"sign-out", "/logout", "/"},
		{"own page", "/systems?health=vulnerable", "/systems?health=vulnerable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := localLogin("admin", "admin")
			form.Set("next", tt.next)
			res := mustPostForm(t, newClient(t), app.URL+"/login", form)
			if got := res.header.Get("Location"); got != tt.want {
				t.Errorf("after sign-in: location %q, want %q", got, tt.want)
			}
			res = mustGet(t, signedIn, app.URL+"/login?"+url.Values{"next": {tt.next}}.Encode())
			if got := res.header.Get("Location"); got != tt.want {
				t.Errorf("signed in already: location %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCrossOriginFormPostsRejected(t *testing.T) {
	app := mustStart(t, demoConfig())
	crossSite := map[string]string{"Origin": "https://evil.example",
		"Sec-Fetch-Site": "cross-site"}
	tests := []struct {
		name    string
		path    string
		form    url.Values
		headers map[string]string
		want    int
	}{
		{"sign-in from another site", "/login", localLogin("admin", "admin"), crossSite,
			http.StatusForbidden},
		{"sign-in with only a foreign Origin", "/login", localLogin("admin", "admin"),
			map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"one-time code from another site", "/login/otp", url.Values{"otp": {"123456"}},
			crossSite, http.StatusForbidden},
		{"same-origin sign-in", "/login", localLogin("admin", "admin"),
			map[string]string{"Origin": app.URL, "Sec-Fetch-Site": "same-origin"},
			http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := newClient(t)
			mustPostForm(t, client, app.URL+"/login", localLogin("otpuser", "otpuser"))
			before := len(app.Demo.Requests())
			res := mustPostFormWith(t, client, app.URL+tt.path, tt.form, tt.headers)
			if res.status != tt.want {
				t.Errorf("status %d, want %d", res.status, tt.want)
			}
			calls := len(app.Demo.Requests()) - before
			if tt.want == http.StatusForbidden && calls != 0 {
				t.Errorf("rejected request made %d PMP calls, want 0", calls)
			}
		})
	}
}

func TestCredentialsInURLIgnored(t *testing.T) {
	app := mustStart(t, demoConfig())
	before := signInCalls(app)
	query := localLogin("admin", "admin").Encode()
	res := mustPostForm(t, newClient(t), app.URL+"/login?"+query, url.Values{})
	if res.status != http.StatusBadRequest {
		t.Errorf("status %d, want 400", res.status)
	}
	if got := signInCalls(app) - before; got != 0 {
		t.Errorf("%d sign-ins reached PMP, want 0", got)
	}
}

func TestLoginBodyLimit(t *testing.T) {
	app := mustStart(t, demoConfig())
	body := localLogin("admin", "admin").Encode() + "&pad=" + strings.Repeat("a", 1<<20)
	tests := []struct {
		name   string
		reader func() io.Reader
	}{
		{"declared length", func() io.Reader { return strings.NewReader(body) }},
		// A reader of unknown length makes the client send the body in chunks.
		{"chunked", func() io.Reader { return io.MultiReader(strings.NewReader(body)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, app.URL+"/login", tt.reader())
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res := mustDo(t, newClient(t), req)
			if res.status != http.StatusRequestEntityTooLarge {
				t.Errorf("status %d, want 413", res.status)
			}
		})
	}
}

func TestUnusedMethodsRejected(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	for _, tt := range []struct{ method, path string }{
		{http.MethodOptions, "/"}, {http.MethodOptions, "/login"}, {http.MethodPut, "/login"},
		{http.MethodDelete, "/logout"}, {"TRACE", "/systems"}, {http.MethodPatch, "/server"},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, app.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			logged := strings.Count(app.logs.String(), "status=405")
			res := mustDo(t, client, req)
			if res.status != http.StatusMethodNotAllowed {
				t.Errorf("status %d, want 405", res.status)
			}
			if got := res.header.Get("Access-Control-Allow-Methods"); got != "" {
				t.Errorf("Access-Control-Allow-Methods %q, want none", got)
			}
			if strings.Count(app.logs.String(), "status=405") <= logged {
				t.Error("no log line for the rejected method")
			}
		})
	}
}

func TestNoDirectoryListingOrMetadata(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	for _, path := range []string{"/static/", "/static/app.css", "/static/htmx/",
		"/.git/config", "/.DS_Store", "/static/.git/HEAD", "/debug/pprof/", "/.env",
		"/static/../go.mod"} {
		t.Run(path, func(t *testing.T) {
			res := mustGet(t, client, app.URL+path)
			if res.status == http.StatusMovedPermanently {
				// A trailing slash is dropped by redirect; the target must not exist.
				location := res.header.Get("Location")
				if strings.HasSuffix(location, "/") {
					t.Fatalf("redirect to %q keeps the trailing slash", location)
				}
				res = mustGet(t, client, app.URL+location)
			}
			if res.status != http.StatusNotFound {
				t.Errorf("status %d, want 404", res.status)
			}
		})
	}
}

func TestRouteParametersValidated(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	for _, path := range []string{"/computers/%20", "/computers/1%2F2", "/computers/%EF%BC%91",
		"/computers/1;2", "/patches/0x10", "/patches/1e3", "/patches/-0", "/patches/%00",
		"/export/..%2Fsystems", "/export/systems%00", "/export/SYSTEMS"} {
		t.Run(path, func(t *testing.T) {
			before := len(app.Demo.Requests())
			res := mustGet(t, client, app.URL+path)
			if res.status != http.StatusBadRequest && res.status != http.StatusNotFound {
				t.Errorf("status %d, want 400 or 404", res.status)
			}
			if calls := len(app.Demo.Requests()) - before; calls != 0 {
				t.Errorf("%d PMP calls for an invalid id, want 0", calls)
			}
		})
	}
}

// publicRoutes are the routes that need no session.
var publicRoutes = []string{"GET /healthz", "GET /favicon.ico", "GET /login", "POST /login",
	"GET /login/otp", "POST /login/otp", "POST /logout"}

var routeLine = regexp.MustCompile(`\.(GET|POST|PUT|DELETE|PATCH)\("([^"]+)"`)

// routeTable reads the routes with literal paths from routes.go, so that a new route
// cannot escape the sign-in check below.
func routeTable(tb testing.TB) []string {
	tb.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		tb.Fatal(err)
	}
	var routes []string
	for _, m := range routeLine.FindAllStringSubmatch(string(src), -1) {
		routes = append(routes, m[1]+" "+m[2])
	}
	if len(routes) < 10 {
		tb.Fatalf("found only %d routes in routes.go: %v", len(routes), routes)
	}
	return routes
}

// routeSamples fills the parameters of a route pattern with valid values.
var routeSamples = strings.NewReplacer(":id", "12", ":table", "systems")

func TestRoutesRequireSignIn(t *testing.T) {
	app := mustStart(t, demoConfig())
	for _, route := range routeTable(t) {
		if slices.Contains(publicRoutes, route) {
			continue
		}
		method, pattern, _ := strings.Cut(route, " ")
		path := routeSamples.Replace(pattern)
		if strings.Contains(path, ":") {
			t.Errorf("route %s: no sample value for its parameter", route)
			continue
		}
		t.Run(route, func(t *testing.T) {
			before := len(app.Demo.Requests())
			req, _ := http.NewRequest(method, app.URL+path, nil)
			res := mustDo(t, newClient(t), req)
			want := "/login?" + url.Values{"next": {path}}.Encode()
			if path == "/" {
				want = "/login"
			}
			if res.status != http.StatusSeeOther || res.header.Get("Location") != want {
				t.Errorf("status %d, location %q; want 303 to %q", res.status,
					res.header.Get("Location"), want)
			}
			req, _ = http.NewRequest(method, app.URL+path, nil)
			req.Header.Set("HX-Request", "true")
			res = mustDo(t, newClient(t), req)
			if res.header.Get("HX-Redirect") != want {
				t.Errorf("htmx request: HX-Redirect %q, want %q", res.header.Get("HX-Redirect"),
					want)
			}
			if calls := len(app.Demo.Requests()) - before; calls != 0 {
				t.Errorf("%d PMP calls without a session, want 0", calls)
			}
		})
	}
}

// checkedResponse is one response of the header survey.
type checkedResponse struct {
	name string
	res  response
}

// crawl follows the links of the portal from start, breadth first, up to limit pages,
// and returns every response including the stylesheet and scripts the pages load.
func crawl(tb testing.TB, client *http.Client, base, start string, limit int) []checkedResponse {
	tb.Helper()
	seen := map[string]bool{start: true}
	queue := []string{start}
	var out []checkedResponse
	for len(queue) > 0 && len(out) < limit {
		path := queue[0]
		queue = queue[1:]
		res := mustGet(tb, client, base+path)
		out = append(out, checkedResponse{"GET " + path, res})
		if !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") {
			continue
		}
		res.doc(tb).Find("a[href], link[href], script[src]").Each(func(_ int, s *goquery.Selection) {
			link := s.AttrOr("href", s.AttrOr("src", ""))
			if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") || seen[link] ||
				strings.HasPrefix(link, "/logout") {
				return
			}
			seen[link] = true
			queue = append(queue, link)
		})
	}
	return out
}

// errorResponses requests the portal's error pages, partials and rejections.
func errorResponses(tb testing.TB, app *testApp, client *http.Client) []checkedResponse {
	tb.Helper()
	get := func(path string, headers map[string]string) response {
		req, _ := http.NewRequest(http.MethodGet, app.URL+path, nil)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		return mustDo(tb, client, req)
	}
	htmx := map[string]string{"HX-Request": "true", "HX-Target": "systems-region"}
	put, _ := http.NewRequest(http.MethodPut, app.URL+"/login", nil)
	huge := url.Values{"pad": {strings.Repeat("a", 1<<20)}}
	return []checkedResponse{
		{"not found", get("/no-such-page", nil)},
		{"invalid parameter", get("/systems?page=0", nil)},
		{"invalid id", get("/computers/abc", nil)},
		{"htmx partial", get("/systems?page=2", htmx)},
		{"htmx invalid parameter", get("/systems?size=7", htmx)},
		{"method not allowed", mustDo(tb, client, put)},
		{"cross-origin post", mustPostFormWith(tb, client, app.URL+"/logout", nil,
			map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})},
		{"body too large", mustPostForm(tb, client, app.URL+"/login", huge)},
		{"CSV export", get("/export/policies", nil)},
		{"GET /search", get("/search?q=win", nil)},
		{"health check", get("/healthz", nil)},
		{"favicon", get("/favicon.ico", nil)},
		{"signed-out redirect", mustGet(tb, newClient(tb), app.URL+"/systems")},
		{"signed-out sign-in page", mustGet(tb, newClient(tb), app.URL+"/login")},
		{"signed-out missing page", mustGet(tb, newClient(tb), app.URL+"/nope")},
	}
}

var allowedReferrerPolicies = []string{"no-referrer", "same-origin", "strict-origin",
	"strict-origin-when-cross-origin"}

// checkSecurityHeaders reports every missing or unsafe security header of one response.
func checkSecurityHeaders(t *testing.T, r checkedResponse, https bool) {
	t.Helper()
	h := r.res.header
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'",
		"frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %q", r.name, csp, want)
		}
	}
	for _, unsafe := range []string{"unsafe-inline", "unsafe-eval", "*", "data:"} {
		if strings.Contains(csp, unsafe) {
			t.Errorf("%s: CSP %q allows %s", r.name, csp, unsafe)
		}
	}

	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q, want nosniff", r.name, got)
	}
	if got := h.Get("Referrer-Policy"); !slices.Contains(allowedReferrerPolicies, got) {
		t.Errorf("%s: Referrer-Policy %q, want one of %v", r.name, got, allowedReferrerPolicies)
	}
	if got := h.Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("%s: X-Frame-Options %q, want DENY", r.name, got)
	}

	checkCacheControl(t, r)
	checkContentType(t, r)
	for _, leak := range []string{"Server", "X-Powered-By", "Access-Control-Allow-Origin"} {
		if got := h.Get(leak); got != "" {
			t.Errorf("%s: %s %q, want none", r.name, leak, got)
		}
	}
	if hsts := h.Get("Strict-Transport-Security"); (hsts != "") != https {
		t.Errorf("%s: Strict-Transport-Security %q, want it set: %v", r.name, hsts, https)
	}
}

// checkCacheControl wants no-store on everything but the content-hashed static files.
func checkCacheControl(t *testing.T, r checkedResponse) {
	t.Helper()
	got := r.res.header.Get("Cache-Control")
	if strings.Contains(r.name, "/static/") && r.res.status == http.StatusOK {
		if !strings.Contains(got, "immutable") || !strings.Contains(got, "max-age=31536000") {
			t.Errorf("%s: Cache-Control %q, want a year and immutable", r.name, got)
		}
		return
	}
	if got != "no-store" {
		t.Errorf("%s: Cache-Control %q, want no-store", r.name, got)
	}
}

// checkContentType wants a Content-Type on every body, with a character set for text.
func checkContentType(t *testing.T, r checkedResponse) {
	t.Helper()
	if r.res.body == "" {
		return
	}
	got := strings.ToLower(r.res.header.Get("Content-Type"))
	if got == "" {
		t.Errorf("%s: body of %d bytes without Content-Type", r.name, len(r.res.body))
	}
	if strings.HasPrefix(got, "text/") && !strings.Contains(got, "charset=utf-8") {
		t.Errorf("%s: Content-Type %q lacks charset=utf-8", r.name, got)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	for _, https := range []bool{false, true} {
		t.Run(fmt.Sprintf("https=%v", https), func(t *testing.T) {
			cfg := demoConfig()
			cfg.SecureCookies = https
			app := mustStart(t, cfg)
			client := newClient(t)
			if https {
				// The cookie jar keeps Secure cookies for https URLs only, so send the
				// sign-in cookie by hand.
				res := mustPostForm(t, client, app.URL+"/login", localLogin("admin", "admin"))
				cookie := responseCookie(res, "__Host-patchdesk_session")
				if cookie == nil {
					t.Fatal("no session cookie")
				}
				client.Transport = cookieTransport{cookie: cookie}
			} else {
				client = mustSignIn(t, app, "admin", "admin")
			}
			responses := crawl(t, client, app.URL, "/", 80)
			responses = append(responses, crawl(t, newClient(t), app.URL, "/login", 10)...)
			responses = append(responses, errorResponses(t, app, client)...)
			checkCoverage(t, responses)
			for _, r := range responses {
				checkSecurityHeaders(t, r, https)
			}
		})
	}
}

// checkCoverage fails unless the survey reached each kind of page.
func checkCoverage(t *testing.T, responses []checkedResponse) {
	t.Helper()
	names := make([]string, len(responses))
	statuses := map[int]bool{}
	for i, r := range responses {
		names[i] = r.name
		statuses[r.res.status] = true
	}
	joined := strings.Join(names, "\n")
	for _, want := range []string{"GET /computers/", "GET /patches/", "GET /static/",
		"GET /systems", "GET /server", "GET /search"} {
		if !strings.Contains(joined, want) {
			t.Errorf("survey reached no %s page", want)
		}
	}
	for _, status := range []int{200, 204, 303, 400, 403, 404, 405, 413} {
		if !statuses[status] {
			t.Errorf("survey saw no %d response", status)
		}
	}
}

// cookieTransport sends one cookie with every request, over plain HTTP.
type cookieTransport struct{ cookie *http.Cookie }

func (c cookieTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.AddCookie(c.cookie)
	return http.DefaultTransport.RoundTrip(req)
}
