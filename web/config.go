package web

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the portal's configuration, parsed once from flags and PATCHDESK_* variables.
type Config struct {
	Addr       string
	PublicURL  string
	PMPURL     string
	PMPVersion string
	CAFile     string
	PinSHA256  string
	Insecure   bool
	PMPTimeout time.Duration
	LogLevel   slog.Level

	TLSCert        string
	TLSKey         string
	TrustedProxies []*net.IPNet

	SessionIdle     time.Duration
	SessionLifetime time.Duration
	SecureCookies   bool

	Demo          bool
	DemoComputers int
	DemoLatency   time.Duration
	DemoSeed      int64
	DemoHostile   bool
}

// ErrHelp is returned by ParseConfig when -h or -help was given.
var ErrHelp = flag.ErrHelp

// option describes one setting: its flag name, the variable that can also set it, and help.
type option struct {
	name  string
	value flag.Value
	usage string
}

func (o option) envName() string {
	return "PATCHDESK_" + strings.ToUpper(strings.ReplaceAll(o.name, "-", "_"))
}

// ParseConfig reads the settings from args and from the environment through getenv.
// A flag wins over its variable. The error names the option that is invalid.
func ParseConfig(args []string, getenv func(string) string, output io.Writer) (Config, error) {
	cfg := Config{
		Addr:            "127.0.0.1:8080",
		PMPVersion:      "1.4",
		PMPTimeout:      15 * time.Second,
		LogLevel:        slog.LevelInfo,
		SessionIdle:     30 * time.Minute,
		SessionLifetime: 12 * time.Hour,
		DemoComputers:   1500,
		DemoSeed:        1,
	}
	fs := flag.NewFlagSet("patchdesk", flag.ContinueOnError)
	fs.SetOutput(output)
	options := cfg.options()
	for _, o := range options {
		fs.Var(o.value, o.name, o.usage+" (env "+o.envName()+")")
	}
	for _, o := range options {
		if v := getenv(o.envName()); v != "" {
			if err := o.value.Set(v); err != nil {
				return cfg, fmt.Errorf("invalid %s %q: %w", o.envName(), v, err)
			}
		}
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q: options start with a dash", fs.Arg(0))
	}
	return cfg, cfg.validate()
}

func (c *Config) options() []option {
	return []option{
		{"addr", (*stringValue)(&c.Addr), "address to listen on, host:port"},
		{"public-url", (*stringValue)(&c.PublicURL), "URL users reach the portal at, such as " +
			"https://patchdesk.example.com, for links in ticket text; default: the request's host"},
		{"pmp-url", (*stringValue)(&c.PMPURL), "base URL of the Patch Manager Plus server, " +
			"for example https://pmp.example.com:8383"},
		{"pmp-api-version", (*stringValue)(&c.PMPVersion), "PMP API version to call: 1.4 or 1.3"},
		{"pmp-ca-file", (*stringValue)(&c.CAFile), "PEM file of extra CA certificates " +
			"trusted for the PMP server"},
		{"pmp-pin-sha256", (*stringValue)(&c.PinSHA256), "SHA-256 fingerprint (hex) of the PMP " +
			"server's certificate to trust even when it is self-signed"},
		{"pmp-insecure-skip-verify", (*boolValue)(&c.Insecure), "do not verify PMP's TLS " +
			"certificate (unsafe: anyone on the network can read PMP tokens)"},
		{"pmp-timeout", (*durationValue)(&c.PMPTimeout), "time limit of one call to PMP, " +
			"such as 15s"},
		{"tls-cert", (*stringValue)(&c.TLSCert), "PEM certificate file (with its chain) to " +
			"serve the portal over HTTPS; needs -tls-key"},
		{"tls-key", (*stringValue)(&c.TLSKey), "PEM private key file of -tls-cert"},
		{"trusted-proxies", (*networksValue)(&c.TrustedProxies), "comma-separated IP " +
			"addresses or CIDR ranges of reverse proxies whose X-Forwarded-For header names " +
			"the client; default: none, the client is the connection's address"},
		{"log-level", (*levelValue)(&c.LogLevel), "log level: debug, info, warn or error"},
		{"session-idle", (*durationValue)(&c.SessionIdle), "sign a user out after this long " +
			"without a request"},
		{"session-lifetime", (*durationValue)(&c.SessionLifetime), "sign a user out this long " +
			"after sign-in, whatever their activity"},
		{"secure-cookies", (*boolValue)(&c.SecureCookies), "mark the session cookie Secure " +
			"and send Strict-Transport-Security because a TLS proxy serves the portal over " +
			"HTTPS; on by itself with -tls-cert"},
		{"demo", (*boolValue)(&c.Demo), "start the built-in PMP simulator and use it as PMP"},
		{"demo-computers", (*intValue)(&c.DemoComputers), "number of computers in the " +
			"simulated estate"},
		{"demo-latency", (*durationValue)(&c.DemoLatency), "delay the simulator adds to every " +
			"PMP call"},
		{"demo-seed", (*int64Value)(&c.DemoSeed), "seed of the simulated estate"},
		{"demo-hostile", (*boolValue)(&c.DemoHostile), "fill every text the simulator " +
			"returns with script and markup payloads"},
	}
}

