// Package handlers holds the portal's Echo handlers. Each handler reads the signed-in
// user's PMP token from the server-side session, calls PMP through the PMP interface and
// renders a templ view.
package handlers

import (
	"context"
	"log/slog"
	"time"

	"patchdesk/api"
)

// PMP is the part of the Patch Manager Plus client that the handlers use.
type PMP interface {
	Discover(ctx context.Context) (*api.Discover, error)
	Login(ctx context.Context, cr api.Credentials) (*api.LoginResult, error)
	ValidateOTP(ctx context.Context, uid, otp string) (*api.LoginResult, error)

	ServerProperties(ctx context.Context, token string) (*api.ServerProperties, error)
	PatchSummary(ctx context.Context, token string) (*api.PatchSummary, error)
	SoMSummary(ctx context.Context, token string) (*api.SoMSummary, error)
	AllSystems(ctx context.Context, token string, q api.Query) (*api.Page[api.System], error)
	AllPatches(ctx context.Context, token string, q api.Query) (*api.Page[api.Patch], error)
	Computers(ctx context.Context, token string, q api.Query) (*api.Page[api.Computer], error)
	SystemReport(ctx context.Context, token string, resourceID int64,
		q api.Query) (*api.Page[api.SystemPatch], error)
	AllPatchDetails(ctx context.Context, token string, patchID int64,
		q api.Query) (*api.Page[api.PatchSystem], error)
	ScanDetails(ctx context.Context, token string, q api.Query) (*api.Page[api.ScanDetail], error)
	DeploymentPolicies(ctx context.Context, token string,
		q api.Query) (*api.Page[api.DeploymentPolicy], error)
	ViewConfig(ctx context.Context, token string, q api.Query) (*api.Page[api.DeploymentConfig], error)
	HealthPolicy(ctx context.Context, token string) (*api.HealthPolicy, error)
	DBUpdateStatus(ctx context.Context, token string) (*api.DBUpdateStatus, error)
}

// Sessions is the part of the session manager that the handlers use.
// *scs.SessionManager implements it.
type Sessions interface {
	GetString(ctx context.Context, key string) string
	GetInt(ctx context.Context, key string) int
	GetTime(ctx context.Context, key string) time.Time
	Put(ctx context.Context, key string, val any)
	PopString(ctx context.Context, key string) string
	Remove(ctx context.Context, key string)
	RenewToken(ctx context.Context) error
	Destroy(ctx context.Context) error
	Token(ctx context.Context) string
	Iterate(ctx context.Context, fn func(context.Context) error) error
}

// Session keys. The PMP token is stored only here, on the server.
const (
	keyToken      = "pmp_token"
	keyUser       = "user"
	keyUserID     = "user_id"
	keyFlash      = "flash"
	keyOTPUID     = "otp_uid"
	keyOTPUser    = "otp_user"
	keyOTPNext    = "otp_next"
	keyOTPTries   = "otp_tries"
	keyOTPStart   = "otp_started"
	keyOTPMessage = "otp_message"
)

// Handler holds the dependencies shared by every handler.
type Handler struct {
	pmp       PMP
	sessions  Sessions
	log       *slog.Logger
	limiter   *LoginLimiter
	now       func() time.Time
	pmpHost   string
	publicURL string
}

// Options configures New.
type Options struct {
	PMP       PMP
	Sessions  Sessions
	Logger    *slog.Logger
	Limiter   *LoginLimiter    // nil: a limiter with the default limits
	Now       func() time.Time // nil: time.Now
	PMPHost   string           // host:port of PMP, named in messages when PMP is unreachable
	PublicURL string           // base URL users reach the portal at, for links in ticket text
}

// New returns a Handler with the given dependencies.
func New(o Options) *Handler {
	h := &Handler{pmp: o.PMP, sessions: o.Sessions, log: o.Logger, limiter: o.Limiter,
		now: o.Now, pmpHost: o.PMPHost, publicURL: o.PublicURL}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.limiter == nil {
		h.limiter = NewLoginLimiter(DefaultLoginLimit, h.now)
	}
	return h
}
