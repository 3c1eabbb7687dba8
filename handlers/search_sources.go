package handlers

import (
	"context"
	"net/url"
	"strings"

	"patchdesk/api"
	"patchdesk/views"
)

// searchLimit is the number of rows the search page requests from each source. Each source links to
// its full table for the rest.
const searchLimit = 10

// searchSource is one PMP search that the header search box runs: a column of
// som/computers or patch/allpatches.
type searchSource struct {
	id, group string
	label     string // column name for the source list, such as "Logged-on user"
	matched   string // field name for a result, such as "logged-on user"
	column    string // PMP's search column
	table     string // path of the full table
	tableCol  string // col parameter of the full table
	value     func(q string) string
	run       func(ctx context.Context, p PMP, token string,
		q api.Query) ([]views.SearchResult, int, error)
}

var searchSources = []searchSource{
	{id: "computer-name", group: "computers", label: "Computer name", matched: "computer name",
		column: "resource_name", table: "/computers", tableCol: "name", run: searchComputers},
	{id: "computer-user", group: "computers", label: "Logged-on user",
		matched: "logged-on user", column: "agent_logged_on_users", table: "/computers",
		tableCol: "user", value: loginName, run: searchComputers},
	{id: "computer-ip", group: "computers", label: "IP address", matched: "IP address",
		column: "ip_address", table: "/computers", tableCol: "ip", run: searchComputers},
	{id: "patch-kb", group: "patches", label: "KB number", matched: "KB number",
		column: "sqnumber", table: "/patches", tableCol: "kb", value: stripKB, run: searchPatches},
	{id: "patch-bulletin", group: "patches", label: "Bulletin", matched: "bulletin",
		column: "bulletin_id", table: "/patches", tableCol: "bulletin", run: searchPatches},
	{id: "patch-title", group: "patches", label: "Title", matched: "title",
		column: "patch_description", table: "/patches", tableCol: "title", run: searchPatches},
}

// stripKB removes a leading "KB", because PMP stores Microsoft KB numbers without it
// (sqnumber "5068861").
func stripKB(q string) string {
	if len(q) >= 2 && strings.EqualFold(q[:2], "KB") {
		return strings.TrimSpace(q[2:])
	}
	return q
}

// loginName turns the ways people write an account into the login name PMP lists as the
// logged-on user. "CORP\karen.lewis" and "karen.lewis@corp.example" become
// "karen.lewis", and "Karen Lewis" becomes "Karen.Lewis", the usual first.last form.
// PMP does not document whether its search ignores case; the simulator's does.
func loginName(q string) string {
	if _, after, ok := strings.Cut(q, `\`); ok {
		q = after
	}
	if before, _, ok := strings.Cut(q, "@"); ok {
		q = before
	}
	if fields := strings.Fields(q); len(fields) > 1 {
		q = strings.Join(fields, ".")
	}
	return q
}

// searchValue returns the text this source searches for, "" when it cannot search q.
func (s *searchSource) searchValue(q string) string {
	if s.value == nil {
		return q
	}
	return s.value(q)
}

func (s *searchSource) moreHref(value string) string {
	return s.table + "?" + url.Values{"col": {s.tableCol}, "q": {value}}.Encode()
}

func searchComputers(ctx context.Context, p PMP, token string,
	q api.Query) ([]views.SearchResult, int, error) {
	page, err := p.Computers(ctx, token, q)
	if err != nil {
		return nil, 0, err
	}
	results := make([]views.SearchResult, 0, len(page.Rows))
	for i := range page.Rows {
		results = append(results, computerResult(&page.Rows[i]))
	}
	return results, page.Total, nil
}

func computerResult(r *api.Computer) views.SearchResult {
	title := string(r.Name)
	if title == "" {
		title = "Computer " + idText(r.ResourceID)
	}
	return views.SearchResult{Key: idText(r.ResourceID), Title: title,
		Href:   computerHref(r.ResourceID),
		Detail: joinTexts(r.Domain, r.IP, r.LoggedOnUsers, r.OSName)}
}

func searchPatches(ctx context.Context, p PMP, token string,
	q api.Query) ([]views.SearchResult, int, error) {
	page, err := p.AllPatches(ctx, token, q)
	if err != nil {
		return nil, 0, err
	}
	results := make([]views.SearchResult, 0, len(page.Rows))
	for i := range page.Rows {
		results = append(results, patchResult(&page.Rows[i]))
	}
	return results, page.Total, nil
}

func patchResult(r *api.Patch) views.SearchResult {
	title := string(r.Title)
	if title == "" {
		title = "Patch " + idText(r.PatchID)
	}
	kb := api.Text("")
	if r.KB != "" {
		kb = "KB or version " + r.KB
	}
	return views.SearchResult{Key: idText(r.PatchID), Title: title, Href: patchHref(r.PatchID),
		Detail: joinTexts(r.Vendor, kb, r.BulletinID, api.Text(r.Severity.Label()))}
}

// joinTexts joins the values PMP gave, skipping empty ones.
func joinTexts(values ...api.Text) string {
	var parts []string
	for _, v := range values {
		if v != "" {
			parts = append(parts, string(v))
		}
	}
	return strings.Join(parts, " · ")
}
