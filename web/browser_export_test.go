package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// fetchExport is a script that downloads the export link's target with the page's own
// session cookie and returns the body as text.
const fetchExport = `fetch(document.querySelector("[data-testid=export-csv]").href)
	.then(r => r.ok ? r.text() : Promise.reject(new Error("status " + r.status)))`

func TestBrowserExportFilteredTable(t *testing.T) {
	app := mustStart(t, exportConfig(t, 1500))
	ctx := mustBrowser(t)
	if err := signInBrowser(ctx, app.URL, "admin", "admin"); err != nil {
		t.Fatalf("sign in: %v", err)
	}

	// Narrow the table with a search: htmx swaps the region, export link included.
	err := chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/systems?health=vulnerable"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=systems-table]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=search-column]`), "os"),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=search-input]`), "windows"),
		chromedp.Poll[chromedp.Void](
			`document.querySelector("[data-testid=export-csv]").href.includes("q=windows")`),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	total, err := chromedp.Run(ctx,
		chromedp.AttributeValue(chromedp.CSS(`[data-testid=table-region]`), "data-total"))
	if err != nil {
		t.Fatalf("read data-total: %v", err)
	}
	href, err := chromedp.Run(ctx,
		chromedp.AttributeValue(chromedp.CSS(`[data-testid=export-csv]`), "href"))
	if err != nil {
		t.Fatalf("read export link: %v", err)
	}
	if !strings.Contains(href.Value, "health=vulnerable") {
		t.Errorf("export link %q lost the health filter", href.Value)
	}
	want, err := strconv.Atoi(total.Value)
	if err != nil || want == 0 {
		t.Fatalf("data-total %q, want a positive number", total.Value)
	}

	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](fetchExport,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch export: %v", err)
	}
	// The browser's text decoder drops the byte order mark, so put it back for parseCSV.
	records := parseCSV(t, "\ufeff"+strings.TrimPrefix(body, "\ufeff"))
	if got := len(records) - 1; got != want {
		t.Errorf("%d CSV rows, want the table's total %d", got, want)
	}
	for i, row := range records[1:] {
		if !strings.Contains(strings.ToLower(row[2]), "windows") {
			t.Errorf("row %d: operating system %q does not match the search", i+1, row[2])
		}
	}
}
