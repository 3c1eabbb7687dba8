package handlers

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

var patchesTable = &tableSpec[api.Patch]{
	id: "patches", caption: "Patches", path: "/patches", active: "patches",
	search: []searchColumn{
		{"title", "patch_description", "Title"},
		{"kb", "sqnumber", "KB number"},
		{"bulletin", "bulletin_id", "Bulletin"},
		{"vendor", "vendor_name", "Vendor"},
	},
	filters: []filterSpec{severityFilter, patchStatusFilter, approvalFilter, platformFilter,
		domainFilter, officeFilter, groupFilter},
	columns: []column[api.Patch]{
		{"Patch", "title", "patch_description", func(p *api.Patch, _ time.Time) views.Cell {
			return linkCell(p.Title, patchHref(p.PatchID))
		}},
		{"KB", "", "", func(p *api.Patch, _ time.Time) views.Cell { return textCell(p.KB) }},
		{"Bulletin", "bulletin", "bulletin_id", func(p *api.Patch, _ time.Time) views.Cell {
			return textCell(p.BulletinID)
		}},
		{"Vendor", "vendor", "vendor_name", func(p *api.Patch, _ time.Time) views.Cell {
			return textCell(p.Vendor)
		}},
		{"Severity", "severity", "severity", func(p *api.Patch, _ time.Time) views.Cell {
			return severityCell(p.Severity)
		}},
		{"Approval", "", "", func(p *api.Patch, _ time.Time) views.Cell {
			return approvalCell(p.Approval)
		}},
		{"Missing", "missing", "missing", func(p *api.Patch, _ time.Time) views.Cell {
			return intCell(p.Missing)
		}},
		{"Installed", "installed", "installed", func(p *api.Patch, _ time.Time) views.Cell {
			return intCell(p.Installed)
		}},
		{"Released", "released", "patch_released_time", func(p *api.Patch, now time.Time) views.Cell {
			return timeCell(p.Released, now, "unknown")
		}},
		{"Reboot", "", "", func(p *api.Patch, _ time.Time) views.Cell {
			return boolCell(p.RebootRequired, "required", "not required")
		}},
	},
	key: func(p *api.Patch) string { return idText(p.PatchID) },
	fetch: func(ctx context.Context, p PMP, token string, q api.Query) (*api.Page[api.Patch], error) {
		return p.AllPatches(ctx, token, q)
	},
}

// PatchesList serves the table of patches applicable to managed systems (patch/allpatches).
func (h *Handler) PatchesList(c echo.Context) error {
	return listTable(h, c, patchesTable)
}
