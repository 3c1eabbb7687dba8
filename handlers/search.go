package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// sourceResult is the result of one source for one search.
type sourceResult struct {
	source  *searchSource
	value   string // the text searched; "" when the source did not run
	results []views.SearchResult
	total   int
	err     error
}

// Search serves the header search: computers by name, logged-on user and IP address, and
// patches by KB number, bulletin and title, asked of PMP concurrently. When exactly one
// computer or patch matches in all, it redirects to that page.
func (h *Handler) Search(c echo.Context) error {
	q, err := parseGlobalQuery(c.QueryParam("q"))
	if err != nil {
		return err
	}
	shell := h.shell(c, "Search", "")
	shell.Query = q
	if q == "" {
		return h.render(c, http.StatusOK, views.SearchResultsPage(shell, views.SearchPage{}))
	}

	sources := h.runSearch(c.Request().Context(), h.token(c), q)
	for _, a := range sources {
		if handled, rerr := h.handleSignInAgain(c, a.err); handled {
			return rerr
		}
	}
	if href, ok := onlyResult(sources); ok {
		return redirect(c, href)
	}

	shell.Title = "Search: " + q
	page := views.SearchPage{Query: q, FetchedAt: h.fetchedAt(),
		SelfHref: "/search?" + url.Values{"q": {q}}.Encode(), Groups: h.searchGroups(c, sources)}
	return h.render(c, http.StatusOK, views.SearchResultsPage(shell, page))
}

// parseGlobalQuery validates the header search text.
func parseGlobalQuery(raw string) (string, error) {
	q := strings.TrimSpace(raw)
	if !validSearchText(q) {
		return "", invalidParam("Invalid search text: use at most %d characters and no "+
			"control characters.", maxSearchLength)
	}
	return q, nil
}

// runSearch runs every source concurrently. Sources that cannot search q, such as a KB
// search for "KB" alone, do not run.
func (h *Handler) runSearch(ctx context.Context, token, q string) []sourceResult {
	sources := make([]sourceResult, len(searchSources))
	var wg sync.WaitGroup
	for i := range searchSources {
		s := &searchSources[i]
		sources[i] = sourceResult{source: s, value: s.searchValue(q)}
		if sources[i].value == "" {
			continue
		}
		a := &sources[i]
		query := api.Query{PageLimit: searchLimit, SearchColumn: s.column, SearchValue: a.value}
		wg.Go(func() { a.results, a.total, a.err = s.run(ctx, h.pmp, token, query) })
	}
	wg.Wait()
	return sources
}

// onlyResult returns the page of the one computer or patch that all sources found
// together. Any failed source could have found more, so then there is no redirect.
func onlyResult(sources []sourceResult) (string, bool) {
	hrefs := map[string]bool{}
	for _, a := range sources {
		if a.err != nil || a.total > len(a.results) {
			return "", false
		}
		for _, r := range a.results {
			if r.Href == "" {
				return "", false
			}
			hrefs[r.Href] = true
		}
	}
	for href := range hrefs {
		return href, len(hrefs) == 1
	}
	return "", false
}

// searchGroups merges the source results into one list per group, keyed on resource_id or
// patch_id, so a computer found by name and by user shows once with both fields.
func (h *Handler) searchGroups(c echo.Context, sources []sourceResult) []views.SearchGroup {
	groups := []views.SearchGroup{{ID: "computers", Title: "Computers"},
		{ID: "patches", Title: "Patches"}}
	for i := range groups {
		g := &groups[i]
		index := map[string]int{}
		for _, a := range sources {
			if a.source.group != g.ID || a.value == "" {
				continue
			}
			g.Sources = append(g.Sources, h.sourceView(c, a))
			for _, r := range a.results {
				mergeResult(g, index, r, a.source.matched)
			}
		}
	}
	return groups
}

func (h *Handler) sourceView(c echo.Context, a sourceResult) views.SearchSource {
	v := views.SearchSource{ID: a.source.id, Label: a.source.label, Total: a.total,
		MoreHref: a.source.moreHref(a.value)}
	if a.err != nil {
		h.logPMPFailure(c, "search-"+a.source.id, a.err)
		v.Error = h.pmpMessage(a.err)
	}
	return v
}

// mergeResult adds r to the group, or adds the matched field to the result with the same
// key. Rows without an id cannot be merged or linked, so each stays on its own.
func mergeResult(g *views.SearchGroup, index map[string]int, r views.SearchResult,
	matched string) {
	if i, ok := index[r.Key]; ok && r.Key != "" {
		g.Results[i].Matched = append(g.Results[i].Matched, matched)
		return
	}
	r.Matched = []string{matched}
	index[r.Key] = len(g.Results)
	g.Results = append(g.Results, r)
}
