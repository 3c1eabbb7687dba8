package web_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"patchdesk/api/pmptest"
	"patchdesk/web"
)

// mustStartTLSPMP starts a simulator that serves HTTPS with a certificate of its own CA.
func mustStartTLSPMP(tb testing.TB) *pmptest.Server {
	tb.Helper()
	pmp, err := pmptest.StartTLS(pmptest.Options{Computers: 100,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = pmp.Close() })
	return pmp
}

// configFor parses args after the address and PMP URL, failing the test on an error.
func configFor(tb testing.TB, pmpURL string, args ...string) web.Config {
	tb.Helper()
	all := append([]string{"-addr", "127.0.0.1:0", "-pmp-url", pmpURL}, args...)
	cfg, err := web.ParseConfig(all, func(string) string { return "" }, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// colonPin writes a hex fingerprint in upper case with colons, as browsers show it.
func colonPin(hex string) string {
	var parts []string
	for i := 0; i+2 <= len(hex); i += 2 {
		parts = append(parts, strings.ToUpper(hex[i:i+2]))
	}
	return strings.Join(parts, ":")
}

func TestPMPCertificateOptions(t *testing.T) {
	pmp := mustStartTLSPMP(t)
	caFile := filepath.Join(t.TempDir(), "pmp-ca.pem")
	if err := os.WriteFile(caFile, pmp.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	wrongPin := strings.Repeat("ab", 32)
	tests := []struct {
		name    string
		args    []string
		trusted bool
		logged  string // part of a log line, when the option must log one
	}{
		{"no option", nil, false, "-pmp-ca-file"},
		{"CA file", []string{"-pmp-ca-file", caFile}, true, ""},
		{"pin", []string{"-pmp-pin-sha256", pmp.LeafSHA256()}, true, ""},
		{"pin with colons", []string{"-pmp-pin-sha256", colonPin(pmp.LeafSHA256())}, true, ""},
		{"wrong pin", []string{"-pmp-pin-sha256", wrongPin}, false, "-pmp-pin-sha256"},
		{"verification off", []string{"-pmp-insecure-skip-verify"}, true,
			"TLS verification of PMP is off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := mustStart(t, configFor(t, pmp.URL(), tt.args...))
			res := mustPostForm(t, newClient(t), app.URL+"/login", localLogin("admin", "admin"))
			logs := app.logs.String()
			if tt.logged != "" && !strings.Contains(logs, tt.logged) {
				t.Errorf("log lacks %q:\n%s", tt.logged, logs)
			}
			if tt.trusted {
				if res.status != http.StatusSeeOther {
					t.Errorf("status %d, want 303", res.status)
				}
				return
			}
			checkUntrustedPMP(t, res, logs)
		})
	}
}

// checkUntrustedPMP checks the sign-in page and the log line after PMP's certificate
// failed verification.
func checkUntrustedPMP(t *testing.T, res response, logs string) {
	t.Helper()
	if res.status != http.StatusBadGateway {
		t.Errorf("status %d, want 502", res.status)
	}
	msg := res.doc(t).Find("[data-testid=login-error]").Text()
	if !strings.Contains(msg, "could not verify PMP's TLS certificate") {
		t.Errorf("message %q, want it to name the certificate", msg)
	}
	var line string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, "Sign-in failed") {
			line = l
		}
	}
	for _, option := range []string{"-pmp-ca-file", "-pmp-pin-sha256"} {
		if !strings.Contains(line, option) {
			t.Errorf("sign-in log line %q does not name %s", line, option)
		}
	}
}

func TestStartupCheckNamesTLSOptions(t *testing.T) {
	pmp := mustStartTLSPMP(t)
	app := mustStart(t, configFor(t, pmp.URL()))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(app.logs.String(), "\n") {
			if strings.Contains(line, "PMP start-up check failed") {
				if !strings.Contains(line, "-pmp-ca-file") ||
					!strings.Contains(line, "-pmp-pin-sha256") {
					t.Errorf("start-up line %q does not name both TLS options", line)
				}
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("no start-up warning about PMP's certificate:\n%s", app.logs.String())
}

// writeServerCertificate writes a self-signed certificate for 127.0.0.1 and its key as
// PEM files and returns their paths with a pool that trusts the certificate.
func writeServerCertificate(tb testing.TB) (certFile, keyFile string, pool *x509.CertPool) {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "patchdesk test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
	}

	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}

	dir := tb.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		tb.Fatal(err)
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	if err := os.WriteFile(keyFile, keyPEM, 0o600); err != nil {
		tb.Fatal(err)
	}

	pool = x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	return certFile, keyFile, pool
}

func TestServeHTTPS(t *testing.T) {
	certFile, keyFile, pool := writeServerCertificate(t)
	cfg, err := web.ParseConfig([]string{"-demo", "-addr", "127.0.0.1:0", "-demo-computers",
		"100", "-tls-cert", certFile, "-tls-key", keyFile},
		func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	app := mustStart(t, cfg)
	if !strings.HasPrefix(app.URL, "https://") {
		t.Fatalf("URL %q, want https://", app.URL)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 20 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool,
			MinVersion: tls.VersionTLS12}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(client.CloseIdleConnections)

	res := mustPostForm(t, client, app.URL+"/login", localLogin("admin", "admin"))
	if res.status != http.StatusSeeOther {
		t.Fatalf("sign in over HTTPS: status %d", res.status)
	}
	cookie := responseCookie(res, "__Host-patchdesk_session")
	if cookie == nil || !cookie.Secure {
		t.Errorf("cookie %v, want a Secure __Host-patchdesk_session", cookie)
	}
	if hsts := res.header.Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=") {
		t.Errorf("Strict-Transport-Security %q, want a max-age", hsts)
	}
	if res := mustGet(t, client, app.URL+"/"); res.status != http.StatusOK {
		t.Errorf("dashboard over HTTPS: status %d, want 200", res.status)
	}
}

func TestTLSOptionErrors(t *testing.T) {
	certFile, keyFile, _ := writeServerCertificate(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"certificate without key", []string{"-tls-cert", certFile}, "-tls-key"},
		{"key without certificate", []string{"-tls-key", keyFile}, "-tls-cert"},
		{"missing certificate file", []string{"-tls-cert", certFile + ".missing", "-tls-key",
			keyFile}, "-tls-cert"},
		{"key in place of certificate", []string{"-tls-cert", keyFile, "-tls-key", keyFile},
			"-tls-cert"},
		{"zero PMP timeout", []string{"-pmp-timeout", "0s"}, "invalid -pmp-timeout"},
		{"bad proxy range", []string{"-trusted-proxies", "10.0.0.0/33"}, "trusted-proxies"},
		{"bad proxy address", []string{"-trusted-proxies", "proxy.example"}, "trusted-proxies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-demo", "-addr", "127.0.0.1:0"}, tt.args...)
			cfg, err := web.ParseConfig(args, func(string) string { return "" }, io.Discard)
			if err == nil {
				var app *web.App
				app, err = web.Start(cfg, slog.New(slog.DiscardHandler), io.Discard)
				if err == nil {
					_ = app.Shutdown()
					t.Fatal("no error")
				}
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to name %s", err, tt.want)
			}
		})
	}
}
