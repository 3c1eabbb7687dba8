package handlers

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
)

// drillDownExports are the tables of detail pages offered as CSV at <page>/export.
var drillDownExports = map[string]bool{"computer-patches": true, "patch-computers": true}

// ComputerPatchesCSV streams the patches of one computer as CSV, narrowed like the patch
// table of its page.
func (h *Handler) ComputerPatchesCSV(c echo.Context) error {
	id, err := parseID(c.Param("id"), "computer")
	if err != nil {
		return err
	}
	e := &exportSpec[api.SystemPatch]{table: computerPatchesTable(id),
		name: "computer-" + strconv.FormatInt(id, 10) + "-patches",
		times: map[string]func(*api.SystemPatch) api.Time{
			"Released": func(p *api.SystemPatch) api.Time { return p.Released },
		}}
	return e.export(h, c)
}

// PatchComputersCSV streams the computers of one patch as CSV, narrowed like the
// computer table of its page.
func (h *Handler) PatchComputersCSV(c echo.Context) error {
	id, err := parseID(c.Param("id"), "patch")
	if err != nil {
		return err
	}
	e := &exportSpec[api.PatchSystem]{table: patchComputersTable(id),
		name: "patch-" + strconv.FormatInt(id, 10) + "-computers"}
	return e.export(h, c)
}
