package handlers

import (
	"context"
	"encoding/gob"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/api/pmptest"
)

// memoPMP sends each distinct call once to the simulator over HTTP and then returns the
// stored result, so a benchmark loop measures the handlers and views without PMP's time
// or JSON decoding, which api's own benchmarks measure. With rows set, every list call
// requests that many rows, whatever page size the handler requested.
type memoPMP struct {
	client *api.Client
	rows   int

	mu    sync.Mutex
	cache map[string]any
}

// memo returns the cached result of the call named by key, or runs fetch and caches it.
func memo[T any](p *memoPMP, key string, fetch func() (T, error)) (T, error) {
	p.mu.Lock()
	cached, ok := p.cache[key]
	p.mu.Unlock()
	if ok {
		return cached.(T), nil
	}

	v, err := fetch()
	if err != nil {
		return v, err
	}
	p.mu.Lock()
	p.cache[key] = v
	p.mu.Unlock()
	return v, nil
}

func (p *memoPMP) list(q api.Query) api.Query {
	if p.rows > 0 {
		q.PageLimit = p.rows
	}
	return q
}

func (p *memoPMP) Discover(ctx context.Context) (*api.Discover, error) {
	return memo(p, "discover", func() (*api.Discover, error) { return p.client.Discover(ctx) })
}

func (p *memoPMP) Login(ctx context.Context, cr api.Credentials) (*api.LoginResult, error) {
	return p.client.Login(ctx, cr)
}

func (p *memoPMP) ValidateOTP(ctx context.Context, uid, otp string) (*api.LoginResult, error) {
	return p.client.ValidateOTP(ctx, uid, otp)
}

func (p *memoPMP) ServerProperties(ctx context.Context, token string) (*api.ServerProperties,
	error) {
	return memo(p, "props", func() (*api.ServerProperties, error) {
		return p.client.ServerProperties(ctx, token)
	})
}

func (p *memoPMP) PatchSummary(ctx context.Context, token string) (*api.PatchSummary, error) {
	return memo(p, "patchsummary", func() (*api.PatchSummary, error) {
		return p.client.PatchSummary(ctx, token)
	})
}

func (p *memoPMP) SoMSummary(ctx context.Context, token string) (*api.SoMSummary, error) {
	return memo(p, "somsummary", func() (*api.SoMSummary, error) {
		return p.client.SoMSummary(ctx, token)
	})
}

func (p *memoPMP) AllSystems(ctx context.Context, token string,
	q api.Query) (*api.Page[api.System], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("allsystems", q), func() (*api.Page[api.System], error) {
		return p.client.AllSystems(ctx, token, q)
	})
}

func (p *memoPMP) AllPatches(ctx context.Context, token string,
	q api.Query) (*api.Page[api.Patch], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("allpatches", q), func() (*api.Page[api.Patch], error) {
		return p.client.AllPatches(ctx, token, q)
	})
}

func (p *memoPMP) Computers(ctx context.Context, token string,
	q api.Query) (*api.Page[api.Computer], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("computers", q), func() (*api.Page[api.Computer], error) {
		return p.client.Computers(ctx, token, q)
	})
}

func (p *memoPMP) SystemReport(ctx context.Context, token string, id int64,
	q api.Query) (*api.Page[api.SystemPatch], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("systemreport", id, q), func() (*api.Page[api.SystemPatch], error) {
		return p.client.SystemReport(ctx, token, id, q)
	})
}

func (p *memoPMP) AllPatchDetails(ctx context.Context, token string, id int64,
	q api.Query) (*api.Page[api.PatchSystem], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("allpatchdetails", id, q),
		func() (*api.Page[api.PatchSystem], error) {
			return p.client.AllPatchDetails(ctx, token, id, q)
		})
}

func (p *memoPMP) ScanDetails(ctx context.Context, token string,
	q api.Query) (*api.Page[api.ScanDetail], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("scandetails", q), func() (*api.Page[api.ScanDetail], error) {
		return p.client.ScanDetails(ctx, token, q)
	})
}

func (p *memoPMP) DeploymentPolicies(ctx context.Context, token string,
	q api.Query) (*api.Page[api.DeploymentPolicy], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("policies", q), func() (*api.Page[api.DeploymentPolicy], error) {
		return p.client.DeploymentPolicies(ctx, token, q)
	})
}

func (p *memoPMP) ViewConfig(ctx context.Context, token string,
	q api.Query) (*api.Page[api.DeploymentConfig], error) {
	q = p.list(q)
	return memo(p, fmt.Sprint("viewconfig", q), func() (*api.Page[api.DeploymentConfig], error) {
		return p.client.ViewConfig(ctx, token, q)
	})
}

func (p *memoPMP) HealthPolicy(ctx context.Context, token string) (*api.HealthPolicy, error) {
	return memo(p, "healthpolicy", func() (*api.HealthPolicy, error) {
		return p.client.HealthPolicy(ctx, token)
	})
}

