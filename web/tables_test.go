package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// tableTotal returns the total row count a table page reports.
func tableTotal(tb testing.TB, doc *goquery.Document) int {
	tb.Helper()
	raw, ok := doc.Find("[data-testid=table-region]").Attr("data-total")
	if !ok {
		tb.Fatal("no table region with data-total")
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		tb.Fatalf("data-total %q: %v", raw, err)
	}
	return n
}

func TestDashboardNumbersMatchLinkedTables(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	res := mustGet(t, client, app.URL+"/")
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	links := res.doc(t).Find(".card dd a")
	if links.Length() < 10 {
		t.Fatalf("%d linked figures, want at least 10", links.Length())
	}
	links.Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if strings.Contains(href, "sort=") {
			return // The oldest contact bucket links to a sorted list, not a filtered one.
		}
		want, err := strconv.Atoi(strings.TrimSpace(a.Text()))
		if err != nil {
			t.Errorf("figure %q linking to %s is not a number", a.Text(), href)
			return
		}
		table := mustGet(t, client, app.URL+href)
		if got := tableTotal(t, table.doc(t)); got != want {
			t.Errorf("%s: table total %d, card says %d", href, got, want)
		}
	})
}

func TestDashboardShowsEachCard(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	doc := mustGet(t, client, app.URL+"/").doc(t)
	for _, id := range []string{"patches", "health", "agents"} {
		card := doc.Find("[data-testid=card-" + id + "]")
		if card.Length() != 1 {
			t.Errorf("card %s: found %d, want 1", id, card.Length())
			continue
		}
		if card.Find("[data-testid=fetched-at]").Length() != 1 {
			t.Errorf("card %s has no fetch time", id)
		}
	}
}

var rowRange = regexp.MustCompile(`^rows (\d+)–(\d+) of (\d+)$`)

func TestTablePaging(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	for _, table := range []string{"systems", "patches", "computers"} {
		t.Run(table, func(t *testing.T) {
			doc := mustGet(t, client, app.URL+"/"+table+"?size=50&page=2").doc(t)
			m := rowRange.FindStringSubmatch(doc.Find("[data-testid=row-range]").Text())
			if m == nil {
				t.Fatalf("row range %q", doc.Find("[data-testid=row-range]").Text())
			}
			if m[1] != "51" || m[2] != "100" {
				t.Errorf("rows %s–%s, want 51–100", m[1], m[2])
			}
			if got := doc.Find("[data-testid=row]").Length(); got != 50 {
				t.Errorf("%d rows, want 50", got)
			}
			total, _ := strconv.Atoi(m[3])
			last := (total + 49) / 50
			href := doc.Find("[data-testid=page-last]").AttrOr("href", "")
			if !strings.Contains(href, fmt.Sprintf("page=%d", last)) {
				t.Errorf("last page link %q, want page=%d", href, last)
			}
			lastDoc := mustGet(t, client, app.URL+href).doc(t)
			if lastDoc.Find("[data-testid=page-next]").Is("a") {
				t.Error("last page offers a next link")
			}
		})
	}
}

func TestTableSearch(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	first := mustGet(t, client, app.URL+"/computers").doc(t)
	name := strings.TrimSpace(first.Find("[data-testid=row] td").First().Text())
	if len(name) < 4 {
		t.Fatalf("first computer name %q too short to search", name)
	}
	query := strings.ToLower(name[len(name)-4:])
	doc := mustGet(t, client, app.URL+"/computers?col=name&q="+query).doc(t)
	rows := doc.Find("[data-testid=row]")
	if rows.Length() == 0 {
		t.Fatalf("search %q found nothing", query)
	}
	rows.Each(func(_ int, row *goquery.Selection) {
		got := strings.ToLower(row.Find("td").First().Text())
		if !strings.Contains(got, query) {
			t.Errorf("row %q does not contain %q", got, query)
		}
	})
}

