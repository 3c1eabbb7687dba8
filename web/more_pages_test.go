package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"patchdesk/api"
	"patchdesk/api/pmptest"
)

// pageColumn returns the trimmed texts of one column of a table page's rows.
func pageColumn(tb testing.TB, doc *goquery.Document, label string) []string {
	tb.Helper()
	index := -1
	for i, h := range tableHeaders(doc) {
		if h == label {
			index = i
		}
	}
	if index < 0 {
		tb.Fatalf("no column %q in %v", label, tableHeaders(doc))
	}
	var texts []string
	doc.Find("[data-testid=row]").Each(func(_ int, tr *goquery.Selection) {
		texts = append(texts, strings.TrimSpace(tr.Find("td").Eq(index).Text()))
	})
	return texts
}

func TestNavigationLinksNewPages(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct{ path, label string }{
		{"/policies", "Policies"},
		{"/configs", "Configurations"},
		{"/server", "PMP server"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			doc := mustGet(t, client, app.URL+"/").doc(t)
			link := doc.Find(`nav a[href="` + tt.path + `"]`)
			if got := strings.TrimSpace(link.Text()); got != tt.label {
				t.Errorf("navigation link to %s reads %q, want %q", tt.path, got, tt.label)
			}
			page := mustGet(t, client, app.URL+tt.path)
			if page.status != http.StatusOK {
				t.Fatalf("status %d, want 200", page.status)
			}
			current := page.doc(t).Find(`nav a[aria-current=page]`).AttrOr("href", "")
			if current != tt.path {
				t.Errorf("current navigation entry %q, want %s", current, tt.path)
			}
		})
	}
}

func TestPoliciesPageShowsPolicies(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	doc := mustGet(t, client, app.URL+"/policies").doc(t)
	rows := doc.Find("[data-testid=row]")
	total := tableTotal(t, doc)
	if total == 0 || rows.Length() != total {
		t.Fatalf("%d rows of data-total %d, want all policies on one page", rows.Length(), total)
	}
	for i, name := range pageColumn(t, doc, "Policy") {
		if name == "" || name == "unknown" {
			t.Errorf("row %d has no policy name", i+1)
		}
	}
	defaults := 0
	for _, v := range pageColumn(t, doc, "Default") {
		if v == "default" {
			defaults++
		}
	}
	if defaults != 1 {
		t.Errorf("%d default policies, want 1", defaults)
	}
}

func TestPoliciesSearchByName(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	all := pageColumn(t, mustGet(t, client, app.URL+"/policies").doc(t), "Policy")
	word := strings.Fields(all[len(all)-1])[0]
	doc := mustGet(t, client, app.URL+"/policies?col=name&q="+word).doc(t)
	names := pageColumn(t, doc, "Policy")
	if len(names) == 0 {
		t.Fatalf("search %q found nothing", word)
	}
	for _, n := range names {
		if !strings.Contains(strings.ToLower(n), strings.ToLower(word)) {
			t.Errorf("policy %q does not contain %q", n, word)
		}
	}
}

func TestConfigsStatusFilter(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	doc := mustGet(t, client, app.URL+"/configs?size=250").doc(t)
	all := tableTotal(t, doc)
	options := doc.Find("[data-testid=filter-status] option")
	if options.Length() != 8 {
		t.Fatalf("%d status options, want Any and the 7 statuses", options.Length())
	}
	sum := 0
	options.Each(func(_ int, o *goquery.Selection) {
		value, label := o.AttrOr("value", ""), strings.TrimSpace(o.Text())
		if value == "" {
			return
		}
		filtered := mustGet(t, client, app.URL+"/configs?size=250&status="+value).doc(t)
		sum += tableTotal(t, filtered)
		for _, got := range pageColumn(t, filtered, "Status") {
			if got != label {
				t.Errorf("status filter %s shows a configuration with status %q", value, got)
			}
		}
	})
	if sum != all {
		t.Errorf("status filters hold %d configurations together, the table %d", sum, all)
	}
}

