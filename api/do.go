package api

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// callKind selects how error responses map to sentinels and whether a call may retry.
type callKind int

const (
	kindRead  callKind = iota // data call with a token, retried once when unreachable
	kindLogin                 // desktop/authentication, never retried
	kindOTP                   // desktop/authentication/otpValidate, never retried
)

// request is one PMP call as built by a Client method.
type request struct {
	kind     callKind
	method   string
	endpoint string     // "<entity>/<operation>", for example "patch/allsystems"
	query    url.Values // may contain a base64 password (1.3 login), so never log it
	body     any        // sent as JSON when not nil
	token    string     // sent raw in the Authorization header when not empty
	secrets  []string   // values removed from error descriptions
	keys     []string   // message_response keys, the first present one is used
}

// response is an HTTP response whose body has been read in full.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends rq, retrying a read once when PMP was unreachable, checks the HTTP status and
// the envelope status, decodes the body into target and returns the first key of rq.keys
// present in message_response. The per-call timeout covers both attempts.
//
// Reads retry only on ErrUnreachable, which is set only when no response arrived, so a
// request that PMP may have processed is never repeated. Timeouts are not retried: the
// time budget is spent, and a slow PMP would only get more load.
func (c *Client) do(ctx context.Context, rq *request, target responseTarget) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	for attempt := 1; ; attempt++ {
		start := time.Now()
		resp, err := c.send(ctx, rq)

		var key string
		if err == nil {
			key, err = decodeResponse(rq, resp, target)
		}
		c.report(ctx, rq.endpoint, resp, time.Since(start), err)

		if attempt == 1 && c.shouldRetry(ctx, rq, err) {
			c.logger.LogAttrs(ctx, slog.LevelDebug, "retrying PMP call",
				slog.String("endpoint", rq.endpoint), slog.Any("error", err))
			continue
		}
		return key, err
	}
}

// shouldRetry waits for the retry delay and reports whether a second attempt may start.
func (c *Client) shouldRetry(ctx context.Context, rq *request, err error) bool {
	if rq.kind != kindRead || rq.method != http.MethodGet || !errors.Is(err, ErrUnreachable) {
		return false
	}

	timer := time.NewTimer(c.retryDelay)
	defer timer.Stop()

	select {
	case <-ctx.Done():
		return false
	case <-timer.C:
		return true
	}
}

// report logs one request and passes it to the observer.
func (c *Client) report(ctx context.Context, endpoint string, resp *response, d time.Duration,
	err error) {
	status := 0
	if resp != nil {
		status = resp.status
	}

	attrs := []slog.Attr{
		slog.String("endpoint", endpoint),
		slog.Int("status", status),
		slog.Duration("duration", d),
	}
	if err != nil {
		attrs = append(attrs, slog.Any("error", err))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "PMP call", attrs...)

	if c.observer != nil {
		c.observer(ctx, Call{Endpoint: endpoint, Status: status, Duration: d, Err: err})
	}
}

// send performs one HTTP request and reads the body within the size limit.
func (c *Client) send(ctx context.Context, rq *request) (*response, error) {
	httpReq, err := c.newHTTPRequest(ctx, rq)
	if err != nil {
		return nil, err
	}

	httpResp, err := c.http.Do(httpReq)
	if err != nil {
		return nil, classifyTransportError(ctx, rq.endpoint, err)
	}
	defer httpResp.Body.Close()

	resp := &response{status: httpResp.StatusCode, header: httpResp.Header}
	resp.body, err = c.readBody(ctx, rq.endpoint, httpResp)
	return resp, err
}

func (c *Client) newHTTPRequest(ctx context.Context, rq *request) (*http.Request, error) {
	var body io.Reader
	if rq.body != nil {
		encoded, err := json.Marshal(rq.body)
		if err != nil {
			return nil, fmt.Errorf("api: %s: encoding request body: %w", rq.endpoint, err)
		}
		body = bytes.NewReader(encoded)
	}

	httpReq, err := http.NewRequestWithContext(ctx, rq.method,
		c.endpointURL(rq.endpoint, rq.query), body)
	if err != nil {
		// The error repeats the URL, which may contain a password, so drop it.
		return nil, fmt.Errorf("api: %s: building request failed", rq.endpoint)
	}

	httpReq.Header.Set("Accept", "application/json")
	if rq.body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	if rq.token != "" {
		httpReq.Header.Set("Authorization", rq.token)
	}
	return httpReq, nil
}

// readBody reads at most maxBody bytes and fails when the body is larger.
func (c *Client) readBody(ctx context.Context, endpoint string, resp *http.Response) ([]byte,
	error) {
	if resp.ContentLength > c.maxBody {
		return nil, badResponse(endpoint, "response body of %d bytes exceeds the limit of %d bytes",
			resp.ContentLength, c.maxBody)
	}

	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		if isTimeout(ctx, err) {
			return nil, fmt.Errorf("%w: %s: reading response body: %w", ErrTimeout, endpoint, err)
		}
		return nil, badResponse(endpoint, "reading response body failed: %v", err)
	}

	if int64(len(body)) > c.maxBody {
		return nil, badResponse(endpoint, "response body exceeds the limit of %d bytes", c.maxBody)
	}
	return body, nil
}

// classifyTransportError maps an error of http.Client.Do, which happens before any
// response, to ErrTimeout, ErrTLS or ErrUnreachable. It drops the *url.Error wrapper
// because that repeats the request URL, which holds the password of a 1.3 login.
func classifyTransportError(ctx context.Context, endpoint string, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}

	switch {
	case errors.Is(ctx.Err(), context.Canceled) && !errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("api: %s: request canceled: %w", endpoint, ctx.Err())
	case isTimeout(ctx, err):
		return fmt.Errorf("%w: %s: %w", ErrTimeout, endpoint, err)
	case isTLSError(err):
		return fmt.Errorf("%w: %s: %w", ErrTLS, endpoint, err)
	default:
		return fmt.Errorf("%w: %s: %w", ErrUnreachable, endpoint, err)
	}
}

// isTimeout reports a deadline, but not a dial timeout: a host that does not accept a
// connection within the dialer's limit is unreachable.
func isTimeout(ctx context.Context, err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return true
	}

	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return false
	}

	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// isTLSError reports certificate verification failures, a pin mismatch and handshakes
// with a server that does not speak TLS.
func isTLSError(err error) bool {
	var (
		verifyErr   *tls.CertificateVerificationError
		unknownCA   x509.UnknownAuthorityError
		hostnameErr x509.HostnameError
		invalidErr  x509.CertificateInvalidError
		pinErr      *pinMismatchError
		recordErr   tls.RecordHeaderError
		alertErr    tls.AlertError
	)

	switch {
	case errors.As(err, &verifyErr), errors.As(err, &unknownCA), errors.As(err, &hostnameErr),
		errors.As(err, &invalidErr), errors.As(err, &pinErr), errors.As(err, &recordErr),
		errors.As(err, &alertErr):
		return true
	default:
		// net/http returns a plain error when an https URL reaches a plain HTTP server.
		return strings.Contains(err.Error(), "server gave HTTP response to HTTPS client")
	}
}
