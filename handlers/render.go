package handlers

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"patchdesk/views"
)

// renderBuffers are reused between requests, because growing a fresh buffer to the size
// of a 100-row page copies it several times.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer kept for reuse, so one huge page does not pin its
// memory for good.
const maxPooledBuffer = 1 << 20

// render renders the component into a buffer first, so a failed render becomes a clean
// error response instead of half a page.
func (h *Handler) render(c echo.Context, status int, component templ.Component) error {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			renderBuffers.Put(buf)
		}
	}()

	start := time.Now()
	if err := component.Render(c.Request().Context(), buf); err != nil {
		return fmt.Errorf("render %s: %w", c.Path(), err)
	}
	TimingsFrom(c.Request().Context()).addRender(time.Since(start))
	writeServerTiming(c)
	return c.HTMLBlob(status, buf.Bytes())
}

// isHTMX reports whether htmx sent the request to swap part of a page.
func isHTMX(c echo.Context) bool {
	return c.Request().Header.Get("HX-Request") == "true"
}

// shell returns the layout data of a signed-in page.
func (h *Handler) shell(c echo.Context, title, active string) views.Shell {
	return views.Shell{Title: title, User: h.sessions.GetString(c.Request().Context(), keyUser),
		Active: active}
}

// token returns the signed-in user's PMP token, or "" when no user is signed in.
func (h *Handler) token(c echo.Context) string {
	return h.sessions.GetString(c.Request().Context(), keyToken)
}

// redirect sends the browser to target. For htmx requests it sets HX-Redirect, so htmx
// loads the page in full: a redirect followed inside a partial swap would nest a page in
// a region.
func redirect(c echo.Context, target string) error {
	if isHTMX(c) {
		c.Response().Header().Set("HX-Redirect", target)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, target)
}

// loginURL returns the sign-in page that returns to next after sign-in.
func loginURL(next string) string {
	if next == "" || next == "/" {
		return "/login"
	}
	return "/login?" + url.Values{"next": {next}}.Encode()
}
