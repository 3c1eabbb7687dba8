package web_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var pageAsset = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// pageAssets returns the stylesheet and script paths that a page links.
func pageAssets(tb testing.TB, body string) []string {
	tb.Helper()
	var paths []string
	for _, m := range pageAsset.FindAllStringSubmatch(body, -1) {
		paths = append(paths, m[1])
	}
	if len(paths) == 0 {
		tb.Fatal("page links no stylesheet or script")
	}
	return paths
}

// getGzip requests rawURL accepting gzip, with the given extra headers, and returns the
// response with its body as sent.
func getGzip(tb testing.TB, client *http.Client, rawURL string,
	header map[string]string) response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		tb.Fatal(err)
	}
	// Setting Accept-Encoding turns off the transport's transparent decompression.
	req.Header.Set("Accept-Encoding", "gzip")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return mustDo(tb, client, req)
}

func gunzip(tb testing.TB, body string) []byte {
	tb.Helper()
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		tb.Fatalf("body is not gzip: %v", err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatalf("gunzip: %v", err)
	}
	return plain
}

var hashedName = regexp.MustCompile(`\.([0-9a-f]{12})\.(css|js)$`)

func TestAssetsCompressedHashedAndImmutable(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	page := mustGet(t, client, app.URL+"/")
	for _, path := range pageAssets(t, page.body) {
		t.Run(path, func(t *testing.T) {
			res := getGzip(t, client, app.URL+path, nil)
			if res.status != http.StatusOK {
				t.Fatalf("status %d, want 200", res.status)
			}
			if got := res.header.Get("Content-Encoding"); got != "gzip" {
				t.Errorf("Content-Encoding %q, want gzip", got)
			}
			want := "public, max-age=31536000, immutable"
			if got := res.header.Get("Cache-Control"); got != want {
				t.Errorf("Cache-Control %q, want %q", got, want)
			}
			m := hashedName.FindStringSubmatch(path)
			if m == nil {
				t.Fatalf("name has no 12-digit content hash")
			}
			sum := sha256.Sum256(gunzip(t, res.body))
			if got := hex.EncodeToString(sum[:])[:12]; got != m[1] {
				t.Errorf("content hash %s, name says %s", got, m[1])
			}
		})
	}
}

func TestAssetRevalidationSendsNoBody(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	for _, path := range pageAssets(t, mustGet(t, client, app.URL+"/").body) {
		t.Run(path, func(t *testing.T) {
			first := getGzip(t, client, app.URL+path, nil)
			etag := first.header.Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}
			again := getGzip(t, client, app.URL+path, map[string]string{"If-None-Match": etag})
			if again.status != http.StatusNotModified {
				t.Errorf("status %d with If-None-Match %s, want 304", again.status, etag)
			}
			if again.body != "" {
				t.Errorf("304 carries %d bytes", len(again.body))
			}
			other := getGzip(t, client, app.URL+path, map[string]string{
				"If-None-Match": `"000000000000"`})
			if other.status != http.StatusOK {
				t.Errorf("status %d with a stale ETag, want 200", other.status)
			}
		})
	}
}

func TestRepeatVisitLinksSameAssets(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	first := pageAssets(t, mustGet(t, client, app.URL+"/").body)
	for _, path := range []string{"/", "/systems", "/patches?page=2"} {
		again := pageAssets(t, mustGet(t, client, app.URL+path).body)
		if strings.Join(again, " ") != strings.Join(first, " ") {
			t.Errorf("%s links %v, want the cached %v", path, again, first)
		}
	}
}

func TestHTMLCompressed(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct {
		name, path string
		htmx       bool
	}{
		{"dashboard", "/", false},
		{"table", "/systems?size=100", false},
		{"table region", "/systems?size=100&page=2", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := map[string]string{}
			if tt.htmx {
				header["HX-Request"] = "true"
			}
			res := getGzip(t, client, app.URL+tt.path, header)
			if got := res.header.Get("Content-Encoding"); got != "gzip" {
				t.Fatalf("Content-Encoding %q, want gzip", got)
			}
			plain := gunzip(t, res.body)
			if !bytes.Contains(plain, []byte(`data-testid=`)) {
				t.Errorf("gunzipped body is not the page: %.200s", plain)
			}
			if len(res.body) >= len(plain) {
				t.Errorf("gzip body %d bytes, plain %d", len(res.body), len(plain))
			}
		})
	}
}
