package handlers

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// rebootCheckLimit is how many of a computer's missing patches the ticket summary checks
// for a required reboot. The summary states the limit when the computer misses more.
const rebootCheckLimit = 250

// computerData holds the results of the PMP calls behind a computer page.
type computerData struct {
	id          int64
	computers   *api.Page[api.Computer]
	scans       *api.Page[api.ScanDetail]
	systems     *api.Page[api.System]
	missing     *api.Page[api.SystemPatch]
	patches     *api.Page[api.SystemPatch]
	computerErr error
	scanErr     error
	systemErr   error
	missingErr  error
	patchesErr  error
}

// ComputerShow serves the page of one computer, keyed on PMP's resource id: agent facts,
// scan and patch health, a ticket summary and the table of its patches. htmx requests
// get the patch table region alone.
func (h *Handler) ComputerShow(c echo.Context) error {
	id, err := parseID(c.Param("id"), "computer")
	if err != nil {
		return err
	}
	table, err := parseEmbeddedTable(computerPatchesTable(id), c.QueryParams())
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return serveTableRegion(h, c, table)
	}

	d := h.fetchComputer(c.Request().Context(), h.token(c), id, table)
	for _, err := range d.errors() {
		if handled, rerr := h.handleSignInAgain(c, err); handled {
			return rerr
		}
	}
	if d.notFound() {
		return h.renderNotFound(c, "Computer not found", fmt.Sprintf("PMP has no computer "+
			"with resource id %d. It may have been removed from PMP's scope of management.", id))
	}

	page := h.computerPage(c, d, table)
	status := http.StatusOK
	if d.computerErr != nil {
		status = http.StatusBadGateway
	}
	return h.render(c, status, views.ComputerShowPage(h.shell(c, page.Name, "computers"), page))
}

// fetchComputer runs the page's PMP calls concurrently, so the page takes as long as the
// slowest call.
func (h *Handler) fetchComputer(ctx context.Context, token string, id int64,
	table *embeddedTable[api.SystemPatch]) *computerData {
	d := &computerData{id: id}
	byID := func(key string) api.Query {
		return api.Query{Filters: map[string]string{key: fmt.Sprint(id)}}
	}
	missing := api.Query{PageLimit: rebootCheckLimit,
		Filters: map[string]string{patchStatusFilter.pmp: "202"}}

	var wg sync.WaitGroup
	wg.Go(func() { d.computers, d.computerErr = h.pmp.Computers(ctx, token, byID("residfilter")) })
	wg.Go(func() { d.scans, d.scanErr = h.pmp.ScanDetails(ctx, token, byID("resid")) })
	wg.Go(func() { d.systems, d.systemErr = h.pmp.AllSystems(ctx, token, byID("resid")) })
	wg.Go(func() { d.missing, d.missingErr = h.pmp.SystemReport(ctx, token, id, missing) })
	wg.Go(func() { d.patches, d.patchesErr = table.fetch(ctx, h.pmp, token) })
	wg.Wait()
	return d
}

func (d *computerData) errors() []error {
	return []error{d.computerErr, d.scanErr, d.systemErr, d.missingErr, d.patchesErr}
}

// notFound reports whether som/computers succeeded and returned no such computer.
func (d *computerData) notFound() bool {
	return d.computerErr == nil && len(d.computers.Rows) == 0
}

// computer returns the som/computers row of the page's computer. ok is false when the
// call failed or PMP returned only other computers.
func (d *computerData) computer() (*api.Computer, bool) {
	if d.computerErr != nil {
		return nil, false
	}
	return rowWithID(d.computers.Rows, d.id, func(r *api.Computer) api.Int { return r.ResourceID })
}

func (d *computerData) scan() (*api.ScanDetail, bool) {
	if d.scanErr != nil {
		return nil, false
	}
	return rowWithID(d.scans.Rows, d.id, func(r *api.ScanDetail) api.Int { return r.ResourceID })
}

func (d *computerData) system() (*api.System, bool) {
	if d.systemErr != nil {
		return nil, false
	}
	return rowWithID(d.systems.Rows, d.id, func(r *api.System) api.Int { return r.ResourceID })
}

// rowWithID returns the row whose id is id. PMP filters by id, but a server that ignores
// the filter returns other rows, which must not be shown as this one.
func rowWithID[T any](rows []T, id int64, rowID func(*T) api.Int) (*T, bool) {
	for i := range rows {
		if got := rowID(&rows[i]); got.Valid && got.Value == id {
			return &rows[i], true
		}
	}
	return nil, false
}

// name returns the computer's name from whichever call returned it.
func (d *computerData) name() string {
	if r, ok := d.computer(); ok && r.Name != "" {
		return string(r.Name)
	}
	if r, ok := d.scan(); ok && r.Name != "" {
		return string(r.Name)
	}
	if r, ok := d.system(); ok && r.Name != "" {
		return string(r.Name)
	}
	return fmt.Sprintf("Computer %d", d.id)
}

// computerPage builds the view of the page from the results of its PMP calls.
func (h *Handler) computerPage(c echo.Context, d *computerData,
	table *embeddedTable[api.SystemPatch]) views.ComputerPage {
	now, fetched := h.now(), h.fetchedAt()
	self := table.spec.path
	page := views.ComputerPage{Name: d.name(), Sections: []views.Section{
		h.agentSection(c, d, now),
		h.scanSection(c, d, now),
		h.healthSection(c, d, now),
	}}
	for i := range page.Sections {
		page.Sections[i].FetchedAt, page.Sections[i].RefreshHref = fetched, self
	}
	page.Notices = computerNotices(d, now)
	if d.missingErr != nil {
		h.logPMPFailure(c, "ticket", d.missingErr)
	}
	page.Ticket = ticketText(d, h.absoluteURL(c, self), now)

	page.FetchedAt, page.SelfHref = fetched, self
	page.Patches = table.view(d.patches, h.tableError(c, table.spec.id, d.patchesErr), now)
	return page
}
