package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"patchdesk/static"
)

// routes is the route table of the portal.
func (s *Server) routes() {
	e, h := s.echo, s.handlers

	// Probes and assets: no session needed.
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	e.GET(static.Prefix+"*", echo.WrapHandler(static.Handler()))
	e.GET("/favicon.ico", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })

	// Sign-in and sign-out.
	e.GET("/login", h.LoginShow)
	e.POST("/login", h.LoginSubmit)
	e.GET("/login/otp", h.OTPShow)
	e.POST("/login/otp", h.OTPSubmit)
	e.POST("/logout", h.Logout)

	// Pages with PMP data: signed-in users only.
	app := e.Group("", h.RequireSignIn)
	app.GET("/", h.Dashboard)
	app.GET("/systems", h.SystemsList)
	app.GET("/patches", h.PatchesList)
	app.GET("/computers", h.ComputersList)
	app.GET("/computers/:id", h.ComputerShow)
	app.GET("/patches/:id", h.PatchShow)
	app.GET("/search", h.Search)
	app.GET("/policies", h.PoliciesList)
	app.GET("/configs", h.ConfigsList)
	app.GET("/server", h.ServerShow)
	app.GET("/sessions", h.SessionsList)
	app.POST("/sessions/end", h.SessionsEnd)
	app.GET("/export/:table", h.ExportCSV)
	app.GET("/computers/:id/export", h.ComputerPatchesCSV)
	app.GET("/patches/:id/export", h.PatchComputersCSV)
}
