package handlers

import (
	"context"
	"strconv"
	"time"

	"patchdesk/api"
	"patchdesk/views"
)

// patchComputersTable returns the table of the computers one patch applies to
// (patch/allpatchdetails). Its path is the patch's page.
func patchComputersTable(id int64) *tableSpec[api.PatchSystem] {
	return &tableSpec[api.PatchSystem]{
		id: "patch-computers", caption: "Computers this patch applies to",
		path: "/patches/" + strconv.FormatInt(id, 10), active: "patches",
		search: []searchColumn{
			{"name", "resource.name", "Computer"},
			{"domain", "resource.domain_netbios_name", "Domain"},
		},
		filters: []filterSpec{patchStatusFilter},
		columns: patchSystemColumns,
		key:     func(p *api.PatchSystem) string { return idText(p.ResourceID) },
		fetch: func(ctx context.Context, p PMP, token string,
			q api.Query) (*api.Page[api.PatchSystem], error) {
			return p.AllPatchDetails(ctx, token, id, q)
		},
	}
}

var patchSystemColumns = []column[api.PatchSystem]{
	{"Computer", "name", "resource.name", func(p *api.PatchSystem, _ time.Time) views.Cell {
		return linkCell(p.Name, computerHref(p.ResourceID))
	}},
	{"Domain", "", "", func(p *api.PatchSystem, _ time.Time) views.Cell { return textCell(p.Domain) }},
	{"Remote office", "", "", func(p *api.PatchSystem, _ time.Time) views.Cell {
		return textCell(p.BranchOffice)
	}},
	{"Operating system", "", "", func(p *api.PatchSystem, _ time.Time) views.Cell {
		return textCell(p.OSName)
	}},
	{"Status", "", "", func(p *api.PatchSystem, _ time.Time) views.Cell {
		return patchStatusCell(p.Status)
	}},
	{"Install error", "", "", func(p *api.PatchSystem, _ time.Time) views.Cell {
		return installErrorCell(p.InstallErrorCode)
	}},
	{"Deployment remarks", "", "", func(p *api.PatchSystem, _ time.Time) views.Cell {
		if p.DeployRemarks == "" {
			return views.Cell{Text: "none", Muted: true}
		}
		return remarkCell(p.DeployRemarks)
	}},
}
