package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestHealthz(t *testing.T) {
	app := mustStart(t, demoConfig())
	res := mustGet(t, newClient(t), app.URL+"/healthz")
	if res.status != http.StatusOK {
		t.Errorf("status %d, want 200", res.status)
	}
}

func TestSignInRequiredRedirectsWithNext(t *testing.T) {
	app := mustStart(t, demoConfig())
	res := mustGet(t, newClient(t), app.URL+"/systems?health=vulnerable&page=2")
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	want := "/login?next=%2Fsystems%3Fhealth%3Dvulnerable%26page%3D2"
	if got := res.header.Get("Location"); got != want {
		t.Errorf("location %q, want %q", got, want)
	}
}

func TestSignInOutcomes(t *testing.T) {
	app := mustStart(t, demoConfig())
	tests := []struct {
		name     string
		form     url.Values
		status   int
		location string
		message  string
	}{
		{"local admin", url.Values{"username": {"admin"}, "password": {"admin"},
			"auth_type": {"local_authentication"}}, http.StatusSeeOther, "/", ""},
		{"active directory user", url.Values{"username": {"jdoe"}, "password": {"Winter2026!"},
			"auth_type": {"ad_authentication"}, "domain": {"corp"}}, http.StatusSeeOther, "/", ""},
		{"wrong password", url.Values{"username": {"admin"}, "password": {"nope"},
			"auth_type": {"local_authentication"}}, http.StatusUnauthorized, "",
			"Wrong username or password"},
		{"missing domain", url.Values{"username": {"jdoe"}, "password": {"x"},
			"auth_type": {"ad_authentication"}}, http.StatusBadRequest, "",
			"Choose the Active Directory domain"},
		{"unknown auth type", url.Values{"username": {"admin"}, "password": {"admin"},
			"auth_type": {"kerberos"}}, http.StatusBadRequest, "", "Choose a local PMP account"},
		{"authenticator not set up", url.Values{"username": {"newtech"}, "password": {"newtech"},
			"auth_type": {"local_authentication"}}, http.StatusForbidden, "",
			"Finish the set-up in the PMP web console"},
		{"two-factor", url.Values{"username": {"otpuser"}, "password": {"otpuser"},
			"auth_type": {"local_authentication"}}, http.StatusSeeOther, "/login/otp", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustPostForm(t, newClient(t), app.URL+"/login", tt.form)
			if res.status != tt.status {
				t.Errorf("status %d, want %d", res.status, tt.status)
			}
			if got := res.header.Get("Location"); got != tt.location {
				t.Errorf("location %q, want %q", got, tt.location)
			}
			if tt.message == "" {
				return
			}
			got := res.doc(t).Find("[data-testid=login-error]").Text()
			if !strings.Contains(got, tt.message) {
				t.Errorf("error %q, want it to contain %q", got, tt.message)
			}
		})
	}
}

func TestSignInRenewsSessionID(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := newClient(t)
	mustGet(t, client, app.URL+"/login")
	u, _ := url.Parse(app.URL)
	before := sessionCookie(client, u)
	mustPostForm(t, client, app.URL+"/login", url.Values{"username": {"admin"},
		"password": {"admin"}, "auth_type": {"local_authentication"}})
	after := sessionCookie(client, u)
	if after == "" {
		t.Fatal("no session cookie after sign-in")
	}
	if after == before {
		t.Error("session id unchanged by sign-in")
	}
}

func sessionCookie(client *http.Client, u *url.URL) string {
	for _, c := range client.Jar.Cookies(u) {
		if strings.HasSuffix(c.Name, "patchdesk_session") {
			return c.Value
		}
	}
	return ""
}

