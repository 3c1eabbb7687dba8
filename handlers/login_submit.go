package handlers

import (
	"errors"
	"math"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// LoginSubmit signs the user in against PMP and stores the PMP token in the session.
func (h *Handler) LoginSubmit(c echo.Context) error {
	form := views.Login{
		Username: strings.TrimSpace(c.FormValue("username")),
		AuthType: c.FormValue("auth_type"),
		Domain:   strings.TrimSpace(c.FormValue("domain")),
		Next:     safeNext(c.FormValue("next")),
	}
	password := c.FormValue("password")
	if msg := validateLogin(form, password); msg != "" {
		return h.loginFailed(c, http.StatusBadRequest, form, msg)
	}
	addr := c.RealIP()
	if wait := h.limiter.Wait(addr, form.Username); wait > 0 {
		h.log.Warn("Sign-in rate limited", "user", form.Username, "client", addr,
			"wait", wait.Round(1e9).String())
		form.RetryAfterSec = int(math.Ceil(wait.Seconds()))
		c.Response().Header().Set("Retry-After", itoa(form.RetryAfterSec))
		return h.loginFailed(c, http.StatusTooManyRequests, form,
			"Too many failed sign-ins from this computer.")
	}
	res, err := h.pmp.Login(c.Request().Context(), api.Credentials{Username: form.Username,
		Password: password, AuthType: api.AuthType(form.AuthType), Domain: form.Domain})
	if err != nil {
		return h.loginRejected(c, form, addr, err)
	}
	h.limiter.Succeed(addr, form.Username)
	if res.OTP != nil {
		return h.startOTP(c, form, res.OTP)
	}
	return h.completeSignIn(c, form.Username, res, form.Next)
}

func validateLogin(form views.Login, password string) string {
	switch {
	case form.Username == "" || password == "":
		return "Enter your username and password."
	case len(form.Username) > 256 || len(password) > 1024 || len(form.Domain) > 256:
		return "The username, password or domain is too long."
	case form.AuthType != string(api.LocalAuthentication) &&
		form.AuthType != string(api.ADAuthentication):
		return "Choose a local PMP account or Active Directory."
	case form.AuthType == string(api.ADAuthentication) && form.Domain == "":
		return "Choose the Active Directory domain of your account."
	}
	return ""
}

func (h *Handler) loginRejected(c echo.Context, form views.Login, addr string, err error) error {
	status := http.StatusBadGateway
	if errors.Is(err, api.ErrBadCredentials) || errors.Is(err, api.ErrAccountLocked) {
		h.limiter.Fail(addr, form.Username)
		status = http.StatusUnauthorized
	}
	h.log.Warn("Sign-in failed", "user", form.Username, "auth_type", form.AuthType,
		"domain", form.Domain, "client", addr, "error", err)
	return h.loginFailed(c, status, form, h.loginMessage(err))
}

func (h *Handler) loginFailed(c echo.Context, status int, form views.Login, msg string) error {
	form.Error = msg
	h.addDomains(c, &form)
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
		return h.loginFailed(c, http.StatusBadGateway, views.Login{Username: username, Next: next},
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
	h.log.Info("Signed in", "user", name, "pmp_user_id", res.User.ID, "client", c.RealIP())
	return c.Redirect(http.StatusSeeOther, next)
}
