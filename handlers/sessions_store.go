package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// Session keys that describe a signed-in session on the sessions page. The reference is
// a random id shown instead of the session token, which must never reach a page.
const (
	keyIdentity   = "identity"
	keyLoginName  = "login_name"
	keyAuthType   = "auth_type"
	keyDomain     = "domain"
	keySessionRef = "session_ref"
	keySignedIn   = "signed_in_at"
	keyClient     = "client"
	keyUserAgent  = "user_agent"
)

// maxUserAgent caps the stored User-Agent, in characters, because the client controls it.
const maxUserAgent = 200

// rememberLogin stores how the user signed in, so the sessions page can check the
// password again and find the user's other sessions.
func (h *Handler) rememberLogin(c echo.Context, form views.Login) {
	ctx := c.Request().Context()
	domain := ""
	if form.AuthType == string(api.ADAuthentication) {
		domain = strings.ToLower(form.Domain)
	}
	h.sessions.Put(ctx, keyLoginName, form.Username)
	h.sessions.Put(ctx, keyAuthType, form.AuthType)
	h.sessions.Put(ctx, keyDomain, domain)
	h.sessions.Put(ctx, keyIdentity, form.AuthType+"|"+domain+"|"+strings.ToLower(form.Username))
}

// describeSession stores when and from where the session signed in.
func (h *Handler) describeSession(c echo.Context) {
	ctx := c.Request().Context()
	var ref [8]byte
	_, _ = rand.Read(ref[:])
	agent := truncateText(c.Request().UserAgent(), maxUserAgent)
	h.sessions.Put(ctx, keySessionRef, hex.EncodeToString(ref[:]))
	h.sessions.Put(ctx, keySignedIn, h.now())
	h.sessions.Put(ctx, keyClient, c.RealIP())
	h.sessions.Put(ctx, keyUserAgent, agent)
}
