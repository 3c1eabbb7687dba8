package web_test

import (
	"bufio"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"patchdesk/api/pmptest"
	"patchdesk/web"
)

// exportConfig returns a demo configuration with the given estate size on a random
// loopback port.
func exportConfig(tb testing.TB, computers int, extra ...string) web.Config {
	tb.Helper()
	args := append([]string{"-demo", "-addr", "127.0.0.1:0", "-demo-computers",
		strconv.Itoa(computers)}, extra...)
	cfg, err := web.ParseConfig(args, func(string) string { return "" }, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// parseCSV parses an export, after its UTF-8 byte order mark. Records may differ in
// length, because the line that marks an incomplete export has one field.
func parseCSV(tb testing.TB, body string) [][]string {
	tb.Helper()
	if !strings.HasPrefix(body, "\ufeff") {
		tb.Errorf("export does not start with the UTF-8 byte order mark: %.20q", body)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		tb.Fatalf("parse CSV: %v", err)
	}
	if len(records) == 0 {
		tb.Fatal("export has no header row")
	}
	return records
}

// tableHeaders returns the column labels of a table page, without sort marks.
func tableHeaders(doc *goquery.Document) []string {
	var labels []string
	doc.Find("thead th").Each(func(_ int, th *goquery.Selection) {
		label := strings.TrimSpace(th.Text())
		label = strings.TrimSuffix(strings.TrimSuffix(label, " ▲"), " ▼")
		labels = append(labels, label)
	})
	return labels
}

var (
	dispositionPattern = regexp.MustCompile(`^attachment; filename="([a-z0-9-]+?)-\d{8}-\d{6}\.csv"$`)
	timeColumns        = map[string]bool{"Last scan": true, "Last contact": true,
		"Released": true, "Created": true, "Modified": true}
)

// checkExportAgainstTable checks an export against the table page it was linked from:
// the same columns, data-total rows, and on page 1 the same first rows in the same order.
func checkExportAgainstTable(t *testing.T, page *goquery.Document, res response,
	table string, firstPage bool) {
	t.Helper()
	if res.status != http.StatusOK {
		t.Fatalf("export status %d, want 200: %.300s", res.status, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q, want text/csv; charset=utf-8", ct)
	}
	m := dispositionPattern.FindStringSubmatch(res.header.Get("Content-Disposition"))
	if m == nil || m[1] != table {
		t.Errorf("Content-Disposition %q, want attachment; filename=\"%s-YYYYMMDD-hhmmss.csv\"",
			res.header.Get("Content-Disposition"), table)
	}

	records := parseCSV(t, res.body)
	header := records[0]
	// A table without rows shows no header, but the export still has its header row.
	if labels := tableHeaders(page); len(labels) > 0 {
		if got, want := strings.Join(header, "|"), strings.Join(labels, "|"); got != want {
			t.Errorf("CSV header %s, want the table's %s", got, want)
		}
	} else if len(header) < 2 {
		t.Errorf("CSV header %q, want the table's columns", header)
	}
	rows := records[1:]
	if total := tableTotal(t, page); len(rows) != total {
		t.Errorf("%d CSV rows, want the table's data-total %d", len(rows), total)
	}
	checkCells(t, header, rows)
	if firstPage {
		checkFirstRows(t, page, rows)
	}
}

// checkCells checks that each row has every column, that times are RFC 3339 in UTC or a
// word, and that no cell could start a spreadsheet formula.
func checkCells(t *testing.T, header []string, rows [][]string) {
	t.Helper()
	for i, row := range rows {
		if len(row) != len(header) {
			t.Fatalf("row %d has %d fields, want %d: %q", i+1, len(row), len(header), row)
		}
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d, %s: %q could start a spreadsheet formula", i+1, header[j], cell)
			}
			if !timeColumns[header[j]] || cell == "never" || cell == "unknown" {
				continue
			}
			at, err := time.Parse(time.RFC3339, cell)
			if err != nil || at.Location() != time.UTC {
				t.Errorf("row %d, %s: %q is not an RFC 3339 UTC time", i+1, header[j], cell)
			}
		}
	}
}

// checkFirstRows compares the first column of the table page's rows with the export.
func checkFirstRows(t *testing.T, page *goquery.Document, rows [][]string) {
	t.Helper()
	page.Find("[data-testid=row]").Each(func(i int, tr *goquery.Selection) {
		want := strings.TrimSpace(tr.Find("td").First().Text())
		if i >= len(rows) {
			t.Errorf("table row %d (%q) is missing from the export", i+1, want)
			return
		}
		if rows[i][0] != want {
			t.Errorf("export row %d starts with %q, table row %q", i+1, rows[i][0], want)
		}
	})
}

func TestExportMatchesTable(t *testing.T) {
	app := mustStart(t, exportConfig(t, 2500))
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct {
		name, page, table string
		firstPage         bool
	}{
		{"all systems", "/systems", "systems", true},
		{"vulnerable systems", "/systems?health=vulnerable&sort=last_contact&dir=desc",
			"systems", true},
		{"critical patches", "/patches?severity=critical&sort=released&dir=desc", "patches",
			true},
		{"computers page 2", "/computers?col=os&q=windows&size=50&page=2", "computers", false},
		{"live computers", "/computers?live=live&sort=name", "computers", true},
		{"policies", "/policies?sort=modified&dir=desc", "policies", true},
		{"executed configs", "/configs?status=executed", "configs", true},
		{"no match", "/systems?col=name&q=no-such-computer-zz", "systems", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustGet(t, client, app.URL+tt.page)
			if page.status != http.StatusOK {
				t.Fatalf("table status %d, want 200", page.status)
			}
			doc := page.doc(t)
			href, ok := doc.Find("[data-testid=export-csv]").Attr("href")
			if !ok {
				t.Fatal("table has no Export CSV link")
			}
			if strings.Contains(href, "page=") || strings.Contains(href, "size=") {
				t.Errorf("export link %q carries the page or page size", href)
			}
			res := mustGet(t, client, app.URL+href)
			checkExportAgainstTable(t, doc, res, tt.table, tt.firstPage)
		})
	}
}

