package api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newTLSFakePMP starts an HTTPS server with httptest's self-signed certificate for
// 127.0.0.1, serving the patch summary sample.
func newTLSFakePMP(t *testing.T) *httptest.Server {
	t.Helper()
	body := readSample(t, "patch_summary.json")
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// newCACert returns the DER of a fresh self-signed CA certificate unrelated to the test
// servers.
func newCACert(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Unrelated test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func leafPin(srv *httptest.Server) string {
	sum := sha256.Sum256(srv.Certificate().Raw)
	return hex.EncodeToString(sum[:])
}

// colonPin formats a hex pin as upper-case pairs separated by colons, as browsers show it.
func colonPin(pin string) string {
	var pairs []string
	for i := 0; i < len(pin); i += 2 {
		pairs = append(pairs, strings.ToUpper(pin[i:i+2]))
	}
	return strings.Join(pairs, ":")
}

func summaryWithTLS(t *testing.T, srv *httptest.Server, o TLSOptions) error {
	t.Helper()
	hc, err := NewHTTPClient(o)
	if err != nil {
		t.Fatalf("NewHTTPClient: %v", err)
	}
	defer hc.CloseIdleConnections()

	_, err = newTestClient(t, srv.URL, WithHTTPClient(hc)).PatchSummary(t.Context(), testToken)
	return err
}

func TestTLSVerification(t *testing.T) {
	srv := newTLSFakePMP(t)
	otherPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: newCACert(t)})
	serverPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE",
		Bytes: srv.Certificate().Raw})

	wrongPin := strings.Repeat("ab", 32)
	tests := []struct {
		name    string
		options TLSOptions
		wantTLS bool
	}{
		{"default rejects self-signed", TLSOptions{}, true},
		{"CA file trusts", TLSOptions{CAFile: writeFile(t, "ca.pem", serverPEM)}, false},
		{"CA file with DER trusts", TLSOptions{
			CAFile: writeFile(t, "ca.der", srv.Certificate().Raw)}, false},
		{"unrelated CA file rejects", TLSOptions{CAFile: writeFile(t, "o.pem", otherPEM)},
			true},
		{"pin accepts", TLSOptions{PinSHA256: leafPin(srv)}, false},
		{"pin with colons accepts", TLSOptions{PinSHA256: colonPin(leafPin(srv))}, false},
		{"wrong pin rejects", TLSOptions{PinSHA256: wrongPin}, true},
		{"wrong pin rejects despite trusted CA", TLSOptions{PinSHA256: wrongPin,
			CAFile: writeFile(t, "ca2.pem", serverPEM)}, true},
		{"wrong pin rejects despite skip verify", TLSOptions{PinSHA256: wrongPin,
			InsecureSkipVerify: true}, true},
		{"skip verify accepts", TLSOptions{InsecureSkipVerify: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := summaryWithTLS(t, srv, tt.options)
			if tt.wantTLS && !errors.Is(err, ErrTLS) {
				t.Fatalf("got %v, want ErrTLS", err)
			}
			if !tt.wantTLS && err != nil {
				t.Fatalf("got %v, want success", err)
			}
		})
	}
}

func TestTLSToPlainHTTPServer(t *testing.T) {
	srv, _ := newFakePMP(t, http.StatusOK, string(readSample(t, "patch_summary.json")))
	httpsURL := strings.Replace(srv.URL, "http://", "https://", 1)

	_, err := newTestClient(t, httpsURL).PatchSummary(t.Context(), testToken)
	if !errors.Is(err, ErrTLS) {
		t.Fatalf("got %v, want ErrTLS", err)
	}
}

func TestNewHTTPClientRejectsBadOptions(t *testing.T) {
	broken := "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"
	tests := []struct {
		name     string
		options  TLSOptions
		wantText string
	}{
		{"missing CA file", TLSOptions{CAFile: filepath.Join(t.TempDir(), "none.pem")},
			"none.pem"},
		{"CA file without certificates", TLSOptions{
			CAFile: writeFile(t, "empty.pem", []byte("hello"))}, "empty.pem"},
		{"CA file with a key only", TLSOptions{CAFile: writeFile(t, "key.pem",
			[]byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))},
			"no PEM CERTIFICATE"},
		{"CA file with broken certificate", TLSOptions{
			CAFile: writeFile(t, "broken.pem", []byte(broken))}, "certificate 1 is invalid"},
		{"short pin", TLSOptions{PinSHA256: "abcd"}, "64 hex digits"},
		{"pin not hex", TLSOptions{PinSHA256: strings.Repeat("zz", 32)}, "64 hex digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewHTTPClient(tt.options)
			if err == nil {
				t.Fatal("got nil error, want an error")
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
		})
	}
}

func TestHTTPClientDoesNotFollowRedirects(t *testing.T) {
	target, rec := newFakePMP(t, http.StatusOK, string(readSample(t, "patch_summary.json")))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.Path, http.StatusFound)
	}))
	defer srv.Close()

	_, err := newTestClient(t, srv.URL).PatchSummary(t.Context(), testToken)

	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want *APIError", err)
	}
	expectEqual(t, "HTTPStatus", apiErr.HTTPStatus, http.StatusFound)
	if !strings.Contains(apiErr.Description, target.URL) {
		t.Errorf("Description %q does not name the redirect target", apiErr.Description)
	}
	expectEqual(t, "requests to target", len(rec.all()), 0)
}

func TestHTTPClientTransportSettings(t *testing.T) {
	hc, err := NewHTTPClient(TLSOptions{})
	if err != nil {
		t.Fatal(err)
	}

	transport, ok := hc.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("Transport is %T, want *http.Transport", hc.Transport)
	}
	expectEqual(t, "MaxIdleConnsPerHost", transport.MaxIdleConnsPerHost, 100)
	expectEqual(t, "InsecureSkipVerify", transport.TLSClientConfig.InsecureSkipVerify, false)
	if transport.TLSHandshakeTimeout <= 0 || transport.IdleConnTimeout <= 0 {
		t.Errorf("timeouts: handshake %v, idle %v, want both positive",
			transport.TLSHandshakeTimeout, transport.IdleConnTimeout)
	}
}
