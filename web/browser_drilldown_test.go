package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestBrowserSearchPersonOpensComputer(t *testing.T) {
	app := mustStart(t, demoConfig())
	user, id := uniqueUser(t, mustDemoPMP(t, app))
	ctx := mustBrowser(t)
	if err := signInBrowser(ctx, app.URL, "admin", "admin"); err != nil {
		t.Fatalf("sign in: %v", err)
	}

	// "/" moves the focus to the header search box.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("/")); err != nil {
		t.Fatalf("press /: %v", err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.activeElement ? document.activeElement.id : ""`))
	if err != nil {
		t.Fatalf("read the focused element: %v", err)
	}
	if focused != "global-search" {
		t.Errorf("focused element %q after /, want global-search", focused)
	}

	// The protocol's separate "char" event types the "/" even though the page cancels
	// the keydown, which a real key press would not do, so clear the box first.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.getElementById("global-search").value = ""`))
	if err != nil {
		t.Fatalf("clear the search box: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.KeyEvent(user+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=computer-name]`)),
	)
	if err != nil {
		t.Fatalf("search %q: %v", user, err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(location, "/computers/"+id) {
		t.Errorf("landed on %q, want /computers/%s", location, id)
	}
	users, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid=fact-users] dd`)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(users) != user {
		t.Errorf("logged-on users %q, want %q", users, user)
	}
}

func TestBrowserPatchFilterMissing(t *testing.T) {
	app := mustStart(t, demoConfig())
	patch := patchWithStatuses(t, mustDemoPMP(t, app))
	ctx := mustBrowser(t)
	if err := signInBrowser(ctx, app.URL, "admin", "admin"); err != nil {
		t.Fatalf("sign in: %v", err)
	}

	err := chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/patches/"+idOf(t, patch.PatchID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=patch-computers-table]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=filter-status]`), "missing"),
		chromedp.Click(chromedp.CSS(`[data-testid=table-controls] button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`location.search.includes("status=missing")`),
		chromedp.Poll[chromedp.Void](`!document.querySelector(".htmx-request")`),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=patch-computers-table]`)),
	)
	if err != nil {
		t.Fatalf("filter to missing: %v", err)
	}

	statuses, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("[data-testid=row]"))
			.map(r => r.cells[4].textContent.trim())`))
	if err != nil {
		t.Fatalf("read rows: %v", err)
	}
	if len(statuses) == 0 {
		t.Fatal("no rows after filtering to missing")
	}
	for _, s := range statuses {
		if s != "Missing" {
			t.Errorf("row status %q, want Missing", s)
		}
	}

	total, err := chromedp.Run(ctx,
		chromedp.AttributeValue(chromedp.CSS(`[data-testid=table-region]`), "data-total"))
	if err != nil {
		t.Fatal(err)
	}
	missing, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid=fact-missing] dd`)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(missing) != total.Value {
		t.Errorf("table total %s, patch says missing on %s", total.Value, missing)
	}
}
