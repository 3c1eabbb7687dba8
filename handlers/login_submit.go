package handlers

import (
	"errors"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// LoginSubmit signs the user in against PMP and stores the PMP token in the session. It
// reads the form from the request body only, so credentials put in the URL are ignored.
func (h *Handler) LoginSubmit(c echo.Context) error {
	r := c.Request()
	if err := parseForm(r); err != nil {
		return err
	}
	form := views.Login{
		Username: strings.TrimSpace(r.PostFormValue("username")),
		AuthType: r.PostFormValue("auth_type"),
		Domain:   strings.TrimSpace(r.PostFormValue("domain")),
		Next:     safeNext(r.PostFormValue("next")),
	}
	password := r.PostFormValue("password")
	if msg := validateLogin(form, password); msg != "" {
		return h.loginFailed(c, http.StatusBadRequest, form, msg)
	}

	addr := c.RealIP()
	attempt, wait := h.limiter.Begin(addr, form.Username)
	if attempt == nil {
		return h.loginLimited(c, form, addr, wait)
	}
	res, err := h.pmp.Login(r.Context(), api.Credentials{Username: form.Username,
		Password: password, AuthType: api.AuthType(form.AuthType), Domain: form.Domain})
	if err != nil {
		return h.loginRejected(c, form, attempt, err)
	}

	attempt.Succeed()
	h.rememberLogin(c, form)
	if res.OTP != nil {
		return h.startOTP(c, form, res.OTP)
	}
	return h.completeSignIn(c, form.Username, res, form.Next)
}

// parseForm reads the request body as a form. A body over the size limit fails with 413
// even when the client did not declare its length.
func parseForm(r *http.Request) error {
	err := r.ParseForm()
	if err == nil {
		return nil
	}
	var httpErr *echo.HTTPError
	if errors.As(err, &httpErr) {
		return httpErr
	}
	return invalidParam("Invalid form data. Reload the page and try again.")
}

// loginLimited responds to a client that failed too often. It does not call PMP for its
// domains, so a blocked client cannot make patchdesk call PMP.
func (h *Handler) loginLimited(c echo.Context, form views.Login, addr string,
	wait time.Duration) error {
	h.log.Warn("Sign-in rate limited", "user", form.Username, "client", addr,
		"wait", wait.Round(time.Second).String())
	form.RetryAfterSec = int(math.Ceil(wait.Seconds()))
	c.Response().Header().Set("Retry-After", itoa(form.RetryAfterSec))
	return h.renderLogin(c, http.StatusTooManyRequests, form,
		"Too many failed sign-ins from this computer.")
}

func validateLogin(form views.Login, password string) string {
	switch {
	case form.Username == "" || password == "":
		return "Enter your username and password."
	case len(form.Username) > 256 || len(password) > 1024 || len(form.Domain) > 256:
		return "The username, password or domain is too long."
	case hasControl(form.Username) || hasControl(form.Domain):
		return "The username or domain contains control characters. Type it again."
	case form.AuthType != string(api.LocalAuthentication) &&
		form.AuthType != string(api.ADAuthentication):
		return "Choose a local PMP account or Active Directory."
	case form.AuthType == string(api.ADAuthentication) && form.Domain == "":
		return "Choose the Active Directory domain of your account."
	}
	return ""
}

// loginRejected responds to a sign-in that PMP rejected. Only a wrong password or a
// locked account count against the client's limit. When PMP could not respond, the page
// does not call PMP again for its domains, which would double the wait.
func (h *Handler) loginRejected(c echo.Context, form views.Login, attempt *LoginAttempt,
	err error) error {
	attrs := []any{"user", form.Username, "auth_type", form.AuthType, "domain", form.Domain,
		"client", attempt.addr, "error", err}
	if errors.Is(err, api.ErrTLS) {
		attrs = append(attrs, "fix", PMPTLSFix)
	}
	h.log.Warn("Sign-in failed", attrs...)
	if errors.Is(err, api.ErrBadCredentials) || errors.Is(err, api.ErrAccountLocked) {
		attempt.Fail()
		return h.loginFailed(c, http.StatusUnauthorized, form, h.loginMessage(err))
	}
	attempt.Cancel()
	return h.renderLogin(c, http.StatusBadGateway, form, h.loginMessage(err))
}

// loginFailed renders the sign-in page with msg and the domains PMP offers.
func (h *Handler) loginFailed(c echo.Context, status int, form views.Login, msg string) error {
	form.Error = msg
	h.addDomains(c, &form)
	return h.renderLogin(c, status, form, msg)
}

// renderLogin renders the sign-in page with msg, without asking PMP.
func (h *Handler) renderLogin(c echo.Context, status int, form views.Login, msg string) error {
	form.Error = msg
	return h.render(c, status, views.LoginPage(views.Shell{Title: "Sign in"}, form))
}

// startOTP stores the pending two-factor step in the session and shows the code form.
func (h *Handler) startOTP(c echo.Context, form views.Login, otp *api.OTPChallenge) error {
	if otp.NeedsEnrolment {
		h.log.Info("Sign-in needs two-factor set-up in PMP", "user", form.Username)
		return h.loginFailed(c, http.StatusForbidden, form, "Two-factor authentication is on "+
			"for this account, but no authenticator is set up yet. Finish the set-up in the "+
			"PMP web console, then sign in here again.")
	}
	ctx := c.Request().Context()
	if err := h.sessions.RenewToken(ctx); err != nil {
		return err
	}
	h.sessions.Put(ctx, keyOTPUID, otp.UID)
	h.sessions.Put(ctx, keyOTPUser, form.Username)
	h.sessions.Put(ctx, keyOTPNext, form.Next)
	h.sessions.Put(ctx, keyOTPTries, 0)
	h.sessions.Put(ctx, keyOTPStart, h.now())
	h.sessions.Put(ctx, keyOTPMessage, otp.Message)
	h.log.Info("Sign-in waiting for one-time code", "user", form.Username)
	return c.Redirect(http.StatusSeeOther, "/login/otp")
}

// completeSignIn renews the session id, stores the token and returns to next.
func (h *Handler) completeSignIn(c echo.Context, username string, res *api.LoginResult,
	next string) error {
	if res.Token == "" {
		h.log.Error("PMP sign-in response has no token", "user", username)
		return h.renderLogin(c, http.StatusBadGateway, views.Login{Username: username, Next: next},
			h.pmpMessage(api.ErrBadResponse))
	}
	ctx := c.Request().Context()
	if err := h.sessions.RenewToken(ctx); err != nil {
		return err
	}
	for _, key := range []string{keyOTPUID, keyOTPUser, keyOTPNext, keyOTPTries, keyOTPStart, keyOTPMessage} {
		h.sessions.Remove(ctx, key)
	}
	name := res.User.Name
	if name == "" {
		name = username
	}
	h.sessions.Put(ctx, keyToken, res.Token)
	h.sessions.Put(ctx, keyUser, name)
	h.describeSession(c)
	h.log.Info("Signed in", "user", name, "pmp_user_id", res.User.ID, "client", c.RealIP())
	return c.Redirect(http.StatusSeeOther, next)
}