func TestTableEmptyResultOffersClear(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	doc := mustGet(t, client, app.URL+"/systems?col=name&q=no-such-computer-zz").doc(t)
	if doc.Find("[data-testid=empty]").Length() != 1 {
		t.Fatal("no empty-result message")
	}
	if href := doc.Find("[data-testid=clear-search]").AttrOr("href", ""); href != "/systems" {
		t.Errorf("clear link %q, want /systems", href)
	}
}

func TestTableRejectsInvalidParameters(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct{ name, query, message string }{
		{"unknown column", "col=password", "Invalid search column"},
		{"page zero", "page=0", "Invalid page"},
		{"page not a number", "page=abc", "Invalid page"},
		{"huge page size", "size=100000", "Invalid page size"},
		{"unknown health", "health=excellent", "Invalid Health filter"},
		{"unknown sort", "sort=secret", "Invalid sort column"},
		{"bad sort direction", "sort=name&dir=sideways", "Invalid sort direction"},
		{"domain with markup", "domain=%3Cscript%3E", "Invalid Domain filter"},
		{"search too long", "q=" + strings.Repeat("a", 201), "Invalid search text"},
		{"search with control character", "q=a%00b", "Invalid search text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(app.Demo.Requests())
			res := mustGet(t, client, app.URL+"/systems?"+tt.query)
			if res.status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", res.status)
			}
			msg := res.doc(t).Find("[data-testid=error-message]").Text()
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q, want it to contain %q", msg, tt.message)
			}
			if after := len(app.Demo.Requests()); after != before {
				t.Errorf("%d PMP calls for an invalid request, want 0", after-before)
			}
		})
	}
}

func TestTablePartialForHTMX(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/patches?severity=critical", nil)
	req.Header.Set("HX-Request", "true")
	before := len(app.Demo.Requests())
	res := mustDo(t, client, req)
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	// The region shows no filters, so it needs no server properties: one PMP call.
	if calls := app.Demo.Requests()[before:]; len(calls) != 1 {
		t.Errorf("%d PMP calls for an htmx table request, want 1: %v", len(calls), calls)
	}
	if strings.Contains(res.body, "<html") {
		t.Error("htmx response holds a whole page")
	}
	if !strings.Contains(res.body, `id="patches-region"`) {
		t.Error("htmx response lacks the table region")
	}
}

func TestTablesSendNoStore(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	for _, path := range []string{"/", "/systems", "/patches", "/computers"} {
		res := mustGet(t, client, app.URL+path)
		if got := res.header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", path, got)
		}
		if csp := res.header.Get("Content-Security-Policy"); !strings.Contains(csp,
			"script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
	}
}

func TestTableSearchAcceptsNonASCII(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	// 200 characters of two bytes each: within the limit, which counts characters.
	res := mustGet(t, client, app.URL+"/computers?col=user&q="+strings.Repeat("%C3%BC", 200))
	if res.status != http.StatusOK {
		t.Errorf("status %d, want 200", res.status)
	}
}

func TestHeadAndTrailingSlash(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	for _, path := range []string{"/healthz", "/computers", "/"} {
		req, _ := http.NewRequest(http.MethodHead, app.URL+path, nil)
		res := mustDo(t, client, req)
		if res.status != http.StatusOK {
			t.Errorf("HEAD %s: status %d, want 200", path, res.status)
		}
		if res.body != "" {
			t.Errorf("HEAD %s: body of %d bytes, want none", path, len(res.body))
		}
	}
	res := mustGet(t, client, app.URL+"/computers/")
	if res.status != http.StatusMovedPermanently || res.header.Get("Location") != "/computers" {
		t.Errorf("trailing slash: status %d, location %q; want 301 to /computers", res.status,
			res.header.Get("Location"))
	}
	res = mustGet(t, client, app.URL+"//evil.example/")
	if location := res.header.Get("Location"); strings.HasPrefix(location, "//") {
		t.Errorf("trailing-slash redirect to %q leaves the site", location)
	}
}
