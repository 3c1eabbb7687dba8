package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/alexedwards/scs/v2"

	"patchdesk/api"
	"patchdesk/api/pmptest"
)

// benchSessions is the number of sessions of the session store benchmarks.
const benchSessions = 10_000

// signedInValues signs in through a portal backed by the simulator, loads a table so that
// the session also caches PMP's filter lists, and returns the session's values as the
// handlers stored them.
func signedInValues(b *testing.B) (Config, map[string]any) {
	b.Helper()
	sim, err := pmptest.Start(pmptest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = sim.Close() })
	cfg, err := ParseConfig([]string{"-pmp-url", sim.URL()}, func(string) string { return "" },
		io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	client, err := api.New(sim.URL())
	if err != nil {
		b.Fatal(err)
	}
	s := NewServer(cfg, client, sim.URL(), slog.New(slog.DiscardHandler))

	cookie := serveSignIn(b, s)
	req := httptest.NewRequest(http.MethodGet, "/systems", nil)
	req.Header.Set("Cookie", cookie)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET /systems: status %d", rec.Code)
	}

	token := strings.TrimPrefix(cookie, s.sessions.Cookie.Name+"=")
	blob, found, err := s.sessions.Store.Find(token)
	if err != nil || !found {
		b.Fatalf("session not in the store: %v", err)
	}
	_, values, err := s.sessions.Codec.Decode(blob)
	if err != nil {
		b.Fatal(err)
	}
	return cfg, values
}

// serveSignIn signs in as the demo administrator and returns the session cookie.
func serveSignIn(b *testing.B, s *Server) string {
	b.Helper()
	form := url.Values{"username": {"admin"}, "password": {"admin"},
		"auth_type": {"local_authentication"}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("sign in: status %d", rec.Code)
	}
	for _, c := range rec.Result().Cookies() {
		if c.Name == s.sessions.Cookie.Name {
			return c.Name + "=" + c.Value
		}
	}
	b.Fatal("sign in set no session cookie")
	return ""
}

// commitSession stores a new session with values and returns its token.
func commitSession(b *testing.B, sm *scs.SessionManager, values map[string]any) string {
	ctx, err := sm.Load(context.Background(), "")
	if err != nil {
		b.Fatal(err)
	}
	for k, v := range values {
		sm.Put(ctx, k, v)
	}
	token, _, err := sm.Commit(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return token
}

// BenchmarkSessionStore measures the in-memory session store with the values of a
// signed-in user who has opened a table: storing a new session, loading one of 10,000
// stored sessions, and the heap that 10,000 sessions take.
func BenchmarkSessionStore(b *testing.B) {
	cfg, values := signedInValues(b)
	b.Run("put-commit", func(b *testing.B) {
		sm := newSessions(cfg)
		b.ReportAllocs()
		for b.Loop() {
			commitSession(b, sm, values)
		}
	})
	b.Run(fmt.Sprintf("load-of-%d", benchSessions), func(b *testing.B) {
		sm := newSessions(cfg)
		tokens := make([]string, benchSessions)
		for i := range tokens {
			tokens[i] = commitSession(b, sm, values)
		}
		b.ReportAllocs()
		b.ResetTimer()
		i := 0
		for b.Loop() {
			ctx, err := sm.Load(context.Background(), tokens[i%len(tokens)])
			if err != nil || sm.GetString(ctx, "user") == "" {
				b.Fatalf("load session %d: %v", i, err)
			}
			i++
		}
	})
	b.Run(fmt.Sprintf("heap-of-%d", benchSessions), func(b *testing.B) {
		for b.Loop() {
			reportSessionHeap(b, newSessions(cfg), values)
		}
	})
}

// reportSessionHeap stores benchSessions sessions and reports the live heap they add.
func reportSessionHeap(b *testing.B, sm *scs.SessionManager, values map[string]any) {
	before := liveHeapBytes()
	tokens := make([]string, benchSessions)
	for i := range tokens {
		tokens[i] = commitSession(b, sm, values)
	}
	after := liveHeapBytes()
	runtime.KeepAlive(sm)
	runtime.KeepAlive(tokens)
	grown := float64(after - min(after, before))
	b.ReportMetric(grown/benchSessions, "heap-B/session")
	b.ReportMetric(grown/(1<<20), "heap-MiB/10k")
}

func liveHeapBytes() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
