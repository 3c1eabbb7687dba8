package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSessionsListsOwnSessionsOnly(t *testing.T) {
	app := mustStart(t, demoConfig())
	first := mustSignIn(t, app, "admin", "admin")
	mustSignIn(t, app, "admin", "admin")
	other := newClient(t)
	mustPostForm(t, other, app.URL+"/login", url.Values{"username": {"jdoe"},
		"password": {"Winter2026!"}, "auth_type": {"ad_authentication"}, "domain": {"corp"}})

	res := mustGet(t, first, app.URL+"/sessions")
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	if got := doc.Find("[data-testid=session]").Length(); got != 2 {
		t.Errorf("%d sessions listed, want the 2 of admin", got)
	}
	if got := doc.Find("[data-testid=current-session]").Length(); got != 1 {
		t.Errorf("%d sessions marked current, want 1", got)
	}
	u, _ := url.Parse(app.URL)
	for _, client := range []*http.Client{first, other} {
		if cookie := sessionCookie(client, u); strings.Contains(res.body, cookie) {
			t.Error("sessions page shows a session cookie value")
		}
	}
}

func TestSessionsEndOthersNeedsPassword(t *testing.T) {
	app := mustStart(t, demoConfig())
	keeper := mustSignIn(t, app, "admin", "admin")
	stolen := mustSignIn(t, app, "admin", "admin")

	wrong := mustPostForm(t, keeper, app.URL+"/sessions/end", url.Values{
		"session": {"others"}, "password": {"not-the-password"}})
	if wrong.status != http.StatusUnauthorized {
		t.Errorf("wrong password: status %d, want 401", wrong.status)
	}
	if msg := wrong.doc(t).Find("[data-testid=sessions-error]").Text(); !strings.Contains(msg,
		"did not accept that password") {
		t.Errorf("wrong password: message %q", msg)
	}
	if res := mustGet(t, stolen, app.URL+"/"); res.status != http.StatusOK {
		t.Fatalf("other session after a wrong password: status %d, want 200", res.status)
	}

	res := mustPostForm(t, keeper, app.URL+"/sessions/end", url.Values{
		"session": {"others"}, "password": {"admin"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	if res := mustGet(t, stolen, app.URL+"/"); res.status != http.StatusSeeOther {
		t.Errorf("ended session: status %d, want 303 to sign-in", res.status)
	}
	page := mustGet(t, keeper, app.URL+"/sessions")
	if page.status != http.StatusOK {
		t.Fatalf("own session after ending others: status %d, want 200", page.status)
	}
	if msg := page.doc(t).Find("[data-testid=sessions-notice]").Text(); msg != "Ended 1 session." {
		t.Errorf("notice %q, want %q", msg, "Ended 1 session.")
	}
}

func TestSessionsEndOneByReference(t *testing.T) {
	app := mustStart(t, demoConfig())
	keeper := mustSignIn(t, app, "admin", "admin")
	target := mustSignIn(t, app, "admin", "admin")
	bystander := mustSignIn(t, app, "admin", "admin")

	doc := mustGet(t, target, app.URL+"/sessions").doc(t)
	ref := doc.Find("[data-testid=current-session]").Closest("tr").AttrOr("data-ref", "")
	if ref == "" {
		t.Fatal("no reference for the current session")
	}
	res := mustPostForm(t, keeper, app.URL+"/sessions/end", url.Values{
		"session": {ref}, "password": {"admin"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	if res := mustGet(t, target, app.URL+"/"); res.status != http.StatusSeeOther {
		t.Errorf("ended session: status %d, want 303 to sign-in", res.status)
	}
	if res := mustGet(t, bystander, app.URL+"/"); res.status != http.StatusOK {
		t.Errorf("other session: status %d, want 200", res.status)
	}
}

func TestSessionsEndRejectsCrossOrigin(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/sessions/end",
		strings.NewReader(url.Values{"session": {"others"}, "password": {"admin"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := mustDo(t, client, req); res.status != http.StatusForbidden {
		t.Errorf("status %d, want 403", res.status)
	}
}

func TestSessionsEndIgnoresPasswordInURL(t *testing.T) {
	app := mustStart(t, demoConfig())
	keeper := mustSignIn(t, app, "admin", "admin")
	other := mustSignIn(t, app, "admin", "admin")
	req, _ := http.NewRequest(http.MethodPost,
		app.URL+"/sessions/end?session=others&password=admin", nil)
	if res := mustDo(t, keeper, req); res.status != http.StatusBadRequest {
		t.Errorf("status %d, want 400", res.status)
	}
	if res := mustGet(t, other, app.URL+"/"); res.status != http.StatusOK {
		t.Errorf("other session: status %d, want 200", res.status)
	}
}

func TestSessionsEndUnknownReference(t *testing.T) {
	app := mustStart(t, demoConfig())
	keeper := mustSignIn(t, app, "admin", "admin")
	mustSignIn(t, app, "admin", "admin")
	res := mustPostForm(t, keeper, app.URL+"/sessions/end", url.Values{
		"session": {"0123456789abcdef"}, "password": {"admin"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	doc := mustGet(t, keeper, app.URL+"/sessions").doc(t)
	if msg := doc.Find("[data-testid=sessions-notice]").Text(); !strings.Contains(msg,
		"No session was ended") {
		t.Errorf("notice %q, want it to say no session was ended", msg)
	}
	if got := doc.Find("[data-testid=session]").Length(); got != 2 {
		t.Errorf("%d sessions listed, want both still active", got)
	}
}
