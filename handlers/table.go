package handlers

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// column is one column of a table: its header, the URL and PMP names of its sort (empty
// when PMP cannot sort by it), and how a record becomes a cell.
type column[T any] struct {
	label     string
	sort      string
	sortField string
	cell      func(r *T, now time.Time) views.Cell
}

// tableSpec describes a table backed by one paginated PMP list.
type tableSpec[T any] struct {
	id, caption, path, active string
	search                    []searchColumn
	filters                   []filterSpec
	columns                   []column[T]
	key                       func(r *T) string
	fetch                     func(ctx context.Context, p PMP, token string,
		q api.Query) (*api.Page[T], error)
}

func (t *tableSpec[T]) sorts() map[string]string {
	sorts := map[string]string{}
	for _, c := range t.columns {
		if c.sort != "" {
			sorts[c.sort] = c.sortField
		}
	}
	return sorts
}

// listTable serves a table page: the whole page, or only the table region for htmx.
// Only the whole page shows the filters, so only it needs PMP's server properties.
func listTable[T any](h *Handler, c echo.Context, spec *tableSpec[T]) error {
	t, err := parseEmbeddedTable(spec, c.QueryParams())
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return serveTableRegion(h, c, t)
	}

	props := h.serverProperties(c, spec.filters)
	page, err := t.fetch(c.Request().Context(), h.pmp, h.token(c))
	if handled, rerr := h.handleSignInAgain(c, err); handled {
		return rerr
	}
	status, errText := http.StatusOK, ""
	if err != nil {
		h.logPMPFailure(c, spec.id, err)
		status, errText = http.StatusBadGateway, h.pmpMessage(err)
	}
	view := t.view(page, errText, h.now())
	view.Filters = filterViews(spec.filters, t.state, props)
	return h.render(c, status, views.TablePage(h.shell(c, spec.caption, spec.active), view))
}

// renderTableRegion renders the table region for htmx. The pushed URL is the canonical
// one, without the form's empty fields.
func (h *Handler) renderTableRegion(c echo.Context, status int, view views.Table) error {
	c.Response().Header().Set("HX-Push-Url", view.SelfHref)
	return h.render(c, status, views.TableRegion(view))
}

// buildTable fills the parts of the table view that do not depend on PMP's response.
func buildTable[T any](spec *tableSpec[T], state tableState, now time.Time) views.Table {
	view := views.Table{ID: spec.id, Path: spec.path, Caption: spec.caption,
		SearchValue: state.q, Filtered: state.q != "" || len(state.filters) > 0,
		ClearHref: spec.path, SelfHref: state.href(spec.path, spec.filters),
		FetchedAt: now.Format("15:04:05")}
	view.ExportHref = exportHref(spec.id, spec.path, state, spec.filters)
	for _, s := range spec.search {
		view.SearchCols = append(view.SearchCols, views.Option{Value: s.param, Label: s.label,
			Selected: s.param == state.col})
	}
	for _, size := range pageSizes {
		view.Sizes = append(view.Sizes, views.Option{Value: strconv.Itoa(size),
			Label: strconv.Itoa(size), Selected: size == state.size})
	}
	if state.sort != "" {
		view.Hidden = []views.Hidden{{Name: "sort", Value: state.sort},
			{Name: "dir", Value: state.dir}}
	}
	for _, col := range spec.columns {
		view.Columns = append(view.Columns, columnView(spec, state, col))
	}
	return view
}

func columnView[T any](spec *tableSpec[T], state tableState, col column[T]) views.Column {
	if col.sort == "" {
		return views.Column{Label: col.label}
	}
	next := state
	next.sort, next.dir, next.page = col.sort, "asc", 1
	v := views.Column{Label: col.label}
	if state.sort == col.sort {
		v.SortDir = state.dir
		if state.dir == "asc" {
			next.dir = "desc"
		}
	}
	v.SortHref = next.href(spec.path, spec.filters)
	return v
}

// fillRows adds PMP's rows and the pager. Paging follows the limit and total that PMP
// returned, which may differ from what was asked.
func fillRows[T any](spec *tableSpec[T], view *views.Table, state tableState,
	page *api.Page[T], now time.Time) {
	limit := page.Limit
	if limit <= 0 {
		limit = state.size
	}
	current := page.Page
	if current <= 0 {
		current = state.page
	}
	pages := max(1, (page.Total+limit-1)/limit)
	p := views.Pager{Total: page.Total, Page: current, Pages: pages,
		First: (current-1)*limit + 1}
	p.Last = p.First + len(page.Rows) - 1
	link := func(n int) string {
		next := state
		next.page = n
		return next.href(spec.path, spec.filters)
	}
	if current > 1 {
		p.FirstHref = link(1)
		p.PrevHref = link(min(current-1, pages))
	}
	if current < pages {
		p.NextHref = link(current + 1)
	}
	if current != pages {
		p.LastHref = link(pages)
	}
	view.Pager = p
	// One backing array for all cells saves an allocation and a copy per row.
	cells := make([]views.Cell, len(page.Rows)*len(spec.columns))
	view.Rows = make([]views.Row, len(page.Rows))
	for i := range page.Rows {
		row := cells[i*len(spec.columns) : (i+1)*len(spec.columns)]
		for j, col := range spec.columns {
			row[j] = col.cell(&page.Rows[i], now)
		}
		view.Rows[i] = views.Row{Key: spec.key(&page.Rows[i]), Cells: row}
	}
}

// filterViews builds the filter select boxes. Filters whose values come from PMP's server
// properties list those values, plus the current value if PMP no longer lists it.
func filterViews(filters []filterSpec, state tableState, props *api.ServerProperties) []views.Filter {
	var out []views.Filter
	for _, f := range filters {
		current := state.filters[f.param]
		v := views.Filter{Name: f.param, Label: f.label,
			Options: []views.Option{{Value: "", Label: "Any"}}}
		for _, c := range f.choicesWith(props, current) {
			v.Options = append(v.Options, views.Option{Value: c.value, Label: c.label,
				Selected: c.value == current})
		}
		out = append(out, v)
	}
	return out
}

func (f filterSpec) choicesWith(props *api.ServerProperties, current string) []filterChoice {
	if f.dynamic == "" {
		return f.choices
	}
	var names []string
	if props != nil {
		switch f.dynamic {
		case "domains":
			names = props.Domains
		case "branch_offices":
			names = props.BranchOffices
		case "custom_groups":
			names = props.CustomGroups
		}
	}
	var out []filterChoice
	seen := false
	for _, n := range names {
		out = append(out, filterChoice{value: n, pmp: n, label: n})
		seen = seen || n == current
	}
	if current != "" && !seen {
		out = append(out, filterChoice{value: current, pmp: current, label: current})
	}
	return out
}

// serverProperties returns PMP's lists of domains, offices and groups for the filters,
// cached in the session for a few minutes. It returns nil when no filter needs them or
// PMP could not be asked; the filters then offer only the current value.
func (h *Handler) serverProperties(c echo.Context, filters []filterSpec) *api.ServerProperties {
	needed := false
	for _, f := range filters {
		needed = needed || f.dynamic != ""
	}
	if !needed {
		return nil
	}
	ctx := c.Request().Context()
	if cached, ok := h.cachedProperties(ctx); ok {
		return cached
	}
	props, err := h.pmp.ServerProperties(ctx, h.token(c))
	if err != nil {
		if !errors.Is(err, api.ErrUnauthorized) {
			h.log.Warn("PMP server properties failed", "error", err)
		}
		return nil
	}
	h.storeProperties(ctx, props)
	return props
}
