package handlers

import (
	"context"
	"strconv"
	"time"

	"patchdesk/api"
	"patchdesk/views"
)

// computerPatchesTable returns the table of one computer's patches (patch/systemreport).
// Its path is the computer's page, so the table's links and htmx requests return there.
func computerPatchesTable(id int64) *tableSpec[api.SystemPatch] {
	return &tableSpec[api.SystemPatch]{
		id: "computer-patches", caption: "Patches of this computer",
		path: "/computers/" + strconv.FormatInt(id, 10), active: "computers",
		search: []searchColumn{
			{"title", "patch_description", "Title"},
			{"bulletin", "bulletin_id", "Bulletin"},
			{"vendor", "vendor_name", "Vendor"},
		},
		filters: []filterSpec{patchStatusFilter, severityFilter, approvalFilter},
		columns: systemPatchColumns,
		key:     func(p *api.SystemPatch) string { return idText(p.PatchID) },
		fetch: func(ctx context.Context, p PMP, token string,
			q api.Query) (*api.Page[api.SystemPatch], error) {
			return p.SystemReport(ctx, token, id, q)
		},
	}
}

var systemPatchColumns = []column[api.SystemPatch]{
	{"Patch", "title", "patch_description", func(p *api.SystemPatch, _ time.Time) views.Cell {
		return linkCell(p.Title, patchHref(p.PatchID))
	}},
	{"Bulletin", "", "", func(p *api.SystemPatch, _ time.Time) views.Cell {
		return textCell(p.BulletinID)
	}},
	{"Vendor", "", "", func(p *api.SystemPatch, _ time.Time) views.Cell { return textCell(p.Vendor) }},
	{"Severity", "severity", "severity", func(p *api.SystemPatch, _ time.Time) views.Cell {
		return severityCell(p.Severity)
	}},
	{"Status", "", "", func(p *api.SystemPatch, _ time.Time) views.Cell {
		return patchStatusCell(p.Status)
	}},
	{"Approval", "", "", func(p *api.SystemPatch, _ time.Time) views.Cell {
		return approvalCell(p.Approval)
	}},
	{"Released", "released", "patch_released_time",
		func(p *api.SystemPatch, now time.Time) views.Cell {
			return timeCell(p.Released, now, "unknown")
		}},
	{"Reboot", "", "", func(p *api.SystemPatch, _ time.Time) views.Cell {
		return boolCell(p.RebootRequired, "required", "not required")
	}},
	{"Install error", "", "", func(p *api.SystemPatch, _ time.Time) views.Cell {
		return installErrorCell(p.InstallErrorCode)
	}},
}

// installErrorCell shows PMP's install error code. PMP sends -1 or "--" for no error,
// which the api package decodes as not Valid.
func installErrorCell(code api.Int) views.Cell {
	if !code.Valid || code.Value == 0 {
		return views.Cell{Text: "none", Muted: true}
	}
	return views.Cell{Text: strconv.FormatInt(code.Value, 10), Badge: "bad"}
}
