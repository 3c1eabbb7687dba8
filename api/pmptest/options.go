package pmptest

import (
	"log/slog"
	"time"
)

// Defaults and limits applied by New when an Options field is zero or out of range.
const (
	DefaultComputers = 1500
	DefaultPatches   = 400
	DefaultSeed      = 1

	// MaxPatches is the largest catalogue: per-system patch lists store patch indexes as uint16.
	MaxPatches = 60000
)

// Options configures a simulated Patch Manager Plus server.
type Options struct {
	// Computers is the number of managed computers in the estate (default 1500).
	Computers int
	// Patches is the number of patches in the catalogue (default 400, at most MaxPatches).
	Patches int
	// Seed selects the generated estate. The same Seed and Now give byte-identical
	// data responses (default 1).
	Seed int64
	// Latency is added to every API call. The wait ends early when the request is cancelled.
	Latency time.Duration
	// Now is the estate clock that every timestamp derives from. Zero means time.Now() at New.
	Now time.Time
	// Hostile appends XSS, template, long, right-to-left and non-ASCII payloads to every
	// free-text string in every response. Ids, codes and enumerations stay valid.
	Hostile bool
	// Logger receives one debug line per request. Nil discards.
	Logger *slog.Logger
	// OnOTP receives each one-time password that the simulator would e-mail, and the current
	// authenticator code of the account whose authenticator is not enrolled yet.
	OnOTP func(user, code string)
	// OTPErrorCode is the error_code returned for a wrong or expired OTP (default "10001").
	OTPErrorCode string
}

// withDefaults returns a copy of o with zero or out-of-range fields replaced.
func (o Options) withDefaults() Options {
	if o.Computers <= 0 {
		o.Computers = DefaultComputers
	}

	if o.Patches <= 0 {
		o.Patches = DefaultPatches
	}
	o.Patches = min(o.Patches, MaxPatches)

	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}

	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = time.UnixMilli(o.Now.UnixMilli()).UTC()

	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}

	if o.OTPErrorCode == "" {
		o.OTPErrorCode = codeBadCredentials
	}
	return o
}
