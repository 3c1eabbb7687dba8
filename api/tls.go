package api

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// TLSOptions configures how the HTTP client trusts the PMP server certificate. On-premises
// PMP servers often present a self-signed certificate, so a private CA file or a pinned
// leaf certificate is preferred over turning verification off.
type TLSOptions struct {
	// CAFile is a PEM (or single DER) file of CA certificates trusted in addition to the
	// system pool.
	CAFile string

	// InsecureSkipVerify turns certificate verification off entirely.
	InsecureSkipVerify bool

	// PinSHA256 is the hex SHA-256 of the server's leaf certificate (DER), with optional
	// colons or spaces. When set, exactly that certificate is accepted, even self-signed,
	// expired or issued for another host name, and every other certificate is rejected.
	PinSHA256 string
}

// Transport sizes, chosen for about 100 helpdesk users sharing one PMP server.
const (
	dialTimeout         = 10 * time.Second
	tlsHandshakeTimeout = 10 * time.Second
	idleConnTimeout     = 90 * time.Second
	maxIdleConnsPerHost = 100
)

// pinMismatchError is returned by the TLS handshake when the leaf certificate does not
// match TLSOptions.PinSHA256.
type pinMismatchError struct {
	got string
}

func (e *pinMismatchError) Error() string {
	return "server certificate SHA-256 " + e.got + " does not match the pinned fingerprint"
}

// NewHTTPClient returns an HTTP client for PMP with TLS verification on unless o turns it
// off. It does not follow redirects, because a redirected POST would lose its body
// and PMP API calls are not expected to redirect. It sets no overall timeout, because
// Client applies its own per-call timeout.
func NewHTTPClient(o TLSOptions) (*http.Client, error) {
	tlsConfig, err := newTLSConfig(o)
	if err != nil {
		return nil, err
	}

	dialer := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsConfig,
		TLSHandshakeTimeout:   tlsHandshakeTimeout,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          2 * maxIdleConnsPerHost,
		MaxIdleConnsPerHost:   maxIdleConnsPerHost,
		IdleConnTimeout:       idleConnTimeout,
		ExpectContinueTimeout: time.Second,
	}

	return &http.Client{
		Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}, nil
}

func newTLSConfig(o TLSOptions) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}

	if o.CAFile != "" {
		pool, err := loadCAFile(o.CAFile)
		if err != nil {
			return nil, err
		}
		cfg.RootCAs = pool
	}

	if o.PinSHA256 != "" {
		pin, err := parsePin(o.PinSHA256)
		if err != nil {
			return nil, err
		}
		// Chain verification is replaced by the pin check below.
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = verifyPin(pin)
		return cfg, nil
	}

	cfg.InsecureSkipVerify = o.InsecureSkipVerify
	return cfg, nil
}

// loadCAFile returns the system pool plus the certificates in path.
func loadCAFile(path string) (*x509.CertPool, error) {
	// The path comes from the operator's configuration, never from a request.
	data, err := os.ReadFile(path) //nolint:gosec // G304: operator-chosen file by design

	if err != nil {
		return nil, fmt.Errorf("api: reading CA file %q: %w", path, err)
	}

	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}

	if bytes.Contains(data, []byte("-----BEGIN")) {
		return appendPEM(pool, path, data)
	}

	cert, err := x509.ParseCertificate(data)
	if err != nil {
		return nil, fmt.Errorf("api: CA file %q contains neither PEM certificates nor a DER "+
			"certificate: %w", path, err)
	}
	pool.AddCert(cert)
	return pool, nil
}

// appendPEM adds every CERTIFICATE block and fails when one does not parse, so that a
// damaged file is reported instead of silently trusting fewer CAs.
func appendPEM(pool *x509.CertPool, path string, data []byte) (*x509.CertPool, error) {
	count := 0
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if block.Type != "CERTIFICATE" {
			continue
		}

		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("api: CA file %q: certificate %d is invalid: %w",
				path, count+1, err)
		}
		pool.AddCert(cert)
		count++
	}

	if count == 0 {
		return nil, fmt.Errorf("api: CA file %q contains no PEM CERTIFICATE block", path)
	}
	return pool, nil
}

// parsePin decodes a hex SHA-256 fingerprint, allowing colons, spaces and any case.
func parsePin(value string) ([]byte, error) {
	cleaned := strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(value))

	pin, err := hex.DecodeString(cleaned)
	if err != nil || len(pin) != sha256.Size {
		return nil, errors.New("api: invalid certificate pin: expected the SHA-256 " +
			"fingerprint as 64 hex digits, optionally separated by colons")
	}
	return pin, nil
}

func verifyPin(pin []byte) func(tls.ConnectionState) error {
	return func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("server sent no certificate")
		}

		sum := sha256.Sum256(cs.PeerCertificates[0].Raw)
		if subtle.ConstantTimeCompare(sum[:], pin) != 1 {
			return &pinMismatchError{got: hex.EncodeToString(sum[:])}
		}
		return nil
	}
}
