package handlers

import (
	"context"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// Dashboard serves the summary cards. Their PMP calls run concurrently, so the page takes
// as long as the slowest call. A failed call shows its error on its own cards only.
func (h *Handler) Dashboard(c echo.Context) error {
	ctx := c.Request().Context()
	token := h.token(c)
	var (
		wg         sync.WaitGroup
		patches    *api.PatchSummary
		agents     *api.SoMSummary
		patchesErr error
		agentsErr  error
	)
	wg.Go(func() { patches, patchesErr = h.pmp.PatchSummary(ctx, token) })
	wg.Go(func() { agents, agentsErr = h.pmp.SoMSummary(ctx, token) })
	wg.Wait()
	for _, err := range []error{patchesErr, agentsErr} {
		if handled, rerr := h.handleSignInAgain(c, err); handled {
			return rerr
		}
	}
	fetched := h.now().Format("15:04:05")
	cards := []views.Card{
		h.cardOrError(ctx, "patches", "Patch status", patchesErr, fetched,
			func() views.Card { return patchCard(patches) }),
		h.cardOrError(ctx, "health", "System health", patchesErr, fetched,
			func() views.Card { return healthCard(patches) }),
		h.cardOrError(ctx, "agents", "Agents", agentsErr, fetched,
			func() views.Card { return agentCard(agents) }),
	}
	return h.render(c, http.StatusOK,
		views.DashboardPage(h.shell(c, "Dashboard", "dashboard"), views.Dashboard{Cards: cards}))
}

func (h *Handler) cardOrError(ctx context.Context, id, title string, err error, fetched string,
	build func() views.Card) views.Card {
	if err != nil {
		h.log.Error("PMP summary failed", "card", id, "user", h.sessions.GetString(ctx, keyUser),
			"error", err)
		return views.Card{ID: id, Title: title, Error: h.pmpMessage(err), FetchedAt: fetched}
	}
	card := build()
	card.ID, card.Title, card.FetchedAt = id, title, fetched
	return card
}

func figure(label string, n api.Int, href string) views.Figure {
	return views.Figure{Label: label, Value: countCell(n, href)}
}

func patchCard(s *api.PatchSummary) views.Card {
	m := s.MissingBySeverity
	return views.Card{Figures: []views.Figure{
		figure("Missing patches", s.Missing, "/patches?status=missing"),
		figure("Critical", m.Critical, "/patches?severity=critical&status=missing"),
		figure("Important", m.Important, "/patches?severity=important&status=missing"),
		figure("Moderate", m.Moderate, "/patches?severity=moderate&status=missing"),
		figure("Low", m.Low, "/patches?severity=low&status=missing"),
		figure("Unrated", m.Unrated, "/patches?severity=unrated&status=missing"),
		figure("Installed patches", s.Installed, "/patches?status=installed"),
		figure("Applicable patches", s.Applicable, "/patches"),
	}, Note: "Counts are of distinct patches; a patch missing on many computers counts once."}
}

func healthCard(s *api.PatchSummary) views.Card {
	y := s.Systems
	return views.Card{Figures: []views.Figure{
		figure("Systems", y.Total, "/systems"),
		figure("Healthy", y.Healthy, "/systems?health=healthy"),
		figure("Vulnerable", y.Vulnerable, "/systems?health=vulnerable"),
		figure("Highly vulnerable", y.HighlyVulnerable, "/systems?health=highly_vulnerable"),
		figure("Health unknown", y.Unknown, "/systems?health=unknown"),
	}}
}

func agentCard(s *api.SoMSummary) views.Card {
	in, lc := s.Installation, s.LastContact
	figures := []views.Figure{
		figure("Computers", in.Total, "/computers"),
		figure("Agent installed", in.Installed, "/computers?install=installed"),
		figure("Agent not installed", in.YetToInstall, "/computers?install=not_installed"),
		figure("Installation failed", in.Failed, "/computers?install=failed"),
		figure("Agent uninstalled", in.Uninstalled, "/computers?install=uninstalled"),
	}
	if s.Live.Present {
		figures = append(figures,
			figure("Live", s.Live.Live, "/computers?live=live"),
			figure("Down", s.Live.Down, "/computers?live=down"),
			figure("Live status unknown", s.Live.Unknown, "/computers?live=unknown"))
	}
	figures = append(figures,
		figure("Contacted within 3 days", lc.Within3Days, ""),
		figure("4 to 7 days ago", lc.Days4To7, ""),
		figure("8 to 15 days ago", lc.Days8To15, ""),
		figure("16 to 30 days ago", lc.Days16To30, ""),
		figure("Over 30 days ago", lc.Over30Days, ""))
	// PMP has no filter on contact age, so the contact counts link to no table.
	return views.Card{Figures: figures, Note: "PMP cannot filter computers by contact age, " +
		"so the last-contact counts have no table; sort the computers by last contact instead."}
}
