package handlers

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

var policiesTable = &tableSpec[api.DeploymentPolicy]{
	id: "policies", caption: "Deployment policies", path: "/policies", active: "policies",
	search: []searchColumn{
		{"name", "template_name", "Policy"},
		{"creator", "first_name", "Created by"},
	},
	columns: []column[api.DeploymentPolicy]{
		{"Policy", "name", "template_name", func(p *api.DeploymentPolicy, _ time.Time) views.Cell {
			return textCell(p.Name)
		}},
		// installpatch takes this id as DeploymentPolicyTemplateID.
		{"Template ID", "", "", func(p *api.DeploymentPolicy, _ time.Time) views.Cell {
			return intCell(p.TemplateID)
		}},
		{"Default", "", "", func(p *api.DeploymentPolicy, _ time.Time) views.Cell {
			return boolCell(p.Default, "default", "no")
		}},
		{"Template alive", "", "", func(p *api.DeploymentPolicy, _ time.Time) views.Cell {
			return boolCell(p.Alive, "yes", "no")
		}},
		{"Created by", "creator", "first_name",
			func(p *api.DeploymentPolicy, _ time.Time) views.Cell { return textCell(p.CreatedBy) }},
		{"Created", "created", "creation_time",
			func(p *api.DeploymentPolicy, now time.Time) views.Cell {
				return timeCell(p.Created, now, "unknown")
			}},
		{"Modified", "modified", "modified_time",
			func(p *api.DeploymentPolicy, now time.Time) views.Cell {
				return timeCell(p.Modified, now, "unknown")
			}},
	},
	key: func(p *api.DeploymentPolicy) string { return idText(p.TemplateID) },
	fetch: func(ctx context.Context, p PMP, token string,
		q api.Query) (*api.Page[api.DeploymentPolicy], error) {
		return p.DeploymentPolicies(ctx, token, q)
	},
}

// PoliciesList serves the table of deployment policies (patch/deploymentpolicies), the
// schedules and reboot rules that patch deployments follow.
func (h *Handler) PoliciesList(c echo.Context) error {
	return listTable(h, c, policiesTable)
}
