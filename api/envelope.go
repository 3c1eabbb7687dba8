package api

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// envelopeHeader holds the status and error keys of every 1.3/1.4 response. The error keys
// cover the documented error_code/error_description form and the ErrorCode/ErrorMsg form
// that some builds send with HTTP 401.
type envelopeHeader struct {
	Status           Text `json:"status"`
	ErrorCode        Text `json:"error_code"`
	ErrorDescription Text `json:"error_description"`
	ErrorName        Text `json:"error"`
	AltErrorCode     Text `json:"ErrorCode"`
	AltErrorMessage  Text `json:"ErrorMsg"`
}

func (h *envelopeHeader) header() *envelopeHeader { return h }

// responseTarget is a whole response body decoded in one json.Unmarshal pass: the header
// plus message_response with its payload keys as struct fields. Decoding the rows inside
// the same pass avoids scanning a large list twice.
type responseTarget interface {
	header() *envelopeHeader
	hasPayload() bool       // message_response was present and not null
	hasKey(key string) bool // message_response[key] was present and not null
}

// decodeResponse checks the HTTP status, decodes the body into target, checks the
// envelope status and returns the first key of rq.keys present in message_response.
func decodeResponse(rq *request, resp *response, target responseTarget) (string, error) {
	if resp.status < 200 || resp.status > 299 {
		return "", httpError(rq, resp)
	}

	if err := decodeBody(rq, resp, target); err != nil {
		return "", err
	}

	h := target.header()
	switch strings.ToLower(string(h.Status)) {
	case "success":
	case "error":
		return "", envelopeError(rq, resp.status, h)
	case "":
		return "", badResponse(rq.endpoint, "missing \"status\" in the response")
	default:
		return "", badResponse(rq.endpoint, "unknown status %q", truncate(string(h.Status)))
	}

	if !target.hasPayload() {
		return "", badResponse(rq.endpoint, "missing \"message_response\" in the response")
	}
	return payloadKey(rq, target)
}

// decodeBody unmarshals the body. When that fails it still reports an error envelope,
// because PMP's error responses need not match the success layout.
func decodeBody(rq *request, resp *response, target responseTarget) error {
	body := bytes.TrimSpace(resp.body)
	if len(body) == 0 {
		return badResponse(rq.endpoint, "empty response body")
	}
	if looksLikeHTML(resp.header, body) {
		return badResponse(rq.endpoint,
			"received an HTML page instead of JSON, check that the base URL points at the "+
				"PMP server and not at a proxy or login page")
	}

	err := json.Unmarshal(body, target)
	if err == nil {
		return nil
	}

	var h envelopeHeader
	if json.Unmarshal(body, &h) == nil && strings.EqualFold(string(h.Status), "error") {
		return envelopeError(rq, resp.status, &h)
	}
	return badResponse(rq.endpoint, "%s", describeDecodeError(err))
}

// describeDecodeError rewords encoding/json errors without Go type names.
func describeDecodeError(err error) string {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError

	switch {
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("response is not valid JSON at byte %d: %v", syntaxErr.Offset, err)
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Sprintf("unexpected JSON %s at %q", typeErr.Value, typeErr.Field)
	case errors.As(err, &typeErr):
		return fmt.Sprintf("unexpected JSON %s instead of an object", typeErr.Value)
	default:
		return "decoding response: " + err.Error()
	}
}

func looksLikeHTML(header http.Header, body []byte) bool {
	contentType := strings.ToLower(header.Get("Content-Type"))
	return strings.HasPrefix(contentType, "text/html") || body[0] == '<'
}

// payloadKey returns the first of rq.keys present in message_response.
func payloadKey(rq *request, target responseTarget) (string, error) {
	for _, key := range rq.keys {
		if target.hasKey(key) {
			return key, nil
		}
	}

	quoted := make([]string, len(rq.keys))
	for i, key := range rq.keys {
		quoted[i] = strconv.Quote(key)
	}
	return "", badResponse(rq.endpoint, "missing or null %s in message_response",
		strings.Join(quoted, " or "))
}

