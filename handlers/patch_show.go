package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// PatchShow serves the page of one patch, keyed on PMP's patch id: its details and the
// computers where it is missing, installed or failed. htmx requests get the computer
// table region alone.
func (h *Handler) PatchShow(c echo.Context) error {
	id, err := parseID(c.Param("id"), "patch")
	if err != nil {
		return err
	}
	table, err := parseEmbeddedTable(patchComputersTable(id), c.QueryParams())
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return serveTableRegion(h, c, table)
	}

	d := h.fetchPatch(c.Request().Context(), h.token(c), id, table)
	for _, err := range []error{d.patchErr, d.computersErr} {
		if handled, rerr := h.handleSignInAgain(c, err); handled {
			return rerr
		}
	}
	if d.patchErr == nil && len(d.patches.Rows) == 0 {
		return h.renderNotFound(c, "Patch not found", fmt.Sprintf("PMP has no patch with id "+
			"%d that applies to a managed computer.", id))
	}

	page := h.patchPage(c, id, d.patches, d.patchErr, table)
	page.Computers = table.view(d.computers, h.tableError(c, table.spec.id, d.computersErr),
		h.now())
	status := http.StatusOK
	if d.patchErr != nil {
		status = http.StatusBadGateway
	}
	return h.render(c, status, views.PatchShowPage(h.shell(c, page.Title, "patches"), page))
}

// patchData holds the results of the PMP calls behind a patch page.
type patchData struct {
	patches      *api.Page[api.Patch]
	computers    *api.Page[api.PatchSystem]
	patchErr     error
	computersErr error
}

// fetchPatch requests the patch and its computers from PMP concurrently.
func (h *Handler) fetchPatch(ctx context.Context, token string, id int64,
	table *embeddedTable[api.PatchSystem]) *patchData {
	d := &patchData{}
	query := api.Query{Filters: map[string]string{"patchid": strconv.FormatInt(id, 10)}}
	var wg sync.WaitGroup
	wg.Go(func() { d.patches, d.patchErr = h.pmp.AllPatches(ctx, token, query) })
	wg.Go(func() { d.computers, d.computersErr = table.fetch(ctx, h.pmp, token) })
	wg.Wait()
	return d
}

// tableError logs a failed table call and returns its sentence for the user, or "".
func (h *Handler) tableError(c echo.Context, section string, err error) string {
	if err == nil {
		return ""
	}
	h.logPMPFailure(c, section, err)
	return h.pmpMessage(err)
}

// patchPage builds the patch's details from its allpatches row.
func (h *Handler) patchPage(c echo.Context, id int64, patches *api.Page[api.Patch], err error,
	table *embeddedTable[api.PatchSystem]) views.PatchPage {
	page := views.PatchPage{Title: fmt.Sprintf("Patch %d", id)}
	s := views.Section{ID: "patch", Title: "Details", FetchedAt: h.fetchedAt(),
		RefreshHref: table.spec.path}
	r, ok := rowWithID(pageRowsOf(patches), id, func(p *api.Patch) api.Int { return p.PatchID })
	if !h.sectionFailure(c, &s, err, ok, pageRows(patches), id) && ok {
		if r.Title != "" {
			page.Title = string(r.Title)
		}
		s.Facts = patchFacts(r, table.spec.path, h.now())
	}
	page.Details = s
	return page
}

func pageRowsOf[T any](p *api.Page[T]) []T {
	if p == nil {
		return nil
	}
	return p.Rows
}

// patchFacts lists a patch's details. The computer counts link to the table below,
// filtered by that status.
func patchFacts(p *api.Patch, path string, now time.Time) []views.Fact {
	status := func(value string) string {
		return path + "?status=" + value + "#patch-computers-region"
	}
	return []views.Fact{
		fact("Vendor", "vendor", textCell(p.Vendor)),
		fact("KB or version", "kb", textCell(p.KB)),
		fact("Bulletin", "bulletin", textCell(p.BulletinID)),
		fact("Type", "type", textCell(p.UpdateName)),
		fact("Platform", "platform", platformCell(p.Platform)),
		fact("Severity", "severity", severityCell(p.Severity)),
		fact("Approval", "approval", approvalCell(p.Approval)),
		fact("Approved by", "approved-by", textCell(p.ApprovedBy)),
		fact("Released", "released", timeCell(p.Released, now, "unknown")),
		fact("Reboot", "reboot", boolCell(p.RebootRequired, "required", "not required")),
		fact("Uninstall", "uninstall", boolCell(p.UninstallSupported, "supported",
			"not supported")),
		fact("Missing on", "missing", countCell(p.Missing, status("missing"))),
		fact("Installed on", "installed", countCell(p.Installed, status("installed"))),
		fact("Failed on", "failed", countCell(p.Failed, status("failed"))),
	}
}
