package pmptest_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"testing"

	"patchdesk/api/pmptest"
)

func startTLSServer(t *testing.T) *pmptest.Server {
	t.Helper()
	s, err := pmptest.StartTLS(pmptest.Options{Computers: 10, Now: fixedNow})
	if err != nil {
		t.Fatalf("StartTLS: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func clientTrusting(t *testing.T, caPEM []byte) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		t.Fatalf("CACertPEM holds no certificate")
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

func TestTLSWithOwnCA(t *testing.T) {
	s := startTLSServer(t)
	client := clientTrusting(t, s.CACertPEM())
	for _, host := range []string{"127.0.0.1", "localhost"} {
		t.Run(host, func(t *testing.T) {
			_, port, err := net.SplitHostPort(s.URL()[len("https://"):])
			if err != nil {
				t.Fatalf("split %s: %v", s.URL(), err)
			}
			target := "https://" + net.JoinHostPort(host, port) + "/api/1.4/desktop/discover"
			resp, err := client.Get(target)
			if err != nil {
				t.Fatalf("GET: %v", err)
			}
			defer resp.Body.Close()
			checkLeaf(t, s, resp.TLS)
		})
	}
}

func checkLeaf(t *testing.T, s *pmptest.Server, state *tls.ConnectionState) {
	t.Helper()
	leaf := state.PeerCertificates[0]
	sum := sha256.Sum256(leaf.Raw)
	if got := hex.EncodeToString(sum[:]); got != s.LeafSHA256() {
		t.Errorf("leaf SHA-256 %s, want LeafSHA256 %s", got, s.LeafSHA256())
	}
	key, ok := leaf.PublicKey.(*ecdsa.PublicKey)
	if !ok || key.Curve != elliptic.P256() {
		t.Errorf("leaf key %T, want ECDSA P-256", leaf.PublicKey)
	}
}

func TestTLSUntrustedByDefault(t *testing.T) {
	s := startTLSServer(t)
	res, err := http.Get(s.URL() + "/api/1.4/desktop/discover")
	if err == nil {
		res.Body.Close()
	}
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Errorf("got %v, want x509.UnknownAuthorityError", err)
	}
}

func TestTLSCACertificate(t *testing.T) {
	s := startTLSServer(t)
	block, _ := pem.Decode(s.CACertPEM())
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("CACertPEM is not a PEM certificate")
	}
	ca, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatalf("parse CA: %v", err)
	}
	if !ca.IsCA {
		t.Errorf("CA certificate has IsCA false")
	}
	if _, ok := ca.PublicKey.(*ecdsa.PublicKey); !ok {
		t.Errorf("CA key %T, want ECDSA", ca.PublicKey)
	}
}

func TestPlainServerHasNoTLSMaterial(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	if s.CACertPEM() != nil || s.LeafSHA256() != "" {
		t.Errorf("plain HTTP server reports TLS material")
	}
}