func (p *memoPMP) DBUpdateStatus(ctx context.Context, token string) (*api.DBUpdateStatus,
	error) {
	return memo(p, "dbupdatestatus", func() (*api.DBUpdateStatus, error) {
		return p.client.DBUpdateStatus(ctx, token)
	})
}

// benchPortal is a handler chain like the portal's, without gzip, security headers and
// logging, signed in as one user.
type benchPortal struct {
	handler http.Handler
	cookie  string
	pmp     *memoPMP
}

// newBenchPortal starts a simulator with enough computers and patches for rows-row pages
// and signs in through the sign-in handler.
func newBenchPortal(b *testing.B, rows int) *benchPortal {
	b.Helper()
	sim, err := pmptest.Start(pmptest.Options{Computers: max(1500, 2*rows),
		Patches: max(400, 2*rows)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = sim.Close() })
	client, err := api.New(sim.URL())
	if err != nil {
		b.Fatal(err)
	}

	pmp := &memoPMP{client: client, rows: rows, cache: map[string]any{}}
	// The portal registers time.Time with gob too, because the session stores times.
	gob.Register(time.Time{})
	sessions := scs.New()
	h := New(Options{PMP: pmp, Sessions: sessions,
		Logger: slog.New(slog.DiscardHandler)})
	e := echo.New()
	e.Pre(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.SetRequest(c.Request().WithContext(WithTimings(c.Request().Context())))
			return next(c)
		}
	})
	e.POST("/login", h.LoginSubmit)
	app := e.Group("", h.RequireSignIn)
	app.GET("/", h.Dashboard)
	app.GET("/systems", h.SystemsList)
	app.GET("/patches", h.PatchesList)
	app.GET("/computers", h.ComputersList)
	app.GET("/computers/:id", h.ComputerShow)
	app.GET("/patches/:id", h.PatchShow)
	app.GET("/search", h.Search)
	app.GET("/policies", h.PoliciesList)
	app.GET("/configs", h.ConfigsList)
	app.GET("/server", h.ServerShow)

	p := &benchPortal{handler: sessions.LoadAndSave(e), pmp: pmp}
	p.signIn(b)
	return p
}

func (p *benchPortal) signIn(b *testing.B) {
	b.Helper()
	form := url.Values{"username": {"admin"}, "password": {"admin"},
		"auth_type": {"local_authentication"}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("sign in: status %d, body %s", rec.Code, rec.Body)
	}
	p.cookie = strings.Split(rec.Header().Get("Set-Cookie"), ";")[0]
}

// get serves target and fails unless the status is 200.
func (p *benchPortal) get(b *testing.B, target string, htmx bool) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("Cookie", p.cookie)
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: status %d, body %.300s", target, rec.Code, rec.Body)
	}
	return rec
}

// firstID returns the key of the first row of a table page.
func (p *benchPortal) firstID(b *testing.B, target string) string {
	b.Helper()
	body := p.get(b, target, false).Body.String()
	_, rest, ok := strings.Cut(body, `data-key="`)
	if !ok {
		b.Fatalf("GET %s: no row", target)
	}
	id, _, _ := strings.Cut(rest, `"`)
	return id
}

// benchPage serves target in a loop after one warm-up request, which fills the cache.
func benchPage(b *testing.B, p *benchPortal, target string, htmx bool) {
	b.Helper()
	rec := p.get(b, target, htmx)
	b.SetBytes(int64(rec.Body.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU(b)
	for b.Loop() {
		p.get(b, target, htmx)
	}
	reportCPU(b, cpu)
}

// processCPU returns the user and system CPU time of the process so far. On a shared
// machine the CPU time per request varies less than the wall time.
func processCPU(b *testing.B) time.Duration {
	b.Helper()
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// reportCPU reports the process CPU time per operation since start, garbage collection
// included.
func reportCPU(b *testing.B, start time.Duration) {
	b.Helper()
	used := processCPU(b) - start
	b.ReportMetric(float64(used.Microseconds())/float64(b.N), "cpu-us/op")
}

// BenchmarkPages serves each signed-in page with 100 and 1000 rows per PMP list. The rows
// are decoded before the loop, so the figures are patchdesk's own time: session load and
// commit, parameter checks, view models and templ rendering.
func BenchmarkPages(b *testing.B) {
	for _, rows := range []int{100, 1000} {
		p := newBenchPortal(b, rows)
		computer := p.firstID(b, "/systems")
		patch := p.firstID(b, "/patches")
		pages := []struct {
			name, target string
			htmx         bool
		}{
			{"dashboard", "/", false},
			{"systems", "/systems", false},
			{"systems-htmx", "/systems?page=2", true},
			{"patches", "/patches", false},
			{"computers", "/computers", false},
			{"computer", "/computers/" + computer, false},
			{"patch", "/patches/" + patch, false},
			{"search", "/search?q=a", false},
			{"policies", "/policies", false},
			{"configs", "/configs", false},
			{"server", "/server", false},
		}
		for _, page := range pages {
			b.Run(fmt.Sprintf("%s/rows=%d", page.name, rows), func(b *testing.B) {
				benchPage(b, p, page.target, page.htmx)
			})
		}
	}
}
