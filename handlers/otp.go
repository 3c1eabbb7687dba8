package handlers

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

const (
	otpMaxTries = 5
	otpMaxAge   = 5 * time.Minute
)

// OTPShow renders the one-time code form of a pending two-factor sign-in.
func (h *Handler) OTPShow(c echo.Context) error {
	if !h.otpPending(c) {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	return h.renderOTP(c, http.StatusOK, "")
}

func (h *Handler) renderOTP(c echo.Context, status int, msg string) error {
	prompt := h.sessions.GetString(c.Request().Context(), keyOTPMessage)
	if prompt == "" {
		prompt = "Enter the one-time code from your authenticator app or email."
	}
	page := views.OTP{Prompt: prompt, Error: msg}
	return h.render(c, status, views.OTPPage(views.Shell{Title: "Two-factor authentication"}, page))
}

// otpPending reports whether the session holds a two-factor step that has not expired.
func (h *Handler) otpPending(c echo.Context) bool {
	ctx := c.Request().Context()
	started := h.sessions.GetTime(ctx, keyOTPStart)
	return h.sessions.GetString(ctx, keyOTPUID) != "" && h.now().Sub(started) < otpMaxAge
}

// OTPSubmit checks the one-time code with PMP and completes the sign-in.
func (h *Handler) OTPSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	if !h.otpPending(c) {
		h.sessions.Put(ctx, keyFlash, "The two-factor step expired. Sign in again.")
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	if err := parseForm(c.Request()); err != nil {
		return err
	}
	code := strings.TrimSpace(c.Request().PostFormValue("otp"))
	if !validOTP(code) {
		return h.renderOTP(c, http.StatusBadRequest, "Enter the code as 6 to 8 digits.")
	}
	user := h.sessions.GetString(ctx, keyOTPUser)
	tries := h.sessions.GetInt(ctx, keyOTPTries) + 1
	h.sessions.Put(ctx, keyOTPTries, tries)
	res, err := h.pmp.ValidateOTP(ctx, h.sessions.GetString(ctx, keyOTPUID), code)
	if err != nil {
		return h.otpRejected(c, user, tries, err)
	}
	return h.completeSignIn(c, user, res, safeNext(h.sessions.GetString(ctx, keyOTPNext)))
}

func (h *Handler) otpRejected(c echo.Context, user string, tries int, err error) error {
	ctx := c.Request().Context()
	h.log.Warn("One-time code rejected", "user", user, "attempt", tries, "error", err)
	if !errors.Is(err, api.ErrOTPInvalid) {
		return h.renderOTP(c, http.StatusBadGateway, h.pmpMessage(err))
	}
	h.limiter.Fail(c.RealIP(), user)
	if tries >= otpMaxTries {
		h.sessions.Remove(ctx, keyOTPUID)
		h.sessions.Put(ctx, keyFlash, "Too many wrong codes. Sign in again to get a new code.")
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	return h.renderOTP(c, http.StatusUnauthorized, "That code was not accepted. Check it and "+
		"try again; codes expire after a few minutes.")
}

func validOTP(code string) bool {
	if len(code) < 6 || len(code) > 8 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
