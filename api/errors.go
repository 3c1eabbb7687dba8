package api

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors returned by Client methods. Test for them with errors.Is. No message
// contains the PMP token or a password.
var (
	// ErrUnauthorized means PMP did not accept the token (error_code "10002", HTTP 401 on
	// a data call): the user must sign in again.
	ErrUnauthorized = errors.New("api: PMP did not accept the token, sign in again")

	// ErrBadCredentials means PMP rejected the user name or password at login
	// (error_code "10001", or HTTP 401 at login).
	ErrBadCredentials = errors.New("api: invalid user name or password")

	// ErrAccountLocked means PMP rejected a login with error_code "10001" and a
	// description that mentions a lock. It does not match ErrBadCredentials.
	ErrAccountLocked = errors.New("api: account locked, try again later")

	// ErrOTPInvalid means PMP rejected the one-time password: every error response of
	// desktop/authentication/otpValidate maps to it.
	ErrOTPInvalid = errors.New("api: invalid or expired one-time password")

	// ErrPermissionDenied means PMP returned HTTP 403: the token is valid but the user's
	// role may not call this endpoint, so signing in again does not help.
	ErrPermissionDenied = errors.New("api: permission denied by PMP")

	// ErrRateLimited means PMP returned HTTP 429. APIError.RetryAfter carries the
	// Retry-After delay when PMP sent one.
	ErrRateLimited = errors.New("api: PMP rate limit exceeded")

	// ErrUnreachable means no HTTP response arrived: connection refused, DNS failure or
	// connection reset before the response headers.
	ErrUnreachable = errors.New("api: PMP server unreachable")

	// ErrTimeout means the per-call timeout or the caller's deadline expired while
	// waiting for PMP.
	ErrTimeout = errors.New("api: timed out waiting for PMP")

	// ErrTLS means the TLS handshake failed, usually because the server certificate did
	// not verify against the trusted CAs or did not match the pinned SHA-256.
	ErrTLS = errors.New("api: TLS handshake with PMP failed")

	// ErrBadResponse means PMP's response could not be used: not JSON (for example an HTML
	// page), truncated, larger than the body limit, or missing the envelope, the payload
	// key, the list key or the total. The message names the endpoint.
	ErrBadResponse = errors.New("api: invalid response from PMP")
)

// APIError is an error response from PMP: a status "error" envelope or a non-2xx HTTP
// status. Is matches the sentinel that the code or status maps to, if any.
type APIError struct {
	Endpoint    string        // for example "patch/allsystems"
	HTTPStatus  int           // HTTP status of the response
	Code        string        // error_code from the body, empty when absent
	Description string        // error_description from the body, secrets removed
	RetryAfter  time.Duration // Retry-After of an HTTP 429, zero when absent

	sentinel error // ErrUnauthorized, ErrBadCredentials, ... or nil
}

// Error formats the endpoint, the HTTP status or PMP error code and the description.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "api: %s: ", e.Endpoint)

	switch {
	case e.Code != "":
		fmt.Fprintf(&b, "PMP error code %s", e.Code)
	default:
		fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
	}

	if e.Description != "" {
		fmt.Fprintf(&b, ": %s", e.Description)
	}
	return b.String()
}

// Is reports whether target is the sentinel error this PMP response maps to.
func (e *APIError) Is(target error) bool {
	return e.sentinel != nil && target == e.sentinel
}

// badResponse wraps ErrBadResponse with the endpoint and what was wrong.
func badResponse(endpoint, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrBadResponse, endpoint, fmt.Sprintf(format, args...))
}
