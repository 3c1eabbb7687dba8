// Package api is a typed client for the REST API of ManageEngine Patch Manager Plus
// (PMP) on-premises, versions 1.3 and 1.4 of the legacy API family.
//
// Every call takes the caller's context and the user's PMP token. The Client itself holds
// no credentials, so one Client serves all users of a server. Error responses map to the
// sentinel errors in errors.go, and response values decode through the tolerant types in
// values.go and codes.go, because PMP sends "--", -1 and numeric strings in many fields.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of a new Client.
const (
	DefaultVersion      = "1.4"
	DefaultTimeout      = 15 * time.Second
	DefaultMaxBodyBytes = 8 << 20
)

// Client calls one PMP server. It is safe for concurrent use.
type Client struct {
	base     *url.URL
	http     *http.Client
	version  string
	logger   *slog.Logger
	timeout  time.Duration
	maxBody  int64
	observer func(context.Context, Call)

	retryDelay time.Duration
}

// Option configures a Client in New.
type Option func(*Client)

// Call describes one HTTP request to PMP, passed to the WithObserver function.
type Call struct {
	Endpoint string        // for example "patch/allsystems", without version or query
	Status   int           // HTTP status, 0 when no response arrived
	Duration time.Duration // from sending the request to decoding the response
	Err      error         // nil on success
}

// WithHTTPClient sets the HTTP client. The default comes from NewHTTPClient with TLS
// verification on.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) { c.http = hc }
}

// WithVersion sets the API version, "1.3" or "1.4" (default). It selects the login form
// (1.3 GET with query string, 1.4 POST with JSON) and the /api/<version>/ path prefix.
func WithVersion(v string) Option {
	return func(c *Client) { c.version = v }
}

// WithLogger sets the logger for one debug line per HTTP request with endpoint, status
// and duration. The token and passwords are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) { c.logger = l }
}

// WithTimeout sets the time limit of one method call, including the retry of a read
// (default 15s).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) { c.timeout = d }
}

// WithMaxBodyBytes sets the largest response body accepted (default 8 MiB). A larger body
// fails with ErrBadResponse.
func WithMaxBodyBytes(n int64) Option {
	return func(c *Client) { c.maxBody = n }
}

// WithObserver sets a function called after every HTTP request to PMP with the context
// of the call, for example to fill the caller's Server-Timing header. A retried read
// reports both requests. The function must be safe for concurrent use.
func WithObserver(f func(context.Context, Call)) Option {
	return func(c *Client) { c.observer = f }
}

// New returns a Client for the PMP server at baseURL, for example
// "https://pmp.example.com:8383". The URL must use http or https, name a host and carry
// no user info, query or fragment. A path prefix is kept for servers behind a reverse
// proxy.
func New(baseURL string, opts ...Option) (*Client, error) {
	base, err := parseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}

	c := &Client{
		base:       base,
		version:    DefaultVersion,
		timeout:    DefaultTimeout,
		maxBody:    DefaultMaxBodyBytes,
		retryDelay: 100 * time.Millisecond,
	}
	for _, opt := range opts {
		opt(c)
	}

	if err := c.validateOptions(); err != nil {
		return nil, err
	}
	return c, nil
}

// Version returns the API version used in paths, "1.3" or "1.4".
func (c *Client) Version() string { return c.version }

func (c *Client) validateOptions() error {
	if c.version != "1.3" && c.version != "1.4" {
		return fmt.Errorf("api: unsupported API version %q, use \"1.3\" or \"1.4\"", c.version)
	}
	if c.timeout <= 0 {
		return fmt.Errorf("api: timeout must be positive, got %v", c.timeout)
	}
	if c.maxBody <= 0 {
		return fmt.Errorf("api: maximum body size must be positive, got %d", c.maxBody)
	}

	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	if c.http == nil {
		hc, err := NewHTTPClient(TLSOptions{})
		if err != nil {
			return err
		}
		c.http = hc
	}
	return nil
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// The parse error repeats the URL, which may contain a password in its user info.
		return nil, fmt.Errorf("api: invalid PMP base URL: %w", errors.Unwrap(err))
	}

	switch {
	case u.User != nil:
		return nil, errors.New("api: PMP base URL must not contain user info")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("api: PMP base URL %q must start with https:// or http://", raw)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("api: PMP base URL %q has no host", raw)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return nil, fmt.Errorf("api: PMP base URL %q must not contain a query or fragment", raw)
	}

	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// endpointURL builds <base>/api/<version>/<endpoint>?<query>.
func (c *Client) endpointURL(endpoint string, query url.Values) string {
	u := *c.base
	u.Path = u.Path + "/api/" + c.version + "/" + endpoint
	u.RawQuery = query.Encode()
	return u.String()
}
