package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// embeddedTable is a table with its parsed state, on a list page or among the sections
// of a detail page. Its state is parsed before any PMP call, so an invalid parameter
// costs no PMP call, and its fetch can run concurrently with a page's other calls.
type embeddedTable[T any] struct {
	spec  *tableSpec[T]
	state tableState
	sorts map[string]string
}

func parseEmbeddedTable[T any](spec *tableSpec[T], v url.Values) (*embeddedTable[T], error) {
	sorts := spec.sorts()
	state, err := parseTableState(spec.search, spec.filters, sorts, v)
	if err != nil {
		return nil, err
	}
	return &embeddedTable[T]{spec: spec, state: state, sorts: sorts}, nil
}

func (t *embeddedTable[T]) fetch(ctx context.Context, p PMP, token string) (*api.Page[T], error) {
	return t.spec.fetch(ctx, p, token, t.state.query(t.spec.search, t.spec.filters, t.sorts))
}

// view builds the table from PMP's page, or shows errText in place of the rows when the
// call failed. Its filters offer no server properties: a caller that shows them sets
// view.Filters again.
func (t *embeddedTable[T]) view(page *api.Page[T], errText string, now time.Time) views.Table {
	view := buildTable(t.spec, t.state, now)
	if errText != "" {
		view.Error = errText
	} else {
		fillRows(t.spec, &view, t.state, page, now)
	}
	view.Filters = filterViews(t.spec.filters, t.state, nil)
	return view
}

// serveTableRegion serves htmx requests for the table region alone: paging, sorting,
// search, filters and refresh of an embedded table.
func serveTableRegion[T any](h *Handler, c echo.Context, t *embeddedTable[T]) error {
	page, err := t.fetch(c.Request().Context(), h.pmp, h.token(c))
	if handled, rerr := h.handleSignInAgain(c, err); handled {
		return rerr
	}

	status, errText := http.StatusOK, ""
	if err != nil {
		h.logPMPFailure(c, t.spec.id, err)
		status, errText = http.StatusBadGateway, h.pmpMessage(err)
	}
	return h.renderTableRegion(c, status, t.view(page, errText, h.now()))
}

// logPMPFailure logs a failed PMP call of a page section. The user sees pmpMessage only.
func (h *Handler) logPMPFailure(c echo.Context, section string, err error) {
	h.log.Error("PMP call failed", "section", section, "path", c.Request().URL.Path,
		"user", h.sessions.GetString(c.Request().Context(), keyUser), "error", err)
}

// parseID validates a PMP id taken from the URL path: a positive whole number.
func parseID(raw, name string) (int64, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
		return 0, invalidParam("Invalid %s id %q: use the positive whole number that PMP "+
			"shows as its id.", name, truncateText(raw, 40))
	}
	return id, nil
}

// truncateText shortens s to at most n runes, so a long invalid value cannot fill a message.
func truncateText(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	return string(runes[:n]) + "…"
}

// renderNotFound serves a 404 page that names in a plain sentence what does not exist.
func (h *Handler) renderNotFound(c echo.Context, title, message string) error {
	requestID, _ := c.Get("request_id").(string)
	page := views.ErrorPage{Status: http.StatusNotFound, Title: title, Message: message,
		RequestID: requestID}
	return h.render(c, http.StatusNotFound, views.ErrorFull(h.shell(c, title, ""), page))
}

// fetchedAt returns the clock time shown as "as of" next to data fetched now.
func (h *Handler) fetchedAt() string {
	return h.now().Format("15:04:05")
}

// otherRowsError is the sentence shown when PMP ignored a filter on one id and returned
// rows of other ids, which patchdesk must not show as if they were the requested one.
func otherRowsError(id int64) string {
	return fmt.Sprintf("PMP returned rows of other ids than %d, so patchdesk shows none of "+
		"them. This PMP version may not support filtering by id.", id)
}
