package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// configStatusFilter narrows deployment configurations by status. PMP takes the status
// names themselves in configstatusfilter; no numeric codes are known.
var configStatusFilter = filterSpec{param: "status", pmp: "configstatusfilter", label: "Status",
	choices: []filterChoice{{"in_progress", "InProgress", "In progress"},
		{"draft", "Draft", "Draft"}, {"executed", "Executed", "Executed"},
		{"suspended", "Suspended", "Suspended"}, {"deployed", "Deployed", "Deployed"},
		{"retry_in_progress", "RetryInProgress", "Retry in progress"},
		{"expired", "Expired", "Expired"}}}

// configStatusBadges maps PMP's status names to badge styles.
var configStatusBadges = map[string]string{"InProgress": "info", "Draft": "muted",
	"Executed": "ok", "Suspended": "warn", "Deployed": "ok", "RetryInProgress": "warn",
	"Expired": "muted"}

var configsTable = &tableSpec[api.DeploymentConfig]{
	id: "configs", caption: "Deployment configurations", path: "/configs", active: "configs",
	search: []searchColumn{
		{"name", "collection_name", "Configuration"},
	},
	filters: []filterSpec{configStatusFilter, domainFilter, officeFilter},
	columns: []column[api.DeploymentConfig]{
		{"Configuration", "name", "collection_name",
			func(d *api.DeploymentConfig, _ time.Time) views.Cell { return textCell(d.Name) }},
		{"Config ID", "", "", func(d *api.DeploymentConfig, _ time.Time) views.Cell {
			return intCell(d.ConfigID)
		}},
		{"Status", "", "", func(d *api.DeploymentConfig, _ time.Time) views.Cell {
			return configStatusCell(d.Status)
		}},
		{"Platform", "", "", func(d *api.DeploymentConfig, _ time.Time) views.Cell {
			return platformCell(d.Platform)
		}},
		{"Targets", "targets", "total_target_count",
			func(d *api.DeploymentConfig, _ time.Time) views.Cell { return intCell(d.Targets) }},
		{"Created", "created", "created_time",
			func(d *api.DeploymentConfig, now time.Time) views.Cell {
				return timeCell(d.Created, now, "unknown")
			}},
		{"Modified", "modified", "modified_time",
			func(d *api.DeploymentConfig, now time.Time) views.Cell {
				return timeCell(d.Modified, now, "unknown")
			}},
	},
	key: func(d *api.DeploymentConfig) string { return idText(d.ConfigID) },
	fetch: func(ctx context.Context, p PMP, token string,
		q api.Query) (*api.Page[api.DeploymentConfig], error) {
		return p.ViewConfig(ctx, token, q)
	},
}

// configStatusCell shows a configuration status as words: "InProgress" becomes "In
// progress". A status outside the documented names shows as PMP sent it.
func configStatusCell(status api.Text) views.Cell {
	if status == "" {
		return views.Cell{Text: "unknown", Muted: true}
	}
	for _, c := range configStatusFilter.choices {
		if strings.EqualFold(c.pmp, string(status)) {
			return views.Cell{Text: c.label, Badge: configStatusBadges[c.pmp]}
		}
	}
	return views.Cell{Text: string(status), Badge: "muted"}
}

// ConfigsList serves the table of deployment configurations (patch/viewconfig).
func (h *Handler) ConfigsList(c echo.Context) error {
	return listTable(h, c, configsTable)
}
