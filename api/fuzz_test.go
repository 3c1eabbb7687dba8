package api

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode feeds arbitrary bodies to every endpoint decoder and to the tolerant value
// types, starting from the documented samples and the simulator's responses. Decoding must never panic, and every failure must be ErrBadResponse or an
// APIError, so that the web layer can always show a meaningful message.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	for _, seed := range []string{
		``, `null`, `[]`, `"--"`, `-1`, `<html></html>`,
		`{"status":"success","message_response":{"total":"--","allsystems":[{}]}}`,
		`{"status":"error","error_code":10002,"message_response":[]}`,
		`{"status":"success","message_response":{"summary":null}}`,
		`{"status":"success","message_response":{"total":1e400,"computers":[{"os_platform":"x"}]}}`,
	} {
		f.Add([]byte(seed))
	}
	addSimulatorSeeds(f)

	f.Fuzz(func(t *testing.T, body []byte) {
		for name, decode := range bodyDecoders {
			got, err := decode(body)
			checkDecodeResult(t, name, got, err)
		}
		decodeScalars(body)
	})
}

func checkDecodeResult(t *testing.T, name string, got any, err error) {
	var apiErr *APIError
	if err != nil {
		if !errors.Is(err, ErrBadResponse) && !errors.As(err, &apiErr) {
			t.Errorf("%s: error %v is neither ErrBadResponse nor an APIError", name, err)
		}
		return
	}

	if got == nil {
		t.Errorf("%s: nil result without error", name)
	}
	if page, ok := got.(*Page[System]); ok {
		if page.Total < 0 || page.Limit <= 0 || page.Page <= 0 {
			t.Errorf("%s: invalid paging %d/%d/%d", name, page.Total, page.Limit, page.Page)
		}
		for _, row := range page.Rows {
			if row.Health.Label() == "" || row.Platform.Label() == "" {
				t.Errorf("%s: empty label in %+v", name, row)
			}
		}
	}
}

// decodeScalars calls the value decoders directly, which, unlike encoding/json, passes
// them input that is not valid JSON.
func decodeScalars(body []byte) {
	var (
		text     Text
		number   Int
		stamp    Time
		flag     Bool
		platform Platform
		download downloadStatus
	)
	_ = text.UnmarshalJSON(body)
	_ = number.UnmarshalJSON(body)
	_ = stamp.UnmarshalJSON(body)
	_ = flag.UnmarshalJSON(body)
	_ = platform.UnmarshalJSON(body)
	_ = download.UnmarshalJSON(body)
	_ = platform.Label()
}
