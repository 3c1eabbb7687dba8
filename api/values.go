package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// PMP marks empty values with "--", sometimes also in numeric fields, and uses -1 for
// "never". The types below decode every such variant. Scalars that do not parse decode as
// unknown (Valid false, zero Time), so that one odd cell does not hide a whole table. JSON
// objects and arrays in a scalar field are errors, because they mean the layout changed.

// Text is a string field. "--" and null decode to "", numbers and booleans to their JSON
// text.
type Text string

// Int is an integer field. "--", "", "NA", null and non-numeric strings decode to
// Valid=false. Numeric strings such as "12" decode to 12, and integral floats such as 12.0
// are accepted.
type Int struct {
	Value int64
	Valid bool
}

// Time is an epoch timestamp field in UTC. PMP sends milliseconds, but one documented
// request uses seconds, so values below 1e11 are taken as seconds: 1e11 ms is March 1973,
// long before any PMP data. -1, 0, other negative values, "--" and null decode to the
// zero Time, which means "never" or unknown. RFC 3339 strings are accepted too.
type Time struct {
	time.Time
}

// Bool is a boolean field. true, "true", 1 and "1" decode to true, and false, "false", 0
// and "0" to false. Anything else, including "--" and null, decodes to Valid=false.
type Bool struct {
	Value bool
	Valid bool
}

// secondsLimit is the boundary below which an epoch value is taken as seconds.
const secondsLimit = 1e11

// maxEpochMillis is 9999-12-31T23:59:59.999Z. Later values decode as unknown.
const maxEpochMillis = 253402300799999

// String returns the text.
func (t Text) String() string { return string(t) }

// UnmarshalJSON decodes a string, number, boolean or null.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*t = ""

	if len(b) == 0 {
		return fmt.Errorf("api: empty JSON value for text")
	}

	switch b[0] {
	case 'n':
		return nil
	case '"':
		s, err := unquote(b)
		if err != nil {
			return err
		}
		if s != "--" {
			*t = Text(neutralizeBidi(s))
		}
		return nil
	case '{', '[':
		return fmt.Errorf("api: expected text, got JSON %s", describeJSON(b))
	default:
		*t = Text(b)
		return nil
	}
}

// String returns the decimal value, or "" when not Valid.
func (n Int) String() string {
	if !n.Valid {
		return ""
	}
	return strconv.FormatInt(n.Value, 10)
}

// UnmarshalJSON decodes a number, numeric string, "--" or null.
func (n *Int) UnmarshalJSON(b []byte) error {
	v, ok, err := parseIntJSON(b)
	*n = Int{Value: v, Valid: ok}
	return err
}

// UnmarshalJSON decodes epoch milliseconds (or seconds, see Time) from a number or
// string.
func (t *Time) UnmarshalJSON(b []byte) error {
	t.Time = time.Time{}
	b = bytes.TrimSpace(b)

	if len(b) > 0 && b[0] == '"' {
		s, err := unquote(b)
		if err != nil {
			return err
		}
		t.Time = parseTimeText(s)
		return nil
	}

	v, ok, err := parseIntJSON(b)
	if ok {
		t.Time = epochTime(v)
	}
	return err
}

// UnmarshalJSON decodes true/false, 1/0, their string forms, "--" or null.
func (v *Bool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*v = Bool{}

	if len(b) == 0 {
		return fmt.Errorf("api: empty JSON value for boolean")
	}

	switch b[0] {
	case '{', '[':
		return fmt.Errorf("api: expected boolean, got JSON %s", describeJSON(b))
	case '"':
		s, err := unquote(b)
		if err != nil {
			return err
		}
		*v = parseBoolText(s)
		return nil
	default:
		*v = parseBoolText(string(b))
		return nil
	}
}

func parseBoolText(s string) Bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes":
		return Bool{Value: true, Valid: true}
	case "false", "0", "no":
		return Bool{Value: false, Valid: true}
	default:
		return Bool{}
	}
}

// epochTime converts an epoch value in milliseconds, or seconds below secondsLimit.
func epochTime(v int64) time.Time {
	switch {
	case v <= 0 || v > maxEpochMillis:
		return time.Time{}
	case v < secondsLimit:
		return time.Unix(v, 0).UTC()
	default:
		return time.UnixMilli(v).UTC()
	}
}

func parseTimeText(s string) time.Time {
	if v, ok := parseIntText(s); ok {
		return epochTime(v)
	}

	parsed, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return parsed.UTC()
}

// parseIntJSON decodes an integer from a JSON number or string. ok is false for null,
// empty markers, booleans and strings that are not numbers. err is set only for objects,
// arrays and malformed input.
func parseIntJSON(b []byte) (v int64, ok bool, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0, false, fmt.Errorf("api: empty JSON value for integer")
	}

	switch b[0] {
	case 'n', 't', 'f':
		return 0, false, nil
	case '"':
		s, err := unquote(b)
		if err != nil {
			return 0, false, err
		}
		v, ok := parseIntText(s)
		return v, ok, nil
	case '{', '[':
		return 0, false, fmt.Errorf("api: expected integer, got JSON %s", describeJSON(b))
	default:
		v, ok := parseIntBytes(b)
		return v, ok, nil
	}
}

// parseIntText parses a decimal integer, or an integral float, from a string.
func parseIntText(s string) (int64, bool) {
	return parseIntBytes([]byte(strings.TrimSpace(s)))
}

// parseIntBytes parses a decimal integer without allocating, falling back to
// strconv.ParseFloat for exponents and fractions. Non-integral values are not Valid.
func parseIntBytes(b []byte) (int64, bool) {
	if v, ok := parseDecimal(b); ok {
		return v, true
	}
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		return v, true
	}

	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt64/2 {
		return 0, false
	}
	return int64(f), true
}

// parseDecimal parses an optionally signed run of ASCII digits that fits in int64.
func parseDecimal(b []byte) (int64, bool) {
	negative := len(b) > 0 && b[0] == '-'
	if negative {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false // 18 digits always fit, so no overflow check is needed
	}

	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}

	if negative {
		v = -v
	}
	return v, true
}

// unquote decodes a JSON string literal. Literals without escapes and with valid UTF-8
// skip json.Unmarshal, which would replace invalid UTF-8 with U+FFFD.
func unquote(b []byte) (string, error) {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		inner := b[1 : len(b)-1]
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 &&
			utf8.Valid(inner) {
			return string(inner), nil
		}
	}

	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return "", fmt.Errorf("api: invalid JSON string %s: %w", describeJSON(b), err)
	}
	return s, nil
}

// describeJSON returns the start of a JSON value for an error message.
func describeJSON(b []byte) string {
	const maxLen = 40
	if len(b) > maxLen {
		return strconv.Quote(string(b[:maxLen])) + "..."
	}
	return strconv.Quote(string(b))
}

// neutralizeBidi replaces Unicode bidirectional embedding, override and isolate controls
// (U+202A to U+202E, U+2066 to U+2069) with U+FFFD. These controls are invisible and
// reorder the text around them, so "invoice\u202Egpj.exe" would read as a harmless file
// name. The replacement character shows that something was there.
func neutralizeBidi(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}
