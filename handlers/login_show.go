package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// LoginShow renders the sign-in page, with the AD domains that PMP offers.
func (h *Handler) LoginShow(c echo.Context) error {
	ctx := c.Request().Context()
	next := safeNext(c.QueryParam("next"))
	if h.token(c) != "" {
		return c.Redirect(http.StatusSeeOther, next)
	}
	form := views.Login{Next: next, AuthType: string(api.LocalAuthentication),
		Notice: h.sessions.PopString(ctx, keyFlash)}
	if c.QueryParam("signed_out") == "1" && form.Notice == "" {
		form.Notice = "You have signed out."
	}
	h.addDomains(c, &form)
	return h.render(c, http.StatusOK, views.LoginPage(views.Shell{Title: "Sign in"}, form))
}

// addDomains fills the domain picker from PMP's discover endpoint. When that call fails,
// the page keeps a free-text domain field and shows the reason.
func (h *Handler) addDomains(c echo.Context, form *views.Login) {
	d, err := h.pmp.Discover(c.Request().Context())
	if err != nil {
		attrs := []any{"error", err}
		if errors.Is(err, api.ErrTLS) {
			attrs = append(attrs, "fix", PMPTLSFix)
		}
		h.log.Warn("PMP discover failed", attrs...)
		if form.Error == "" {
			form.Error = h.pmpMessage(err)
		}
		return
	}
	form.LocalOnly = d.LocalOnly
	form.Domains = d.Domains
	if form.Domain == "" {
		form.Domain = matchDomain(d.Domains, d.DefaultDomain)
	}
}

// matchDomain returns the entry of domains equal to want ignoring case, because PMP lists
// domains in lower case and names the default in upper case.
func matchDomain(domains []string, want string) string {
	for _, d := range domains {
		if equalFold(d, want) {
			return d
		}
	}
	return want
}