func (c *Config) validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("invalid -addr %q: want host:port, for example 127.0.0.1:8080", c.Addr)
	}
	if c.PMPVersion != "1.4" && c.PMPVersion != "1.3" {
		return fmt.Errorf("invalid -pmp-api-version %q: want 1.4 or 1.3", c.PMPVersion)
	}
	if c.PublicURL != "" && checkBaseURL(c.PublicURL) != nil {
		return fmt.Errorf("invalid -public-url %q: want http(s)://host[:port][/path]",
			c.PublicURL)
	}
	if err := c.validatePMPURL(); err != nil {
		return err
	}
	if c.SessionIdle <= 0 || c.SessionLifetime <= 0 {
		return errors.New("invalid -session-idle or -session-lifetime: both must be positive")
	}
	if c.SessionIdle > c.SessionLifetime {
		return fmt.Errorf("invalid -session-idle %s: longer than -session-lifetime %s",
			c.SessionIdle, c.SessionLifetime)
	}
	if c.PMPTimeout <= 0 || c.PMPTimeout > 10*time.Minute {
		return fmt.Errorf("invalid -pmp-timeout %s: want more than 0 and at most 10m",
			c.PMPTimeout)
	}
	if err := c.validateTLS(); err != nil {
		return err
	}
	if c.DemoComputers < 1 || c.DemoComputers > 1_000_000 {
		return fmt.Errorf("invalid -demo-computers %d: want 1 to 1000000", c.DemoComputers)
	}
	if c.DemoLatency < 0 {
		return fmt.Errorf("invalid -demo-latency %s: must not be negative", c.DemoLatency)
	}
	return nil
}

// validateTLS checks the TLS options for consistency. Start reads the files, so that
// their errors name the file.
func (c *Config) validateTLS() error {
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return errors.New("invalid -tls-cert and -tls-key: set both to serve HTTPS, or neither")
	}
	return nil
}

// ServesHTTPS reports whether browsers reach the portal over HTTPS, either served here
// with -tls-cert or by a TLS proxy in front as -secure-cookies states. The session cookie
// is then Secure and responses carry Strict-Transport-Security.
func (c *Config) ServesHTTPS() bool {
	return c.TLSCert != "" || c.SecureCookies
}

func (c *Config) validatePMPURL() error {
	if c.Demo {
		if c.PMPURL != "" {
			return errors.New("invalid -pmp-url: -demo serves its own simulator, so leave -pmp-url empty")
		}
		return nil
	}
	if c.PMPURL == "" {
		return errors.New("missing -pmp-url: set it to your PMP server, " +
			"for example https://pmp.example.com:8383, or run with -demo")
	}
	err := checkBaseURL(c.PMPURL)
	switch {
	case errors.Is(err, errNotHTTPURL):
		return fmt.Errorf("invalid -pmp-url %q: want http(s)://host:port", c.PMPURL)
	case errors.Is(err, errURLExtras):
		return fmt.Errorf("invalid -pmp-url %q: remove the user, query or fragment", c.PMPURL)
	}
	return nil
}

var (
	errNotHTTPURL = errors.New("not an http(s) URL with a host")
	errURLExtras  = errors.New("URL with user, query or fragment")
)

// checkBaseURL returns errNotHTTPURL unless raw is an http or https URL with a host and
// no spaces, and errURLExtras when it carries a user, query or fragment.
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		strings.ContainsAny(raw, " \t") {
		return errNotHTTPURL
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return errURLExtras
	}
	return nil
}

type stringValue string

func (v *stringValue) Set(s string) error { *v = stringValue(strings.TrimSpace(s)); return nil }
func (v *stringValue) String() string     { return string(*v) }

type boolValue bool

func (v *boolValue) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*v = boolValue(b)
	return nil
}
func (v *boolValue) String() string   { return strconv.FormatBool(bool(*v)) }
func (v *boolValue) IsBoolFlag() bool { return true }

type intValue int

func (v *intValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("want a whole number")
	}
	*v = intValue(n)
	return nil
}
func (v *intValue) String() string { return strconv.Itoa(int(*v)) }

type int64Value int64

func (v *int64Value) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return errors.New("want a whole number")
	}
	*v = int64Value(n)
	return nil
}
func (v *int64Value) String() string { return strconv.FormatInt(int64(*v), 10) }

type durationValue time.Duration

func (v *durationValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("want a duration such as 30m or 100ms")
	}
	*v = durationValue(d)
	return nil
}
func (v *durationValue) String() string { return time.Duration(*v).String() }

// networksValue is a comma-separated list of IP addresses and CIDR ranges. A single
// address becomes a range of one address.
type networksValue []*net.IPNet

func (v *networksValue) Set(s string) error {
	var nets []*net.IPNet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		network, err := parseNetwork(part)
		if err != nil {
			return err
		}
		nets = append(nets, network)
	}
	*v = nets
	return nil
}

func (v *networksValue) String() string {
	parts := make([]string, len(*v))
	for i, n := range *v {
		parts[i] = n.String()
	}
	return strings.Join(parts, ",")
}

func parseNetwork(s string) (*net.IPNet, error) {
	if strings.Contains(s, "/") {
		_, network, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a CIDR range such as 10.0.0.0/8", s)
		}
		return network, nil
	}
	ip := net.ParseIP(s)
	if ip == nil {
		return nil, fmt.Errorf("%q is not an IP address", s)
	}
	bits := 128
	if ip4 := ip.To4(); ip4 != nil {
		ip, bits = ip4, 32
	}
	return &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)}, nil
}

type levelValue slog.Level

func (v *levelValue) Set(s string) error {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return errors.New("want debug, info, warn or error")
	}
	*v = levelValue(l)
	return nil
}
func (v *levelValue) String() string { return slog.Level(*v).String() }
