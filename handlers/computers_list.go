package handlers

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

var computersTable = &tableSpec[api.Computer]{
	id: "computers", caption: "Computers", path: "/computers", active: "computers",
	search: []searchColumn{
		{"name", "resource_name", "Computer"},
		{"user", "agent_logged_on_users", "Logged-on user"},
		{"ip", "ip_address", "IP address"},
		{"os", "os_name", "Operating system"},
	},
	filters: []filterSpec{liveFilter, installFilter, platformFilter, domainFilter, officeFilter},
	columns: []column[api.Computer]{
		{"Computer", "name", "resource_name", func(r *api.Computer, _ time.Time) views.Cell {
			return linkCell(r.Name, computerHref(r.ResourceID))
		}},
		{"User", "user", "agent_logged_on_users", func(r *api.Computer, _ time.Time) views.Cell {
			if r.LoggedOnUsers == "" {
				return views.Cell{Text: "nobody", Muted: true}
			}
			return textCell(r.LoggedOnUsers)
		}},
		{"Domain", "", "", func(r *api.Computer, _ time.Time) views.Cell { return textCell(r.Domain) }},
		{"IP address", "", "", func(r *api.Computer, _ time.Time) views.Cell { return textCell(r.IP) }},
		{"Operating system", "", "", func(r *api.Computer, _ time.Time) views.Cell {
			return textCell(r.OSName)
		}},
		{"Agent", "", "", func(r *api.Computer, _ time.Time) views.Cell {
			return installCell(r.Installation)
		}},
		{"Live", "", "", func(r *api.Computer, _ time.Time) views.Cell { return liveCell(r.Live) }},
		{"Agent version", "", "", func(r *api.Computer, _ time.Time) views.Cell {
			return textCell(r.AgentVersion)
		}},
		{"Last contact", "last_contact", "agent_last_contact_time",
			func(r *api.Computer, now time.Time) views.Cell {
				return timeCell(r.LastContact, now, "never")
			}},
	},
	key: func(r *api.Computer) string { return idText(r.ResourceID) },
	fetch: func(ctx context.Context, p PMP, token string, q api.Query) (*api.Page[api.Computer], error) {
		return p.Computers(ctx, token, q)
	},
}

// ComputersList serves the table of managed computers and their agents (som/computers).
func (h *Handler) ComputersList(c echo.Context) error {
	return listTable(h, c, computersTable)
}