func TestTwoFactorSignIn(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := newClient(t)
	res := mustPostForm(t, client, app.URL+"/login", url.Values{"username": {"otpuser"},
		"password": {"otpuser"}, "auth_type": {"local_authentication"},
		"next": {"/patches?severity=critical"}})
	if res.header.Get("Location") != "/login/otp" {
		t.Fatalf("location %q, want /login/otp", res.header.Get("Location"))
	}
	wrong := mustPostForm(t, client, app.URL+"/login/otp", url.Values{"otp": {"000000"}})
	if wrong.status != http.StatusUnauthorized {
		t.Errorf("wrong code: status %d, want 401", wrong.status)
	}
	code := app.lastOTP("otpuser")
	if code == "" {
		t.Fatalf("simulator printed no one-time code; output:\n%s", app.stdout.String())
	}
	res = mustPostForm(t, client, app.URL+"/login/otp", url.Values{"otp": {code}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303; body:\n%s", res.status, res.body)
	}
	if got := res.header.Get("Location"); got != "/patches?severity=critical" {
		t.Errorf("location %q, want the page asked for before sign-in", got)
	}
}

func TestNextRejectsOtherSites(t *testing.T) {
	app := mustStart(t, demoConfig())
	for _, next := range []string{"//evil.example", "https://evil.example/", "/\\evil.example",
		"/%2F%2Fevil.example", "/%5Cevil.example", "http:evil.example", "\\\\evil.example",
		"/%252F%252Fevil.example", "javascript:alert(1)", " //evil.example"} {
		t.Run(next, func(t *testing.T) {
			res := mustPostForm(t, newClient(t), app.URL+"/login", url.Values{
				"username": {"admin"}, "password": {"admin"},
				"auth_type": {"local_authentication"}, "next": {next}})
			if got := res.header.Get("Location"); got != "/" {
				t.Errorf("location %q, want /", got)
			}
		})
	}
}

func TestSignOutDestroysSession(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	u, _ := url.Parse(app.URL)
	oldCookie := sessionCookie(client, u)
	res := mustPostForm(t, client, app.URL+"/logout", nil)
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	// Replaying the old cookie must not reach the dashboard.
	replay := newClient(t)
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: "patchdesk_session", Value: oldCookie}})
	res = mustGet(t, replay, app.URL+"/")
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/login") {
		t.Errorf("old cookie after sign-out: status %d, location %q; want a redirect to sign-in",
			res.status, res.header.Get("Location"))
	}
}

func TestExpiredTokenReturnsToPage(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	app.Demo.ExpireTokens()
	res := mustGet(t, client, app.URL+"/computers?live=down&page=2")
	want := "/login?next=%2Fcomputers%3Flive%3Ddown%26page%3D2"
	if res.status != http.StatusSeeOther || res.header.Get("Location") != want {
		t.Fatalf("status %d, location %q; want 303 to %q", res.status,
			res.header.Get("Location"), want)
	}
	login := mustGet(t, client, app.URL+want)
	if msg := login.doc(t).Find("[data-testid=login-notice]").Text(); !strings.Contains(msg,
		"Sign in again") {
		t.Errorf("notice %q, want it to ask to sign in again", msg)
	}
	next := login.doc(t).Find("input[name=next]").AttrOr("value", "")
	res = mustPostForm(t, client, app.URL+"/login", url.Values{"username": {"admin"},
		"password": {"admin"}, "auth_type": {"local_authentication"}, "next": {next}})
	if got := res.header.Get("Location"); got != "/computers?live=down&page=2" {
		t.Errorf("after sign-in: location %q, want the page before expiry", got)
	}
}

func TestCrossOriginPostRejected(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/logout", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res := mustDo(t, client, req)
	if res.status != http.StatusForbidden {
		t.Errorf("status %d, want 403", res.status)
	}
	// The session must still work: the forged sign-out did nothing.
	if res := mustGet(t, client, app.URL+"/"); res.status != http.StatusOK {
		t.Errorf("dashboard after forged sign-out: status %d, want 200", res.status)
	}
}

func TestPMPUnreachableOnSignIn(t *testing.T) {
	cfg := demoConfig()
	cfg.Demo = false
	cfg.PMPURL = "http://127.0.0.1:1"
	app := mustStart(t, cfg)
	res := mustPostForm(t, newClient(t), app.URL+"/login", url.Values{"username": {"admin"},
		"password": {"admin"}, "auth_type": {"local_authentication"}})
	if res.status != http.StatusBadGateway {
		t.Errorf("status %d, want 502", res.status)
	}
	msg := res.doc(t).Find("[data-testid=login-error]").Text()
	if !strings.Contains(msg, "could not reach PMP") {
		t.Errorf("message %q, want it to say PMP is unreachable", msg)
	}
	if !strings.Contains(app.logs.String(), "Sign-in failed") {
		t.Error("no log line for the failed sign-in")
	}
}

func TestTooManyWrongCodesExplained(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := newClient(t)
	mustPostForm(t, client, app.URL+"/login", url.Values{"username": {"otpuser"},
		"password": {"otpuser"}, "auth_type": {"local_authentication"}})
	var res response
	for range 6 {
		res = mustPostForm(t, client, app.URL+"/login/otp", url.Values{"otp": {"000000"}})
		if res.status == http.StatusSeeOther {
			break
		}
	}
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/login" {
		t.Fatalf("status %d, location %q; want 303 to /login", res.status,
			res.header.Get("Location"))
	}
	notice := mustGet(t, client, app.URL+"/login").doc(t).Find("[data-testid=login-notice]").Text()
	if !strings.Contains(notice, "Sign in again") {
		t.Errorf("notice %q, want it to explain the new sign-in", notice)
	}
}
