package handlers

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// exporter streams all rows of one table as CSV.
type exporter interface {
	export(h *Handler, c echo.Context) error
}

// exportSpec is a table offered as CSV. Its columns are the table's, with the cell
// texts of the table. Only the time columns differ: they hold RFC 3339 times in UTC
// instead of the table's "2 Dec 2026 14:02 · 3 days ago", keyed here by column label.
type exportSpec[T any] struct {
	table *tableSpec[T]
	times map[string]func(r *T) api.Time
	name  string // start of the file name; the table id when empty
}

func (e *exportSpec[T]) fileName() string {
	if e.name != "" {
		return e.name
	}
	return e.table.id
}

// exporters are the tables offered as CSV, by table id.
var exporters = map[string]exporter{
	"systems": &exportSpec[api.System]{table: systemsTable,
		times: map[string]func(*api.System) api.Time{
			"Last scan":    func(s *api.System) api.Time { return s.LastSuccessfulScan },
			"Last contact": func(s *api.System) api.Time { return s.LastContact },
		}},
	"patches": &exportSpec[api.Patch]{table: patchesTable,
		times: map[string]func(*api.Patch) api.Time{
			"Released": func(p *api.Patch) api.Time { return p.Released },
		}},
	"computers": &exportSpec[api.Computer]{table: computersTable,
		times: map[string]func(*api.Computer) api.Time{
			"Last contact": func(r *api.Computer) api.Time { return r.LastContact },
		}},
	"policies": &exportSpec[api.DeploymentPolicy]{table: policiesTable,
		times: map[string]func(*api.DeploymentPolicy) api.Time{
			"Created":  func(p *api.DeploymentPolicy) api.Time { return p.Created },
			"Modified": func(p *api.DeploymentPolicy) api.Time { return p.Modified },
		}},
	"configs": &exportSpec[api.DeploymentConfig]{table: configsTable,
		times: map[string]func(*api.DeploymentConfig) api.Time{
			"Created":  func(d *api.DeploymentConfig) api.Time { return d.Created },
			"Modified": func(d *api.DeploymentConfig) api.Time { return d.Modified },
		}},
}

// ExportCSV streams all rows of a table, narrowed by the same search, filters and sort
// as the table page, as a CSV download. It pages through PMP exportPageLimit rows at a
// time and writes each page as it arrives. When PMP fails after the first rows were
// sent, the last line of the file states that the export is incomplete and why.
func (h *Handler) ExportCSV(c echo.Context) error {
	name := c.Param("table")
	e, ok := exporters[name]
	if !ok {
		return invalidParam("Invalid table %q: export systems, patches, computers, policies "+
			"or configs.", name)
	}
	return e.export(h, c)
}

// exportHref returns the CSV export of table id at path in state, or "" when that table
// is not offered as CSV. The export holds all pages, so page and size are left out.
func exportHref(id, path string, state tableState, filters []filterSpec) string {
	state.page, state.size = 1, defaultPageSize
	if _, ok := exporters[id]; ok {
		return state.href("/export/"+id, filters)
	}
	if drillDownExports[id] {
		return state.href(path+"/export", filters)
	}
	return ""
}

func (e *exportSpec[T]) export(h *Handler, c echo.Context) error {
	spec := e.table
	sorts := spec.sorts()
	state, err := parseTableState(spec.search, spec.filters, sorts, c.QueryParams())
	if err != nil {
		return err
	}

	query := state.query(spec.search, spec.filters, sorts)
	query.PageLimit = exportPageLimit
	token := h.token(c)
	fetch := func(ctx context.Context, page int) (*api.Page[T], error) {
		q := query
		q.Page = page
		return spec.fetch(ctx, h.pmp, token, q)
	}

	ctx := c.Request().Context()
	first, err := fetch(ctx, 1)
	if handled, rerr := h.handleSignInAgain(c, err); handled {
		return rerr
	}
	if err != nil {
		return h.exportFailed(c, spec.id, spec.active, err)
	}

	now := h.now()
	out, err := startCSV(c, e.fileName(), now, e.header(), e.values(now))
	if err != nil {
		return h.exportStopped(c, spec.id, 0, first.Total, err)
	}
	written, err := streamPages(ctx, first, fetch, out.writeRows)
	if err != nil {
		return h.exportStopped(c, spec.id, written, first.Total, err)
	}
	return nil
}

func (e *exportSpec[T]) header() []string {
	labels := make([]string, len(e.table.columns))
	for i, col := range e.table.columns {
		labels[i] = col.label
	}
	return labels
}

// values returns, per column, how a record becomes the column's CSV text.
func (e *exportSpec[T]) values(now time.Time) []func(r *T) string {
	values := make([]func(r *T) string, len(e.table.columns))
	for i, col := range e.table.columns {
		values[i] = func(r *T) string { return col.cell(r, now).Text }
		if at, ok := e.times[col.label]; ok {
			values[i] = func(r *T) string {
				if t := at(r); !t.IsZero() {
					return t.UTC().Format(time.RFC3339)
				}
				return col.cell(r, now).Text // "never" or "unknown", as in the table
			}
		}
	}
	return values
}

// exportFailed responds with an error page to an export whose first PMP call failed,
// because nothing was sent yet.
func (h *Handler) exportFailed(c echo.Context, table, active string, err error) error {
	h.log.Error("CSV export failed", "table", table,
		"user", h.sessions.GetString(c.Request().Context(), keyUser), "error", err)
	requestID, _ := c.Get("request_id").(string)
	page := views.ErrorPage{Status: http.StatusBadGateway, Title: "Export failed",
		Message: h.pmpMessage(err), RequestID: requestID}
	return h.render(c, http.StatusBadGateway,
		views.ErrorFull(h.shell(c, "Export failed", active), page))
}

// exportStopped ends an export that stopped after its response started. A PMP failure
// gets a last line that states that the file is incomplete. When the browser went away,
// no client can read such a line, so the stop is only logged.
func (h *Handler) exportStopped(c echo.Context, table string, written, total int,
	err error) error {
	ctx := c.Request().Context()
	user := h.sessions.GetString(ctx, keyUser)
	if errors.Is(err, errExportWrite) || ctx.Err() != nil {
		h.log.Info("CSV export stopped: the browser closed the download", "table", table,
			"user", user, "rows", written, "total", total, "error", err)
		return nil
	}

	h.log.Error("CSV export incomplete: PMP failed during the export", "table", table,
		"user", user, "rows", written, "total", total, "error", err)
	line := "Export incomplete: patchdesk wrote " + itoa(written) + " of " + itoa(total) +
		" rows, then PMP failed. " + h.pmpMessage(err)
	if werr := writeCSVNote(c, line); werr != nil {
		h.log.Info("CSV export: the incomplete-export line could not be sent", "table", table,
			"error", werr)
	}
	return nil
}
