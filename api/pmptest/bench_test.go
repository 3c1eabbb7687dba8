package pmptest_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"patchdesk/api/pmptest"
)

var benchSizes = []int{1000, 100000}

func BenchmarkBuildEstate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				pmptest.New(pmptest.Options{Computers: n, Now: fixedNow})
			}
		})
	}
}

// BenchmarkAllSystemsPage serves page 1 of patch/allsystems through ServeHTTP, without the
// network, with 25 rows and with 1000 rows per page.
func BenchmarkAllSystemsPage(b *testing.B) {
	for _, n := range benchSizes {
		s := pmptest.New(pmptest.Options{Computers: n, Now: fixedNow})
		token := handlerToken(b, s)
		for _, limit := range []string{"25", "1000"} {
			b.Run(strconv.Itoa(n)+"/pagelimit="+limit, func(b *testing.B) {
				req := httptest.NewRequest(http.MethodGet,
					"/api/1.4/patch/allsystems?page=1&pagelimit="+limit, nil)
				req.Header.Set("Authorization", token)
				for b.Loop() {
					rec := httptest.NewRecorder()
					s.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("HTTP %d", rec.Code)
					}
				}
			})
		}
	}
}

// BenchmarkAllPatchesScoped measures allpatches with a domain filter, which recounts every
// patch over the computers of the domain.
func BenchmarkAllPatchesScoped(b *testing.B) {
	s := pmptest.New(pmptest.Options{Computers: 100000, Now: fixedNow})
	token := handlerToken(b, s)
	req := httptest.NewRequest(http.MethodGet, "/api/1.4/patch/allpatches?domainfilter=ENG", nil)
	req.Header.Set("Authorization", token)
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
	}
}

// handlerToken signs in as admin through ServeHTTP.
func handlerToken(tb testing.TB, s *pmptest.Server) string {
	tb.Helper()
	body := []byte(`{"username":"admin","password":"` + b64("admin") +
		`","auth_type":"local_authentication"}`)
	req := httptest.NewRequest(http.MethodPost, "/api/1.4/desktop/authentication",
		bytes.NewReader(body))
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	auth := payload(tb, decode(tb, rec.Body.Bytes()))["authentication"].(doc)
	return str(tb, auth["auth_data"].(doc)["auth_token"])
}
