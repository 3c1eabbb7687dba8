package web_test

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"testing"

	"patchdesk/api"
)

// BenchmarkExportBaseline reports the two sizes that the export's memory budget is made
// of, in the setting of BenchmarkExportComputers. The first is the heap in use by the idle
// portal with its simulator of 100,000 computers. The second is the heap of one export
// page of 1000 computers: its JSON body and its decoded rows.
func BenchmarkExportBaseline(b *testing.B) {
	app := mustStart(b, exportConfig(b, benchComputers))
	_ = mustSignIn(b, app, "admin", "admin")
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

	for b.Loop() {
		idle := heapInUse()
		body := pageBody(b, app.Demo.URL(), login.Token)
		before := heapAlloc()
		page, err := client.Computers(ctx, login.Token, api.Query{Page: 1, PageLimit: 1000})
		if err != nil || len(page.Rows) != 1000 {
			b.Fatalf("page of %d rows: %v", len(page.Rows), err)
		}
		after := heapAlloc()
		rows := after - min(after, before)
		runtime.KeepAlive(page)
		b.ReportMetric(float64(idle)/(1<<20), "idle-heap-MiB")
		b.ReportMetric(float64(rows+uint64(len(body)))/(1<<20), "page-MiB")
	}
}

// pageBody returns PMP's JSON body of the first 1000 computers.
func pageBody(b *testing.B, pmpURL, token string) []byte {
	b.Helper()
	req, err := http.NewRequest(http.MethodGet,
		pmpURL+"/api/1.4/som/computers?page=1&pagelimit=1000", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		b.Fatalf("status %d: %v", res.StatusCode, err)
	}
	return body
}

// heapInUse returns the heap in use after a collection, the measure that the export
// benchmarks' peak-heap-MiB is taken above.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
