package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Logout destroys the session on the server, so its cookie and PMP token are useless.
func (h *Handler) Logout(c echo.Context) error {
	ctx := c.Request().Context()
	user := h.sessions.GetString(ctx, keyUser)
	if err := h.sessions.Destroy(ctx); err != nil {
		return err
	}
	if user != "" {
		h.log.Info("Signed out", "user", user)
	}
	return c.Redirect(http.StatusSeeOther, "/login?signed_out=1")
}
