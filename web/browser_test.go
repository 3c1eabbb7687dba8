package web_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// mustBrowser returns a chromedp context on a fresh headless Chromium. Without Chromium the
// test skips, unless CI is set, where a missing browser is a failure.
func mustBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not found on PATH; .ci/run installs Debian's chromium package")
		}
		t.Skip("chromium not found on PATH: install Debian's chromium package to run browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// signInBrowser signs in through the sign-in form and waits for the dashboard.
func signInBrowser(ctx context.Context, baseURL, user, password string) error {
	return chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=login-form]`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), user),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=login-submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=card-health]`)),
	)
}

// rowKeys returns the PMP ids of the table rows on the page.
func rowKeys(ctx context.Context) ([]string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("[data-testid=row]")).map(r => r.dataset.key)`))
}

func TestBrowserBrowseFlow(t *testing.T) {
	cfg := demoConfig()
	cfg.DemoComputers = 1500 // enough vulnerable Windows systems for a second page
	app := mustStart(t, cfg)
	ctx := mustBrowser(t)
	if err := signInBrowser(ctx, app.URL, "admin", "admin"); err != nil {
		t.Fatalf("sign in: %v", err)
	}

	// Read the "Vulnerable" figure and open the table it links to.
	link := chromedp.CSS(`[data-testid=card-health] a[href="/systems?health=vulnerable"]`)
	figure, err := chromedp.Run(ctx, chromedp.Text(link))
	if err != nil {
		t.Fatalf("read card: %v", err)
	}
	err = chromedp.Do(ctx, chromedp.Click(link),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=systems-table]`)))
	if err != nil {
		t.Fatalf("open linked table: %v", err)
	}
	total, err := chromedp.Run(ctx,
		chromedp.AttributeValue(chromedp.CSS(`[data-testid=table-region]`), "data-total"))
	if err != nil {
		t.Fatalf("read total: %v", err)
	}
	if strings.TrimSpace(figure) != total.Value {
		t.Errorf("card shows %q vulnerable systems, table total %q", figure, total.Value)
	}

	// Search by operating system: htmx swaps the region and pushes the URL.
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`[data-testid=search-column]`), "os"),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=search-input]`), "windows"),
		chromedp.Poll[chromedp.Void](`location.search.includes("q=windows")`),
		chromedp.WaitVisible(chromedp.CSS(`a[data-testid=page-next]`)),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(location, "health=vulnerable") {
		t.Errorf("pushed URL %q lost the health filter", location)
	}

	// Next page, then reload the pushed URL: the same rows must come back.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[data-testid=page-next]`)),
		chromedp.Poll[chromedp.Void](`location.search.includes("page=2")`),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=row]`)),
	)
	if err != nil {
		t.Fatalf("next page: %v", err)
	}
	before, err := rowKeys(ctx)
	if err != nil || len(before) == 0 {
		t.Fatalf("rows on page 2: %v %v", before, err)
	}
	err = chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`[data-testid=row]`)))
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	after, err := rowKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(before, ",") != strings.Join(after, ",") {
		t.Errorf("rows after reload %v, want %v", after, before)
	}

	// Sign out: the dashboard must then ask for sign-in again.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=logout]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=login-form]`)),
		chromedp.Navigate(app.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=login-form]`)),
	)
	if err != nil {
		t.Fatalf("sign out: %v", err)
	}
}
