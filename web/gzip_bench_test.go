package web_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"testing"
)

// BenchmarkGzipTablePage compresses a 100-row systems page, as the portal sends it, at
// several gzip levels, to weigh compression time against bytes on the wire.
func BenchmarkGzipTablePage(b *testing.B) {
	cfg := demoConfig()
	app := mustStart(b, cfg)
	client := mustSignIn(b, app, "admin", "admin")
	page := mustGet(b, client, app.URL+"/systems?size=100")
	body := []byte(page.body)
	if len(body) < 10_000 {
		b.Fatalf("page of %d bytes is too small for 100 rows", len(body))
	}

	for _, level := range []int{gzip.BestSpeed, 3, 5, gzip.DefaultCompression,
		gzip.BestCompression} {
		b.Run(fmt.Sprintf("level=%d", level), func(b *testing.B) {
			var out bytes.Buffer
			zw, err := gzip.NewWriterLevel(&out, level)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				zw.Reset(&out)
				if _, err := zw.Write(body); err != nil {
					b.Fatal(err)
				}
				if err := zw.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len()), "gzip-bytes")
			b.ReportMetric(float64(len(body)), "plain-bytes")
		})
	}
}
