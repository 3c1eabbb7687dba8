package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// startLatencyDemo starts the portal in demo mode with latency added to every PMP call.
func startLatencyDemo(t *testing.T, latency time.Duration) *App {
	t.Helper()
	cfg, err := ParseConfig([]string{"-demo", "-addr", "127.0.0.1:0", "-demo-computers", "100",
		"-demo-latency", latency.String()}, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	app, err := Start(cfg, slog.New(slog.DiscardHandler), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// signedInClient signs in as the demo admin and returns the client with its cookie.
func signedInClient(t *testing.T, app *App) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	res, err := client.PostForm(app.URL+"/login", url.Values{"username": {"admin"},
		"password": {"admin"}, "auth_type": {"local_authentication"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if res.Request.URL.Path != "/" {
		t.Fatalf("sign in ended at %s, want /", res.Request.URL)
	}
	return client
}

// result is the outcome of a request that ran in the background.
type result struct {
	status int
	body   string
	err    error
}

func TestShutdownFinishesInFlightRequest(t *testing.T) {
	const latency = time.Second
	app := startLatencyDemo(t, latency)
	client := signedInClient(t, app)

	done := make(chan result, 1)
	before := len(app.Demo.Requests())
	go func() {
		res, err := client.Get(app.URL + "/server")
		if err != nil {
			done <- result{err: err}
			return
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		done <- result{status: res.StatusCode, body: string(body), err: err}
	}()

	// Wait until the request waits for the simulator, then shut down under it.
	deadline := time.Now().Add(5 * time.Second)
	for len(app.Demo.Requests()) == before {
		if time.Now().After(deadline) {
			t.Fatal("the request never reached the simulator")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := app.Shutdown(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}

	got := <-done
	if got.err != nil {
		t.Fatalf("in-flight request failed: %v", got.err)
	}
	if got.status != http.StatusOK {
		t.Errorf("in-flight request: status %d, want 200", got.status)
	}
	if !strings.Contains(got.body, "</html>") {
		t.Errorf("in-flight request got %d bytes without the end of the page", len(got.body))
	}
	if res, err := http.Get(app.URL + "/healthz"); err == nil {
		_ = res.Body.Close()
		t.Error("request after shutdown succeeded, want the connection refused")
	}
}

func TestServerTimeoutsSet(t *testing.T) {
	cfg, err := ParseConfig([]string{"-demo"}, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(cfg, nil, "http://127.0.0.1:1", slog.New(slog.DiscardHandler))
	defer s.Close()
	hs := s.httpServer("127.0.0.1:0")
	for name, got := range map[string]time.Duration{
		"ReadHeaderTimeout": hs.ReadHeaderTimeout, "ReadTimeout": hs.ReadTimeout,
		"WriteTimeout": hs.WriteTimeout, "IdleTimeout": hs.IdleTimeout,
	} {
		if got <= 0 {
			t.Errorf("%s %s, want a limit", name, got)
		}
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes %d, want a limit below 1 MiB", hs.MaxHeaderBytes)
	}
}
