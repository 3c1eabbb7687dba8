package web

import (
	"encoding/gob"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
)

func init() {
	// Session values are gob-encoded as interfaces, so gob must know each concrete type.
	gob.Register(time.Time{})
}

// newSessions returns the session manager. Sessions live in memory on the server; the
// browser holds only the random session id in an HttpOnly cookie.
func newSessions(cfg Config) *scs.SessionManager {
	sm := scs.New()
	sm.IdleTimeout = cfg.SessionIdle
	sm.Lifetime = cfg.SessionLifetime
	sm.Cookie.Name = "patchdesk_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path = "/"
	sm.Cookie.Persist = false
	if cfg.SecureCookies {
		// The __Host- prefix makes browsers reject the cookie unless it is Secure, has
		// Path=/ and no Domain, so no other host can set or shadow it.
		sm.Cookie.Name = "__Host-patchdesk_session"
		sm.Cookie.Secure = true
	}
	return sm
}
