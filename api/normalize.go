package api

import (
	"encoding/json"
	"fmt"
)

// Record types decode in two steps: encoding/json fills a wire struct whose tags cover
// every documented key spelling (dotted table.column keys, their underscore forms and
// older names), then row() picks the first present spelling. Struct tags keep decoding
// fast; encoding/json accepts dots in tag names.

func firstText(values ...Text) Text {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func firstInt(values ...Int) Int {
	for _, v := range values {
		if v.Valid {
			return v
		}
	}
	return Int{}
}

func firstTime(values ...Time) Time {
	for _, v := range values {
		if !v.IsZero() {
			return v
		}
	}
	return Time{}
}

func firstPlatform(values ...Platform) Platform {
	for _, v := range values {
		if v.Valid {
			return v
		}
	}
	return Platform{}
}

// flag converts a 0/1 code, such as patch_noreboot, to a Bool.
func flag(n Int) Bool {
	if !n.Valid || (n.Value != 0 && n.Value != 1) {
		return Bool{}
	}
	return Bool{Value: n.Value == 1, Valid: true}
}

// downloadStatus decodes download_status: 221 means downloaded and "--" means not yet
// downloaded, so unlike Int it keeps "--" apart from null and a missing key.
type downloadStatus struct {
	Bool
}

// downloadedCode is the download_status of a downloaded patch.
const downloadedCode = 221

func (d *downloadStatus) UnmarshalJSON(b []byte) error {
	d.Bool = Bool{}

	var text Text
	if err := text.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("api: invalid download_status: %w", err)
	}

	v, ok, err := parseIntJSON(b)
	switch {
	case err != nil:
		return err
	case ok:
		d.Bool = Bool{Value: v == downloadedCode, Valid: true}
	case text == "" && string(b) != "null":
		d.Bool = Bool{Value: false, Valid: true} // "--" or ""
	}
	return nil
}

// errorCode decodes an error code field where -1 means "no error".
func errorCode(n Int) Int {
	if n.Valid && n.Value == -1 {
		return Int{}
	}
	return n
}

// unmarshalRow decodes one record through its wire type, for callers that decode a
// single record with json.Unmarshal.
func unmarshalRow[W, T any](b []byte, out *T, convert func(*W) T) error {
	var w W
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*out = convert(&w)
	return nil
}
