package pmptest_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

// fixedNow is the estate clock of the tests, so responses are reproducible.
var fixedNow = time.Date(2025, 11, 20, 10, 0, 0, 0, time.UTC)

// startServer starts a simulator on loopback and closes it when the test ends.
func startServer(t testing.TB, opts pmptest.Options) *pmptest.Server {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = fixedNow
	}
	s, err := pmptest.Start(opts)
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// doc is a decoded JSON object; numbers stay json.Number.
type doc = map[string]any

// rawGet sends a GET with an optional token and returns status, headers and body.
func rawGet(t testing.TB, s *pmptest.Server, token, path string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL()+path, nil)
	if err != nil {
		t.Fatalf("build request %s: %v", path, err)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	return send(t, req)
}

func send(t testing.TB, req *http.Request) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body of %s: %v", req.URL.Path, err)
	}
	return resp.StatusCode, resp.Header, body
}

func decode(t testing.TB, body []byte) doc {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var d doc
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("decode %.200q: %v", body, err)
	}
	return d
}

// getJSON sends a GET and decodes the JSON body, failing unless the HTTP status is 200.
func getJSON(t testing.TB, s *pmptest.Server, token, path string) doc {
	t.Helper()
	status, _, body := rawGet(t, s, token, path)
	if status != http.StatusOK {
		t.Fatalf("GET %s: got HTTP %d, want 200: %.300s", path, status, body)
	}
	return decode(t, body)
}

// postJSON posts a JSON body and decodes the response.
func postJSON(t testing.TB, s *pmptest.Server, path string, body any) doc {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatalf("encode body: %v", err)
	}
	req, err := http.NewRequest(http.MethodPost, s.URL()+path, bytes.NewReader(b))
	if err != nil {
		t.Fatalf("build request %s: %v", path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	_, _, out := send(t, req)
	return decode(t, out)
}

// errorCode returns error_code of an error envelope, or "" for a success envelope.
func errorCode(t testing.TB, d doc) string {
	t.Helper()
	switch d["status"] {
	case "success":
		return ""
	case "error":
		code, ok := d["error_code"].(string)
		if !ok {
			t.Fatalf("error_code is %T, want string", d["error_code"])
		}
		return code
	}
	t.Fatalf("status is %v, want success or error", d["status"])
	return ""
}

// payload returns message_response, failing on an error envelope.
func payload(t testing.TB, d doc) doc {
	t.Helper()
	if code := errorCode(t, d); code != "" {
		t.Fatalf("got error %s (%v), want success", code, d["error_description"])
	}
	return d["message_response"].(doc)
}

func b64(password string) string {
	return base64.StdEncoding.EncodeToString([]byte(password))
}

// signIn logs in with the 1.4 JSON form and returns the token.
func signIn(t testing.TB, s *pmptest.Server, a pmptest.Account) string {
	t.Helper()
	body := map[string]string{"username": a.Username, "password": b64(a.Password),
		"auth_type": a.AuthType}
	if a.Domain != "" {
		body["domainName"] = a.Domain
	}
	d := postJSON(t, s, "/api/1.4/desktop/authentication", body)
	auth := payload(t, d)["authentication"].(doc)
	data, ok := auth["auth_data"].(doc)
	if !ok {
		t.Fatalf("sign-in of %s returned no auth_data: %v", a.Username, auth)
	}
	return data["auth_token"].(string)
}

// account returns the demo account with the user name.
func account(t testing.TB, s *pmptest.Server, user string) pmptest.Account {
	t.Helper()
	for _, a := range s.Accounts() {
		if a.Username == user {
			return a
		}
	}
	t.Fatalf("no demo account %q", user)
	return pmptest.Account{}
}

// adminToken signs in as admin.
func adminToken(t testing.TB, s *pmptest.Server) string {
	t.Helper()
	return signIn(t, s, account(t, s, "admin"))
}

// listPage fetches one page of a list endpoint and returns total and rows.
func listPage(t testing.TB, s *pmptest.Server, token, endpoint string, q url.Values) (int, []doc) {
	t.Helper()
	d := payload(t, getJSON(t, s, token, "/api/1.4/"+endpoint+"?"+q.Encode()))
	key := endpoint[strings.LastIndex(endpoint, "/")+1:]
	items, ok := d[key].([]any)
	if !ok {
		t.Fatalf("%s: list key %q missing in %v", endpoint, key, d)
	}
	rows := make([]doc, len(items))
	for i, it := range items {
		rows[i] = it.(doc)
	}
	return int(num(t, d["total"])), rows
}

// listAll pages through a list endpoint with pagelimit=1000 and returns every row.
func listAll(t testing.TB, s *pmptest.Server, token, endpoint string, q url.Values) []doc {
	t.Helper()
	q = cloneValues(q)
	q.Set("pagelimit", "1000")
	var all []doc
	for page := 1; ; page++ {
		q.Set("page", strconv.Itoa(page))
		total, rows := listPage(t, s, token, endpoint, q)
		all = append(all, rows...)
		if len(rows) == 0 || len(all) >= total {
			if len(all) != total {
				t.Fatalf("%s: collected %d rows, want total %d", endpoint, len(all), total)
			}
			return all
		}
	}
}

func cloneValues(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// num converts a JSON number to int64, failing on anything else.
func num(t testing.TB, v any) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("got %T (%v), want a JSON number", v, v)
	}
	i, err := n.Int64()
	if err != nil {
		t.Fatalf("number %v: %v", n, err)
	}
	return i
}

func str(t testing.TB, v any) string {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("got %T (%v), want a string", v, v)
	}
	return s
}

// values builds url.Values from key, value pairs.
func values(kv ...string) url.Values {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return q
}

// sumColumn adds up a numeric column over rows.
func sumColumn(t testing.TB, rows []doc, column string) int64 {
	t.Helper()
	var total int64
	for _, r := range rows {
		total += num(t, r[column])
	}
	return total
}

// countWhere counts rows whose column equals want.
func countWhere(t testing.TB, rows []doc, column string, want int64) int {
	t.Helper()
	n := 0
	for _, r := range rows {
		if num(t, r[column]) == want {
			n++
		}
	}
	return n
}

// getWithContext sends a GET bound to ctx and returns the error of the round trip or body.
func getWithContext(ctx context.Context, s *pmptest.Server, token, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+path, nil)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
