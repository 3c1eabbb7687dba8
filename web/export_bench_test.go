package web_test

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"patchdesk/api"
)

// benchComputers is the estate size of the export benchmarks.
const benchComputers = 100_000

// heapPeak samples the heap in use every few milliseconds until stop is called, and
// returns the highest sample. Sampling can miss a short spike, so the peak is a lower
// bound.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		ticker := time.NewTicker(5 * time.Millisecond)
		defer ticker.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-ticker.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// measure runs op b.N times and reports the heap peak above the heap in use before, and
// the bytes and objects allocated per operation. The simulator runs in the same process,
// so its allocations are counted too, in both benchmarks alike.
func measure(b *testing.B, op func()) {
	b.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := heapPeak()
	b.ResetTimer()
	for b.Loop() {
		op()
	}
	b.StopTimer()
	peak := stop()
	runtime.ReadMemStats(&after)
	n := float64(b.N)
	b.ReportMetric(float64(peak-min(peak, before.HeapInuse))/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n/(1<<20), "alloc-MiB/op")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "objects/op")
}

// BenchmarkExportComputers downloads the CSV export of 100,000 computers through the
// portal: 100 PMP calls of 1000 rows, CSV encoding, gzip and HTTP.
func BenchmarkExportComputers(b *testing.B) {
	app := mustStart(b, exportConfig(b, benchComputers))
	client := mustSignIn(b, app, "admin", "admin")
	client.Timeout = 10 * time.Minute
	measure(b, func() {
		res, err := client.Get(app.URL + "/export/computers")
		if err != nil {
			b.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
		if _, err := io.Copy(io.Discard, res.Body); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkPageComputers pages through the same 100,000 computers with the PMP client
// alone, at the export's page size, one call at a time: the cost of the export without
// the portal.
func BenchmarkPageComputers(b *testing.B) {
	app := mustStart(b, exportConfig(b, benchComputers))
	client, err := api.New(app.Demo.URL())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	login, err := client.Login(ctx, api.Credentials{Username: "admin", Password: "admin",
		AuthType: api.LocalAuthentication})
	if err != nil || login.Token == "" {
		b.Fatalf("sign in: %v", err)
	}
	measure(b, func() {
		rows := 0
		for page := 1; rows < benchComputers; page++ {
			p, err := client.Computers(ctx, login.Token, api.Query{Page: page, PageLimit: 1000})
			if err != nil {
				b.Fatal(err)
			}
			if len(p.Rows) == 0 {
				b.Fatalf("page %d empty after %d rows", page, rows)
			}
			rows += len(p.Rows)
		}
	})
}
