package web_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

// recorder keeps the status line, headers and body of every response a client received.
type recorder struct {
	mu        sync.Mutex
	responses bytes.Buffer
	sessions  []string // session ids set by Set-Cookie
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if err != nil {
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(body))

	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(&r.responses, "%s %s\n%s %s\n", req.Method, req.URL, res.Proto, res.Status)
	for name, values := range res.Header {
		if name == "Set-Cookie" {
			r.noteSessions(res)
			continue
		}
		fmt.Fprintf(&r.responses, "%s: %s\n", name, strings.Join(values, ", "))
	}
	r.responses.Write(body)
	r.responses.WriteString("\n\n")
	return res, nil
}

func (r *recorder) noteSessions(res *http.Response) {
	for _, c := range res.Cookies() {
		if strings.HasSuffix(c.Name, "patchdesk_session") && c.Value != "" {
			r.sessions = append(r.sessions, c.Value)
		}
	}
}

func (r *recorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.responses.String()
}

// client returns a client with its own cookie jar that records through r and does not
// follow redirects.
func (r *recorder) client(tb testing.TB) *http.Client {
	tb.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &http.Client{Jar: jar, Transport: r, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// secretSet collects the PMP tokens and passwords of one test run.
type secretSet struct {
	tokens    []string
	passwords []string
}

// addToken adds the latest token the simulator issued to user.
func (s *secretSet) addToken(tb testing.TB, demo *pmptest.Server, user string) {
	tb.Helper()
	token := demo.Token(user)
	if token == "" {
		tb.Fatalf("the simulator issued no token to %s", user)
	}
	s.tokens = append(s.tokens, token)
}

// forms returns each secret as it could appear on the wire or in a log: raw, base64 with
// and without padding in both alphabets, and URL-encoded. Passwords equal to a username
// are searched in their encoded forms only, because the username is shown on purpose.
func (s *secretSet) forms(usernames []string) map[string]string {
	out := map[string]string{}
	for _, t := range s.tokens {
		out[t] = "PMP token"
		out[url.QueryEscape(t)] = "URL-encoded PMP token"
	}
	for _, p := range s.passwords {
		if !containsFold(usernames, p) {
			out[p] = "password " + p
		}
		std := base64.StdEncoding.EncodeToString([]byte(p))
		out[std] = "base64 of password " + p
		out[strings.TrimRight(std, "=")] = "unpadded base64 of password " + p
		out[base64.URLEncoding.EncodeToString([]byte(p))] = "URL-safe base64 of password " + p
		out[url.QueryEscape(std)] = "URL-encoded base64 of password " + p
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

const wrongPassword = "Wr0ng-Secret-Pass!"

func TestSecretsNeverLeak(t *testing.T) {
	for _, version := range []string{"1.4", "1.3"} {
		t.Run("API "+version, func(t *testing.T) {
			cfg := demoConfig()
			cfg.PMPVersion = version
			app := mustStart(t, cfg)
			rec := &recorder{}
			secrets := &secretSet{passwords: []string{"admin", "Winter2026!", "otpuser",
				wrongPassword}}

			walkSignedIn(t, app, rec, secrets)
			walkOtherUsers(t, app, rec, secrets)
			walkFaults(t, app, rec)

			responses, logs := rec.String(), app.logs.String()
			if !strings.Contains(logs, "level=DEBUG") || len(responses) < 10_000 {
				t.Fatalf("captured %d bytes of responses and no debug log; the walk failed",
					len(responses))
			}
			usernames := []string{"admin", "jdoe", "otpuser"}
			for secret, what := range secrets.forms(usernames) {
				if strings.Contains(responses, secret) {
					t.Errorf("a response contains the %s", what)
				}
				if strings.Contains(logs, secret) {
					t.Errorf("the log contains the %s", what)
				}
			}
			for _, id := range rec.sessions {
				if strings.Contains(responses, id) || strings.Contains(logs, id) {
					t.Errorf("a session id appears outside Set-Cookie")
				}
			}
		})
	}
}

// walkSignedIn signs in as admin after a wrong password, opens every page the dashboard
// links to, and signs in again after PMP expired the token.
func walkSignedIn(t *testing.T, app *testApp, rec *recorder, secrets *secretSet) {
	t.Helper()
	client := rec.client(t)
	mustGet(t, client, app.URL+"/login")
	mustPostForm(t, client, app.URL+"/login", localLogin("admin", wrongPassword))
	res := mustPostForm(t, client, app.URL+"/login", localLogin("admin", "admin"))
	if res.status != http.StatusSeeOther {
		t.Fatalf("sign in as admin: status %d", res.status)
	}
	secrets.addToken(t, app.Demo, "admin")

	pages := crawl(t, client, app.URL, "/", 60)
	if len(pages) < 20 {
		t.Fatalf("walked only %d pages", len(pages))
	}
	partial, _ := http.NewRequest(http.MethodGet, app.URL+"/systems?page=2", nil)
	partial.Header.Set("HX-Request", "true")
	mustDo(t, client, partial)
	mustGet(t, client, app.URL+"/search?q=win")
	mustGet(t, client, app.URL+"/export/policies")

	app.Demo.ExpireTokens()
	res = mustGet(t, client, app.URL+"/computers?page=2")
	mustGet(t, client, app.URL+res.header.Get("Location"))
	form := localLogin("admin", "admin")
	form.Set("next", "/computers?page=2")
	mustPostForm(t, client, app.URL+"/login", form)
	secrets.addToken(t, app.Demo, "admin")
	mustGet(t, client, app.URL+"/computers?page=2")
}

// walkOtherUsers signs in the Active Directory user and the two-factor user.
func walkOtherUsers(t *testing.T, app *testApp, rec *recorder, secrets *secretSet) {
	t.Helper()
	ad := rec.client(t)
	res := mustPostForm(t, ad, app.URL+"/login", url.Values{"username": {"jdoe"},
		"password": {"Winter2026!"}, "auth_type": {"ad_authentication"}, "domain": {"corp"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("sign in as jdoe: status %d", res.status)
	}
	secrets.addToken(t, app.Demo, "jdoe")
	mustGet(t, ad, app.URL+"/")

	otp := rec.client(t)
	mustPostForm(t, otp, app.URL+"/login", localLogin("otpuser", "otpuser"))
	mustGet(t, otp, app.URL+"/login/otp")
	mustPostForm(t, otp, app.URL+"/login/otp", url.Values{"otp": {"000000"}})
	res = mustPostForm(t, otp, app.URL+"/login/otp", url.Values{"otp": {app.lastOTP("otpuser")}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("one-time code: status %d", res.status)
	}
	secrets.addToken(t, app.Demo, "otpuser")
	mustGet(t, otp, app.URL+"/")
	mustPostForm(t, otp, app.URL+"/logout", nil)
}

// walkFaults opens pages and signs in while PMP fails in each way, then while it is down.
func walkFaults(t *testing.T, app *testApp, rec *recorder) {
	t.Helper()
	client := rec.client(t)
	mustPostForm(t, client, app.URL+"/login", localLogin("admin", "admin"))
	for _, fault := range []pmptest.Fault{pmptest.FaultHTTP500, pmptest.FaultUnknownError,
		pmptest.FaultHTML, pmptest.FaultTruncated} {
		app.Demo.SetFault("", fault)
		mustGet(t, client, app.URL+"/patches")
		mustGet(t, client, app.URL+"/")
		mustPostForm(t, rec.client(t), app.URL+"/login", url.Values{"username": {"jdoe"},
			"password": {"Winter2026!"}, "auth_type": {"ad_authentication"},
			"domain": {"corp"}})
	}
	app.Demo.ClearFaults()

	if err := app.Demo.Close(); err != nil {
		t.Fatal(err)
	}
	mustGet(t, client, app.URL+"/patches")
	res := mustPostForm(t, rec.client(t), app.URL+"/login", url.Values{"username": {"jdoe"},
		"password": {"Winter2026!"}, "auth_type": {"ad_authentication"}, "domain": {"corp"}})
	if res.status != http.StatusBadGateway {
		t.Errorf("sign-in while PMP is down: status %d, want 502", res.status)
	}
}