func TestConfigsSortByTargets(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	doc := mustGet(t, client, app.URL+"/configs?sort=targets&dir=desc&size=250").doc(t)
	targets := pageColumn(t, doc, "Targets")
	if len(targets) < 2 {
		t.Fatalf("%d configurations, want at least 2 to check the order", len(targets))
	}
	previous := -1
	for i, text := range targets {
		n, err := strconv.Atoi(text)
		if err != nil {
			t.Fatalf("row %d: targets %q is not a number", i+1, text)
		}
		if previous >= 0 && n > previous {
			t.Errorf("row %d: %d targets after %d, want descending", i+1, n, previous)
		}
		previous = n
	}
}

// discoverFacts calls the simulator directly for the facts the server page shows.
func discoverFacts(tb testing.TB, app *testApp) *api.Discover {
	tb.Helper()
	client, err := api.New(app.Demo.URL())
	if err != nil {
		tb.Fatal(err)
	}
	d, err := client.Discover(context.Background())
	if err != nil {
		tb.Fatalf("discover: %v", err)
	}
	return d
}

func TestServerPageShowsEachSection(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	res := mustGet(t, client, app.URL+"/server")
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	for _, id := range []string{"server", "database", "health-policy", "scope"} {
		section := doc.Find("[data-testid=section-" + id + "]")
		if section.Length() != 1 {
			t.Errorf("section %s: found %d, want 1", id, section.Length())
			continue
		}
		if section.Find("[data-testid=section-error]").Length() != 0 {
			t.Errorf("section %s shows an error: %s", id, section.Text())
		}
		if section.Find("[data-testid=fetched-at]").Length() != 1 {
			t.Errorf("section %s has no fetch time", id)
		}
	}

	want := discoverFacts(t, app)
	build := strings.TrimSpace(doc.Find("[data-testid=fact-build] dd").Text())
	if want.BuildNo == "" || build != want.BuildNo {
		t.Errorf("build %q, PMP says %q", build, want.BuildNo)
	}
	if got := doc.Find("[data-testid=threshold]").Length(); got != 4 {
		t.Errorf("%d health policy thresholds, want one per severity: 4", got)
	}
	for _, id := range []string{"db-status", "db-last", "db-next", "db-auto"} {
		if doc.Find("[data-testid=fact-"+id+"] dd").Text() == "" {
			t.Errorf("database fact %s is empty", id)
		}
	}
}

func TestServerPageDomainsLinkToSystems(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	doc := mustGet(t, client, app.URL+"/server").doc(t)
	links := doc.Find("[data-testid=list-domains] a")
	if links.Length() == 0 {
		t.Fatal("no domain links")
	}
	sum := 0
	links.Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if !strings.HasPrefix(href, "/systems?domain=") {
			t.Errorf("domain link %q, want /systems?domain=...", href)
			return
		}
		table := mustGet(t, client, app.URL+href)
		if table.status != http.StatusOK {
			t.Errorf("%s: status %d, want 200", href, table.status)
			return
		}
		sum += tableTotal(t, table.doc(t))
	})
	all := tableTotal(t, mustGet(t, client, app.URL+"/systems").doc(t))
	if sum != all {
		t.Errorf("domains hold %d systems together, the systems table %d", sum, all)
	}
}

func TestServerPageSectionFailsAlone(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	app.Demo.SetFault("patch/healthpolicy", pmptest.FaultHTTP500)
	res := mustGet(t, client, app.URL+"/server")
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	if doc.Find("[data-testid=section-health-policy] [data-testid=section-error]").Length() != 1 {
		t.Error("the health policy section does not show its error")
	}
	for _, id := range []string{"server", "database", "scope"} {
		if doc.Find("[data-testid=section-"+id+"] [data-testid=section-error]").Length() != 0 {
			t.Errorf("section %s shows an error for another section's failure", id)
		}
	}
}

func TestServerPageExpiredTokenAsksToSignIn(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	app.Demo.ExpireTokens()
	res := mustGet(t, client, app.URL+"/server")
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	if loc := res.header.Get("Location"); loc != "/login?next=%2Fserver" {
		t.Errorf("redirect to %q, want /login?next=%%2Fserver", loc)
	}
}
