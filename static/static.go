// Package static embeds the portal's stylesheet and scripts and serves them under
// content-hashed names, so browsers can cache each file for a year.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed app.css app.js htmx/htmx.min.js htmx/LICENSE
var files embed.FS

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

// Asset is one embedded file, kept plain and gzip-compressed.
type Asset struct {
	Name        string // logical name, such as "app.css"
	HashedPath  string // URL path with the content hash, such as "/static/app.1a2b3c4d.css"
	ETag        string // weak HTTP entity tag of the content hash, shared by both encodings
	ContentType string
	Plain       []byte
	Gzip        []byte
}

var assets = mustLoad()

func mustLoad() map[string]*Asset {
	byName := map[string]*Asset{}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		byName[name] = newAsset(name, data)
		return nil
	})
	if err != nil {
		panic("static: embedded files unreadable: " + err.Error())
	}
	return byName
}

func newAsset(name string, data []byte) *Asset {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])[:12]
	ext := path.Ext(name)
	hashed := Prefix + strings.TrimSuffix(name, ext) + "." + hash + ext
	contentType := mime.TypeByExtension(ext)
	if contentType == "" {
		contentType = "text/plain; charset=utf-8"
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return &Asset{Name: name, HashedPath: hashed, ETag: `W/"` + hash + `"`,
		ContentType: contentType, Plain: data, Gzip: buf.Bytes()}
}

// Path returns the content-hashed URL path of the asset with the given logical name.
// It panics on an unknown name, because that is a programming error caught by any test
// that renders a page.
func Path(name string) string {
	a, ok := assets[name]
	if !ok {
		panic("static: no asset named " + name)
	}
	return a.HashedPath
}

// Handler serves assets by their hashed paths with a one-year immutable cache lifetime,
// gzip-compressed when the client accepts it. The content hash is also the ETag, so a
// browser that revalidates anyway gets 304 Not Modified without a body.
func Handler() http.Handler {
	byPath := make(map[string]*Asset, len(assets))
	for _, a := range assets {
		byPath[a.HashedPath] = a
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ContentType)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("Vary", "Accept-Encoding")
		h.Set("ETag", a.ETag)
		if matchesETag(r.Header.Get("If-None-Match"), a.ETag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := a.Plain
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body = a.Gzip
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(params), "q="))
		return q != "0" && q != "0.0" && q != "0.00" && q != "0.000"
	}
	return false
}

// matchesETag reports whether an If-None-Match header lists etag or is "*", comparing
// weakly as RFC 9110 requires for If-None-Match.
func matchesETag(ifNoneMatch, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(ifNoneMatch, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == etag || tag == "*" {
			return true
		}
	}
	return false
}