// envelopeError builds the APIError for a status "error" envelope.
func envelopeError(rq *request, status int, env *envelopeHeader) *APIError {
	code := string(firstText(env.ErrorCode, env.AltErrorCode))
	description := string(firstText(env.ErrorDescription, env.AltErrorMessage, env.ErrorName))

	e := &APIError{
		Endpoint:    rq.endpoint,
		HTTPStatus:  status,
		Code:        code,
		Description: redact(description, rq.secrets),
	}
	e.sentinel = errorSentinel(rq.kind, status, code, description)
	return e
}

// httpError builds the APIError for a non-2xx status, using the body's error fields when
// the body is JSON.
func httpError(rq *request, resp *response) *APIError {
	var env envelopeHeader
	if json.Unmarshal(resp.body, &env) != nil {
		env = envelopeHeader{}
	}

	e := envelopeError(rq, resp.status, &env)
	if e.Description == "" {
		e.Description = statusDescription(resp)
	}
	if resp.status == http.StatusTooManyRequests {
		e.RetryAfter = parseRetryAfter(resp.header.Get("Retry-After"))
	}
	return e
}

// errorSentinel maps PMP's error code and the HTTP status to a sentinel error.
func errorSentinel(kind callKind, status int, code, description string) error {
	switch {
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case kind == kindOTP && status < 500:
		return ErrOTPInvalid
	case code == "10002":
		return ErrUnauthorized
	case kind == kindLogin && code == "10001":
		return loginSentinel(description)
	case kind == kindLogin && status == http.StatusUnauthorized:
		return ErrBadCredentials
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrPermissionDenied
	default:
		return nil
	}
}

// loginSentinel distinguishes a locked account from bad credentials: PMP sends "10001" for both,
// and only the description mentions the lock.
func loginSentinel(description string) error {
	if strings.Contains(strings.ToLower(description), "lock") {
		return ErrAccountLocked
	}
	return ErrBadCredentials
}

func statusDescription(resp *response) string {
	switch {
	case resp.status == http.StatusTooManyRequests:
		return tooManyRequestsText(resp.header.Get("Retry-After"))
	case resp.status >= 300 && resp.status < 400:
		return redirectText(resp.header.Get("Location"))
	case resp.status == http.StatusForbidden:
		return "permission denied for this PMP user"
	default:
		return http.StatusText(resp.status)
	}
}

func tooManyRequestsText(retryAfter string) string {
	d := parseRetryAfter(retryAfter)
	if d <= 0 {
		return "PMP rate limit exceeded, wait a few minutes before retrying"
	}
	return fmt.Sprintf("PMP rate limit exceeded, retry after %v", d)
}

// redirectText names the redirect target without its query, which could carry secrets.
func redirectText(location string) string {
	u, err := url.Parse(location)
	if err != nil || location == "" {
		return "PMP returned a redirect, use the final address as the PMP base URL"
	}

	u.RawQuery, u.Fragment, u.User = "", "", nil
	return fmt.Sprintf("PMP redirected to %s, use that address as the PMP base URL", u)
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
func parseRetryAfter(value string) time.Duration {
	value = strings.TrimSpace(value)
	if seconds, err := strconv.Atoi(value); err == nil && seconds > 0 {
		return time.Duration(seconds) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil {
		return time.Until(at).Round(time.Second)
	}
	return 0
}

// redact removes every secret from text, longest first so that a secret containing
// another is removed whole.
func redact(text string, secrets []string) string {
	for _, s := range sortedByLength(secrets) {
		if s != "" {
			text = strings.ReplaceAll(text, s, "[redacted]")
		}
	}
	return text
}

func sortedByLength(values []string) []string {
	sorted := slices.Clone(values)
	slices.SortStableFunc(sorted, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return sorted
}

// truncate shortens a value quoted in an error message.
func truncate(s string) string {
	const maxLen = 60
	if len(s) > maxLen {
		return s[:maxLen] + "..."
	}
	return s
}
