package handlers

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

var systemsTable = &tableSpec[api.System]{
	id: "systems", caption: "Systems", path: "/systems", active: "systems",
	search: []searchColumn{
		{"name", "resource_name", "Computer"},
		{"ip", "ip_address", "IP address"},
		{"os", "os_name", "Operating system"},
		{"domain", "domain_netbios_name", "Domain"},
	},
	filters: []filterSpec{healthFilter, liveFilter, platformFilter, domainFilter, officeFilter,
		groupFilter},
	columns: []column[api.System]{
		{"Computer", "name", "resource_name", func(s *api.System, _ time.Time) views.Cell {
			return linkCell(s.Name, computerHref(s.ResourceID))
		}},
		{"Domain", "", "", func(s *api.System, _ time.Time) views.Cell { return textCell(s.Domain) }},
		{"Operating system", "", "", func(s *api.System, _ time.Time) views.Cell {
			return textCell(s.OSName)
		}},
		{"Health", "health", "resource_health_status", func(s *api.System, _ time.Time) views.Cell {
			return healthCell(s.Health)
		}},
		{"Critical", "critical", "critical_patch_count", func(s *api.System, _ time.Time) views.Cell {
			return intCell(s.Critical)
		}},
		{"Important", "important", "important_patch_count",
			func(s *api.System, _ time.Time) views.Cell { return intCell(s.Important) }},
		{"Agent", "", "", func(s *api.System, _ time.Time) views.Cell { return liveCell(s.Live) }},
		{"Last scan", "last_scan", "last_successful_scan", func(s *api.System, now time.Time) views.Cell {
			return timeCell(s.LastSuccessfulScan, now, "never")
		}},
		{"Last contact", "last_contact", "agent_last_contact_time",
			func(s *api.System, now time.Time) views.Cell {
				return timeCell(s.LastContact, now, "never")
			}},
	},
	key: func(s *api.System) string { return idText(s.ResourceID) },
	fetch: func(ctx context.Context, p PMP, token string, q api.Query) (*api.Page[api.System], error) {
		return p.AllSystems(ctx, token, q)
	},
}

// SystemsList serves the systems table with patch health (PMP's patch/allsystems).
func (h *Handler) SystemsList(c echo.Context) error {
	return listTable(h, c, systemsTable)
}
