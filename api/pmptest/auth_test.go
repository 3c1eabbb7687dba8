package pmptest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

var tokenPattern = regexp.MustCompile(
	`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

// loginForm sends the sign-in fields in one of the documented forms.
type loginForm func(t *testing.T, s *pmptest.Server, version string, fields url.Values) doc

func loginGET(t *testing.T, s *pmptest.Server, version string, fields url.Values) doc {
	t.Helper()
	return getJSON(t, s, "", "/api/"+version+"/desktop/authentication?"+fields.Encode())
}

func loginPostJSON(t *testing.T, s *pmptest.Server, version string, fields url.Values) doc {
	t.Helper()
	body := map[string]string{}
	for k := range fields {
		body[k] = fields.Get(k)
	}
	return postJSON(t, s, "/api/"+version+"/desktop/authentication", body)
}

func loginPostQuery(t *testing.T, s *pmptest.Server, version string, fields url.Values) doc {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost,
		s.URL()+"/api/"+version+"/desktop/authentication?"+fields.Encode(), nil)
	if err != nil {
		t.Fatalf("build request: %v", err)
	}
	_, _, body := send(t, req)
	return decode(t, body)
}

func loginFields(a pmptest.Account, password string) url.Values {
	q := values("username", a.Username, "password", b64(password), "auth_type", a.AuthType)
	if a.Domain != "" {
		q.Set("domainName", a.Domain)
	}
	return q
}

func TestLoginForms(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 50})
	forms := map[string]loginForm{
		"GET query": loginGET, "POST JSON": loginPostJSON, "POST query": loginPostQuery,
	}
	users := []string{"admin", "jdoe", "tricky", "mgarcia"}
	for name, form := range forms {
		for _, version := range []string{"1.3", "1.4"} {
			for _, user := range users {
				t.Run(name+"/"+version+"/"+user, func(t *testing.T) {
					a := account(t, s, user)
					d := form(t, s, version, loginFields(a, a.Password))
					checkSignedIn(t, s, d, a)
				})
			}
		}
	}
}

func checkSignedIn(t *testing.T, s *pmptest.Server, d doc, a pmptest.Account) {
	t.Helper()
	auth := payload(t, d)["authentication"].(doc)
	token := str(t, auth["auth_data"].(doc)["auth_token"])
	if !tokenPattern.MatchString(token) {
		t.Errorf("token %q does not look like an upper-case GUID", token)
	}
	if got := s.Token(a.Username); got != token {
		t.Errorf("Token(%s) = %q, want the issued token", a.Username, got)
	}
	user := auth["user_data"].(doc)
	if got := str(t, user["user_name"]); got != a.Username {
		t.Errorf("user_name = %q, want %q", got, a.Username)
	}
	if got := auth["two_factor_data"].(doc)["is_TwoFactor_Enabled"]; got != false {
		t.Errorf("is_TwoFactor_Enabled = %v, want false", got)
	}
	if d["message_type"] != "authentication" {
		t.Errorf("message_type = %v, want authentication", d["message_type"])
	}
}

func TestLoginTrickyPasswordsNeedBase64Specials(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	for _, user := range []string{"tricky", "mgarcia"} {
		encoded := b64(account(t, s, user).Password)
		for _, special := range []string{"+", "/", "="} {
			if !strings.Contains(encoded, special) {
				t.Errorf("base64 of %s's password %q lacks %q", user, encoded, special)
			}
		}
	}
}

func TestLoginDomainIgnoresCase(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	a := account(t, s, "jdoe")
	for _, domain := range []string{"corp", "CORP", "Corp"} {
		a.Domain = domain
		d := loginPostJSON(t, s, "1.4", loginFields(a, a.Password))
		if code := errorCode(t, d); code != "" {
			t.Errorf("domain %q: got error %s, want success", domain, code)
		}
	}
}

func TestLoginFailures(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	admin, jdoe := account(t, s, "admin"), account(t, s, "jdoe")
	wrongDomain := jdoe
	wrongDomain.Domain = "eng"
	asLocal := jdoe
	asLocal.AuthType, asLocal.Domain = "local_authentication", ""
	cases := []struct {
		name   string
		fields url.Values
		want   string
	}{
		{"wrong password", loginFields(admin, "nimda"), "10001"},
		{"unknown user", values("username", "ghost", "password", b64("x"),
			"auth_type", "local_authentication"), "10001"},
		{"wrong domain", loginFields(wrongDomain, jdoe.Password), "10001"},
		{"AD user as local", loginFields(asLocal, jdoe.Password), "10001"},
		{"password not base64", values("username", "admin", "password", "admin!",
			"auth_type", "local_authentication"), "10001"},
		{"password in clear", values("username", "admin", "password", "admin",
			"auth_type", "local_authentication"), "10001"},
		{"missing password", values("username", "admin",
			"auth_type", "local_authentication"), "10003"},
		{"missing auth_type", values("username", "admin", "password", b64("admin")), "10003"},
		{"invalid auth_type", values("username", "admin", "password", b64("admin"),
			"auth_type", "kerberos"), "10003"},
		{"AD without domain", values("username", "jdoe", "password", b64(jdoe.Password),
			"auth_type", "ad_authentication"), "10003"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := loginPostJSON(t, s, "1.4", tc.fields)
			if got := errorCode(t, d); got != tc.want {
				t.Errorf("got error_code %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLoginUnencodedQueryPasswordFails(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	a := account(t, s, "tricky")
	// A client that forgets to URL-encode the base64 value sends "+" raw, which a query
	// string decodes as a space.
	path := "/api/1.3/desktop/authentication?username=tricky&auth_type=local_authentication" +
		"&password=" + b64(a.Password)
	d := getJSON(t, s, "", path)
	if got := errorCode(t, d); got != "10001" {
		t.Errorf("got error_code %q, want 10001", got)
	}
}

func TestLoginLockout(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	a := account(t, s, "admin")
	for i := 1; i <= 4; i++ {
		d := loginPostJSON(t, s, "1.4", loginFields(a, "wrong"))
		if desc := str(t, d["error_description"]); strings.Contains(desc, "locked") {
			t.Fatalf("attempt %d: got %q, want no lock yet", i, desc)
		}
	}

	d := loginPostJSON(t, s, "1.4", loginFields(a, "wrong"))
	if got := errorCode(t, d); got != "10001" {
		t.Fatalf("fifth wrong password: got %q, want 10001", got)
	}
	if desc := str(t, d["error_description"]); !strings.HasPrefix(desc, "Account locked") {
		t.Errorf("fifth wrong password: description %q, want it to start with Account locked", desc)
	}

	d = loginPostJSON(t, s, "1.4", loginFields(a, a.Password))
	if desc, _ := d["error_description"].(string); !strings.HasPrefix(desc, "Account locked") {
		t.Errorf("right password while locked: got %v, want Account locked", d)
	}

	s.AdvanceClock(15*time.Minute + time.Second)
	d = loginPostJSON(t, s, "1.4", loginFields(a, a.Password))
	if got := errorCode(t, d); got != "" {
		t.Errorf("after 15 minutes: got error %q, want success", got)
	}
}

func TestLoginSuccessResetsFailureCount(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	a := account(t, s, "admin")
	for range 4 {
		loginPostJSON(t, s, "1.4", loginFields(a, "wrong"))
	}
	signIn(t, s, a)
	for i := range 4 {
		d := loginPostJSON(t, s, "1.4", loginFields(a, "wrong"))
		if desc := str(t, d["error_description"]); strings.Contains(desc, "locked") {
			t.Fatalf("attempt %d after a success: got %q, want no lock", i+1, desc)
		}
	}
}

func TestTokenRejected(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	cases := []struct {
		name, header string
	}{
		{"missing", ""},
		{"unknown", "00000000-0000-0000-0000-000000000000"},
		{"bearer prefix", "Bearer " + token},
		{"lower case", strings.ToLower(token)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := getJSON(t, s, tc.header, "/api/1.4/patch/summary")
			if got := errorCode(t, d); got != "10002" {
				t.Errorf("got error_code %q, want 10002", got)
			}
		})
	}
}

func TestExpireTokens(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	if got := errorCode(t, getJSON(t, s, token, "/api/1.3/som/summary")); got != "" {
		t.Fatalf("before expiry: got error %q, want success", got)
	}

	s.ExpireTokens()
	for _, path := range []string{"/api/1.3/som/summary", "/api/1.4/patch/allsystems"} {
		if got := errorCode(t, getJSON(t, s, token, path)); got != "10002" {
			t.Errorf("%s after ExpireTokens: got %q, want 10002", path, got)
		}
	}
	if got := s.Token("admin"); got != token {
		t.Errorf("Token after expiry = %q, want the expired token for log searches", got)
	}
	if got := errorCode(t, getJSON(t, s, adminToken(t, s), "/api/1.3/som/summary")); got != "" {
		t.Errorf("new token: got error %q, want success", got)
	}
}

func TestLoginBadJSONBody(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	req, err := http.NewRequest(http.MethodPost, s.URL()+"/api/1.4/desktop/authentication",
		bytes.NewReader([]byte(`{"username":`)))
	if err != nil {
		t.Fatalf("build request: %v", err)
	}
	_, _, body := send(t, req)
	if got := errorCode(t, decode(t, body)); got != "10003" {
		t.Errorf("got error_code %q, want 10003", got)
	}
}

func TestAccountsListDemoUsers(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	want := map[string]pmptest.Account{
		"admin": {Username: "admin", Password: "admin", AuthType: "local_authentication"},
		"jdoe": {Username: "jdoe", Password: "Winter2026!", AuthType: "ad_authentication",
			Domain: "corp"},
		"otpuser": {Username: "otpuser", Password: "otpuser", AuthType: "local_authentication"},
		"newtech": {Username: "newtech", Password: "newtech", AuthType: "local_authentication"},
	}
	for user, w := range want {
		got := account(t, s, user)
		got.Note = ""
		if got != w {
			t.Errorf("account %s = %+v, want %+v", user, got, w)
		}
	}
}

func TestLoginResponseIsJSONObject(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	req, err := http.NewRequest(http.MethodGet, s.URL()+"/api/1.3/desktop/authentication?"+
		loginFields(account(t, s, "admin"), "admin").Encode(), nil)
	if err != nil {
		t.Fatalf("build request: %v", err)
	}
	_, header, body := send(t, req)
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if !json.Valid(body) {
		t.Errorf("body is not valid JSON: %.200s", body)
	}
}