func TestExportPagesThroughPMP(t *testing.T) {
	app := mustStart(t, exportConfig(t, 2500))
	client := mustSignIn(t, app, "admin", "admin")
	before := len(app.Demo.Requests())
	res := mustGet(t, client, app.URL+"/export/systems")
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	if rows := len(parseCSV(t, res.body)) - 1; rows != 2500 {
		t.Errorf("%d rows, want 2500", rows)
	}
	var pages []string
	for _, r := range app.Demo.Requests()[before:] {
		if !strings.HasSuffix(r.Path, "/patch/allsystems") {
			continue
		}
		if got := r.Query.Get("pagelimit"); got != "1000" {
			t.Errorf("pagelimit %q, want 1000", got)
		}
		pages = append(pages, r.Query.Get("page"))
	}
	slices.Sort(pages)
	if got := strings.Join(pages, ","); got != "1,2,3" {
		t.Errorf("pages %s requested, want 1,2,3", got)
	}
}

func TestExportRejectsInvalidParameters(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct{ name, path, message string }{
		{"unknown table", "/export/passwords", "Invalid table"},
		{"detail table", "/export/computer-patches", "Invalid table"},
		{"unknown filter value", "/export/systems?health=excellent", "Invalid Health filter"},
		{"unknown config status", "/export/configs?status=bogus", "Invalid Status filter"},
		{"unknown sort", "/export/policies?sort=secret", "Invalid sort column"},
		{"huge page size", "/export/computers?size=100000", "Invalid page size"},
		{"search too long", "/export/patches?q=" + strings.Repeat("a", 201), "Invalid search"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(app.Demo.Requests())
			res := mustGet(t, client, app.URL+tt.path)
			if res.status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", res.status)
			}
			if cd := res.header.Get("Content-Disposition"); cd != "" {
				t.Errorf("Content-Disposition %q on an error", cd)
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

func TestExportExpiredTokenAsksToSignIn(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	app.Demo.ExpireTokens()
	res := mustGet(t, client, app.URL+"/export/systems?health=vulnerable")
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	loc, err := url.Parse(res.header.Get("Location"))
	if err != nil || loc.Path != "/login" {
		t.Fatalf("redirect to %q, want /login", res.header.Get("Location"))
	}
	if next := loc.Query().Get("next"); next != "/export/systems?health=vulnerable" {
		t.Errorf("next %q, want the export", next)
	}
}

func TestExportFailsBeforeFirstRow(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	app.Demo.SetFault("patch/allsystems", pmptest.FaultHTTP500)
	res := mustGet(t, client, app.URL+"/export/systems")
	if res.status != http.StatusBadGateway {
		t.Errorf("status %d, want 502", res.status)
	}
	if cd := res.header.Get("Content-Disposition"); cd != "" {
		t.Errorf("Content-Disposition %q on an error page", cd)
	}
	if msg := res.doc(t).Find("[data-testid=error-message]").Text(); !strings.Contains(msg,
		"PMP") {
		t.Errorf("message %q does not explain the PMP failure", msg)
	}
}

// TestExportIncompleteWhenPMPFails switches a fault on once the first bytes of the
// download arrive. The simulator's latency holds the next pages' calls until then.
func TestExportIncompleteWhenPMPFails(t *testing.T) {
	app := mustStart(t, exportConfig(t, 5000, "-demo-latency", "150ms"))
	client := mustSignIn(t, app, "admin", "admin")
	res, err := client.Get(app.URL + "/export/systems")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", res.StatusCode)
	}
	body := bufio.NewReader(res.Body)
	header, err := body.ReadString('\n')
	if err != nil {
		t.Fatalf("read header row: %v", err)
	}
	app.Demo.SetFault("patch/allsystems", pmptest.FaultHTTP500)
	rest, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("read export: %v", err)
	}

	records := parseCSV(t, header+string(rest))
	last := records[len(records)-1]
	if len(last) != 1 || !strings.HasPrefix(last[0], "Export incomplete:") {
		t.Fatalf("last line %q, want the incomplete-export line", last)
	}
	if !strings.Contains(last[0], "of 5000 rows") {
		t.Errorf("last line %q does not name the total of 5000 rows", last[0])
	}
	rows := len(records) - 2
	if rows < 1000 || rows >= 5000 {
		t.Errorf("%d data rows, want the first page's 1000 and fewer than 5000", rows)
	}
	if !strings.Contains(last[0], strconv.Itoa(rows)+" of") {
		t.Errorf("last line %q does not name the %d rows written", last[0], rows)
	}
	if !strings.Contains(app.logs.String(), "CSV export incomplete") {
		t.Error("the failure is not logged")
	}
}

func TestExportDefusesFormulasInHostileData(t *testing.T) {
	app := mustStart(t, exportConfig(t, 300, "-demo-hostile"))
	client := mustSignIn(t, app, "admin", "admin")
	for _, table := range []string{"systems", "patches", "computers", "policies", "configs"} {
		t.Run(table, func(t *testing.T) {
			res := mustGet(t, client, app.URL+"/export/"+table)
			if res.status != http.StatusOK {
				t.Fatalf("status %d, want 200", res.status)
			}
			records := parseCSV(t, res.body)
			checkCells(t, records[0], records[1:])
			if !strings.Contains(res.body, "<script>alert(1)</script>") &&
				!strings.Contains(res.body, "javascript:alert(1)") {
				t.Error("export holds none of the simulator's hostile payloads")
			}
		})
	}
}

func TestExportDrillDownTables(t *testing.T) {
	app := mustStart(t, exportConfig(t, 300))
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	computer := idOf(t, pmp.systems(t, map[string]string{"healthfilter": "3"})[0].ResourceID)
	patch := idOf(t, patchWithStatuses(t, pmp).PatchID)
	tests := []struct{ name, page, table string }{
		{"missing patches of a computer", "/computers/" + computer + "?status=missing",
			"computer-" + computer + "-patches"},
		{"computers of a patch", "/patches/" + patch, "patch-" + patch + "-computers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustGet(t, client, app.URL+tt.page).doc(t)
			href, ok := doc.Find("[data-testid=export-csv]").Attr("href")
			if !ok {
				t.Fatal("table has no Export CSV link")
			}
			res := mustGet(t, client, app.URL+href)
			checkExportAgainstTable(t, doc, res, tt.table, false)
		})
	}
}
