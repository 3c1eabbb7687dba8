package handlers

import (
	"errors"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
)

// RequireSignIn sends requests without a PMP token in the session to the sign-in page,
// which returns to the requested page afterwards.
func (h *Handler) RequireSignIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if h.token(c) == "" {
			return redirect(c, loginURL(returnPath(c)))
		}
		return next(c)
	}
}

// returnPath is the page to come back to after sign-in. For htmx requests it is the
// requested URL too, because partial and full pages share their URLs.
func returnPath(c echo.Context) string {
	return safeNext(c.Request().URL.RequestURI())
}

// handleSignInAgain checks whether err means PMP no longer accepts the token. If so, it
// drops the token, keeps a message for the sign-in page and redirects there.
func (h *Handler) handleSignInAgain(c echo.Context, err error) (bool, error) {
	if !errors.Is(err, api.ErrUnauthorized) {
		return false, nil
	}
	ctx := c.Request().Context()
	h.log.Info("PMP token rejected, asking the user to sign in again",
		"user", h.sessions.GetString(ctx, keyUser), "path", c.Path())
	h.sessions.Remove(ctx, keyToken)
	h.sessions.Put(ctx, keyFlash, "Your PMP session has ended. Sign in again to continue.")
	return true, redirect(c, loginURL(returnPath(c)))
}
