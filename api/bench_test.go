package api

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// repeatedRows builds a list response of n copies of the sample's first row, each with
// its own id, so that the decoder gets realistic keys and value types.
func repeatedRows(tb testing.TB, file, listKey string, n int) []byte {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		tb.Fatal(err)
	}

	var sample struct {
		MessageResponse map[string][]map[string]any `json:"message_response"`
	}
	// total, limit and page are not lists, so decode only the list key.
	var loose struct {
		MessageResponse map[string]json.RawMessage `json:"message_response"`
	}
	if err := json.Unmarshal(raw, &loose); err != nil {
		tb.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(loose.MessageResponse[listKey], &rows); err != nil {
		tb.Fatal(err)
	}
	sample.MessageResponse = map[string][]map[string]any{listKey: rows}

	out := make([]map[string]any, n)
	for i := range out {
		row := make(map[string]any, len(rows[0]))
		for key, value := range rows[0] {
			row[key] = value
		}
		row["resource_id"] = 30000 + i
		row["patch_id"] = 400000 + i
		out[i] = row
	}

	body, err := json.Marshal(map[string]any{
		"message_type":     listKey,
		"message_response": map[string]any{"total": n, "limit": n, "page": 1, listKey: out},
		"message_version":  "1.4",
		"status":           "success",
	})
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

func benchmarkDecode(b *testing.B, file, listKey string) {
	decode := bodyDecoders[file]
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			body := repeatedRows(b, file, listKey, n)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()

			for b.Loop() {
				if _, err := decode(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeAllSystems(b *testing.B) {
	benchmarkDecode(b, "allsystems.json", "allsystems")
}

func BenchmarkDecodeAllPatches(b *testing.B) {
	benchmarkDecode(b, "allpatches.json", "allpatches")
}

func BenchmarkDecodeComputers(b *testing.B) {
	benchmarkDecode(b, "computers.json", "computers")
}

func BenchmarkDecodeSystemReport(b *testing.B) {
	benchmarkDecode(b, "systemreport.json", "systemreport")
}

func BenchmarkDecodeAllPatchDetails(b *testing.B) {
	benchmarkDecode(b, "allpatchdetails.json", "allpatchdetails")
}

func BenchmarkDecodeScanDetails(b *testing.B) {
	benchmarkDecode(b, "scandetails.json", "scandetails")
}

func BenchmarkDecodeDeploymentPolicies(b *testing.B) {
	benchmarkDecode(b, "deploymentpolicies.json", "deploymentpolicies")
}

func BenchmarkDecodeViewConfig(b *testing.B) {
	benchmarkDecode(b, "viewconfig.json", "viewconfig")
}

// BenchmarkDecodeMapBaseline decodes the same allsystems body into generic maps, the
// approach the typed decoders replace, for comparison.
func BenchmarkDecodeMapBaseline(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			body := repeatedRows(b, "allsystems.json", "allsystems", n)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()

			for b.Loop() {
				var v map[string]any
				if err := json.Unmarshal(body, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
