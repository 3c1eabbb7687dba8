package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"patchdesk/web"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a server and its logger.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testApp is a portal started in demo mode for one test, with its output captured.
type testApp struct {
	*web.App
	stdout *syncBuffer
	logs   *syncBuffer
}

// demoConfig returns a demo configuration on a random loopback port.
func demoConfig() web.Config {
	cfg, err := web.ParseConfig([]string{"-demo", "-addr", "127.0.0.1:0", "-demo-computers",
		"300"}, func(string) string { return "" }, io.Discard)
	if err != nil {
		panic(err)
	}
	return cfg
}

// mustStart starts the portal with cfg and stops it when the test ends.
func mustStart(tb testing.TB, cfg web.Config) *testApp {
	tb.Helper()
	stdout, logs := &syncBuffer{}, &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	app, err := web.Start(cfg, log, stdout)
	if err != nil {
		tb.Fatalf("start portal: %v", err)
	}
	tb.Cleanup(func() {
		if err := app.Shutdown(); err != nil {
			tb.Errorf("shutdown: %v", err)
		}
	})
	return &testApp{App: app, stdout: stdout, logs: logs}
}

// newClient returns an HTTP client with a cookie jar that does not follow redirects, so
// tests can check each redirect.
func newClient(tb testing.TB) *http.Client {
	tb.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// response is a read response with its body.
type response struct {
	status int
	header http.Header
	body   string
}

func (r response) doc(tb testing.TB) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(r.body))
	if err != nil {
		tb.Fatalf("parse HTML: %v", err)
	}
	return doc
}

func mustDo(tb testing.TB, client *http.Client, req *http.Request) response {
	tb.Helper()
	res, err := client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", req.URL, err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(body)}
}

func mustGet(tb testing.TB, client *http.Client, rawURL string) response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return mustDo(tb, client, req)
}

func mustPostForm(tb testing.TB, client *http.Client, rawURL string, form url.Values) response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, rawURL, strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return mustDo(tb, client, req)
}

// mustSignIn signs in as a local user and fails the test unless the portal redirects to
// the dashboard.
func mustSignIn(tb testing.TB, app *testApp, user, password string) *http.Client {
	tb.Helper()
	client := newClient(tb)
	res := mustPostForm(tb, client, app.URL+"/login", url.Values{"username": {user},
		"password": {password}, "auth_type": {"local_authentication"}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
		tb.Fatalf("sign in as %s: status %d, location %q", user, res.status,
			res.header.Get("Location"))
	}
	return client
}

var otpLine = regexp.MustCompile(`one-time code for (\S+) is (\d+)`)

// lastOTP returns the last one-time code the simulator printed for user.
func (a *testApp) lastOTP(user string) string {
	code := ""
	for _, m := range otpLine.FindAllStringSubmatch(a.stdout.String(), -1) {
		if m[1] == user {
			code = m[2]
		}
	}
	return code
}
