package pmptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"
)

// StartTLS builds a server and serves it over HTTPS on 127.0.0.1 at a free port, with a
// certificate for 127.0.0.1 and localhost issued by a CA generated for this server alone.
// Clients trust it through CACertPEM or pin it with LeafSHA256.
func StartTLS(opts Options) (*Server, error) {
	s := New(opts)
	leaf, caPEM, err := newCertificates(s.clock())
	if err != nil {
		return nil, fmt.Errorf("pmptest: create certificates: %w", err)
	}

	ln, err := listenLoopback()
	if err != nil {
		return nil, fmt.Errorf("pmptest: listen on 127.0.0.1: %w", err)
	}
	sum := sha256.Sum256(leaf.Certificate[0])
	s.caPEM, s.leafSum = caPEM, hex.EncodeToString(sum[:])
	config := &tls.Config{Certificates: []tls.Certificate{leaf}, MinVersion: tls.VersionTLS12}
	s.serve(tls.NewListener(ln, config), "https")
	return s, nil
}

// CACertPEM returns the PEM-encoded CA certificate of a StartTLS server, or nil.
func (s *Server) CACertPEM() []byte {
	return s.caPEM
}

// LeafSHA256 returns the lower-case hex SHA-256 of the server certificate's DER bytes,
// without colons, or "" when the server does not use TLS.
func (s *Server) LeafSHA256() string {
	return s.leafSum
}

// newCertificates creates an ECDSA P-256 CA and a leaf certificate for 127.0.0.1 and
// localhost signed by it. It returns the leaf with its key and the CA in PEM.
func newCertificates(now time.Time) (tls.Certificate, []byte, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("generate CA key: %w", err)
	}
	orgs := []string{"pmptest"}
	caTemplate := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "pmptest CA", Organization: orgs},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(10 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey,
		caKey)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("sign CA certificate: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("parse CA certificate: %w", err)
	}

	leaf, err := newLeaf(ca, caKey, now)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	return leaf, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), nil
}

// newLeaf creates the server certificate for 127.0.0.1 and localhost, signed by ca.
func newLeaf(ca *x509.Certificate, caKey *ecdsa.PrivateKey, now time.Time) (
	tls.Certificate, error,
) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("generate server key: %w", err)
	}
	template := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: "localhost"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(9 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, template, ca, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("sign server certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}
