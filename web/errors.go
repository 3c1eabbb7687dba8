package web

import (
	"bytes"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"patchdesk/handlers"
	"patchdesk/views"
)

// handleError is Echo's central error handler. The user sees a plain sentence and the
// request id; the log gets the full error.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		s.log.Warn("Error after the response started", "request_id", c.Get("request_id"),
			"error", err)
		return
	}
	page := s.errorPage(err, c)
	page.RequestID, _ = c.Get("request_id").(string)
	var component templ.Component
	if id := htmxTargetID(c.Request().Header.Get("HX-Target")); id != "" {
		component = views.ErrorRegion(id, page)
	} else {
		user := ""
		if page.Status != http.StatusNotFound {
			user = s.sessions.GetString(c.Request().Context(), "user")
		}
		component = views.ErrorFull(views.Shell{Title: page.Title, User: user}, page)
	}
	var buf bytes.Buffer
	if rerr := component.Render(c.Request().Context(), &buf); rerr != nil {
		s.log.Error("Error page failed to render", "error", rerr)
		_ = c.String(page.Status, page.Message)
		return
	}
	if werr := c.HTMLBlob(page.Status, buf.Bytes()); werr != nil {
		s.log.Warn("Error page failed to send", "error", werr)
	}
}

func (s *Server) errorPage(err error, c echo.Context) views.ErrorPage {
	var (
		paramErr *handlers.ParamError
		httpErr  *echo.HTTPError
	)
	switch {
	case errors.As(err, &paramErr):
		s.log.Warn("Invalid request parameter", "path", c.Request().URL.Path,
			"request_id", c.Get("request_id"), "error", err)
		return views.ErrorPage{Status: http.StatusBadRequest, Title: "Invalid request",
			Message: paramErr.Message}
	case errors.As(err, &httpErr):
		return s.httpErrorPage(httpErr, c)
	}
	s.log.Error("Request failed", "path", c.Request().URL.Path,
		"request_id", c.Get("request_id"), "error", err)
	return views.ErrorPage{Status: http.StatusInternalServerError, Title: "Something went wrong",
		Message: "patchdesk could not complete this request. Try again; if it keeps " +
			"happening, give the operator the request id below."}
}

func (s *Server) httpErrorPage(err *echo.HTTPError, c echo.Context) views.ErrorPage {
	status := err.Code
	page := views.ErrorPage{Status: status, Title: http.StatusText(status)}
	switch status {
	case http.StatusNotFound:
		page.Title, page.Message = "Page not found", "There is no page at this address."
	case http.StatusMethodNotAllowed:
		page.Message = "This address does not accept that kind of request."
	case http.StatusRequestEntityTooLarge:
		page.Message = "The request is too large."
	default:
		page.Message = "patchdesk could not complete this request."
	}
	level := s.log.Warn
	if status >= 500 {
		level = s.log.Error
	}
	level("HTTP error", "status", status, "path", c.Request().URL.Path,
		"request_id", c.Get("request_id"), "error", err)
	return page
}

var elementID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// htmxTargetID returns the id from htmx's HX-Target header, such as "systems-region" from
// "section#systems-region", or "" when the header names no valid id.
func htmxTargetID(header string) string {
	id := header
	if _, after, ok := strings.Cut(header, "#"); ok {
		id = after
	}
	if !elementID.MatchString(id) {
		return ""
	}
	return id
}
