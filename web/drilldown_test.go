package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"patchdesk/api"
	"patchdesk/api/pmptest"
)

// demoPMP is the demo simulator read through the real client, so tests can check the
// portal's pages against what PMP returns.
type demoPMP struct {
	client *api.Client
	token  string
}

func mustDemoPMP(tb testing.TB, app *testApp) *demoPMP {
	tb.Helper()
	client, err := api.New(app.Demo.URL())
	if err != nil {
		tb.Fatalf("client for the simulator: %v", err)
	}
	res, err := client.Login(context.Background(), api.Credentials{Username: "admin",
		Password: "admin", AuthType: api.LocalAuthentication})
	if err != nil || res.Token == "" {
		tb.Fatalf("sign in to the simulator: %v", err)
	}
	return &demoPMP{client: client, token: res.Token}
}

// computers returns up to 1000 som/computers rows matching filters.
func (d *demoPMP) computers(tb testing.TB, filters map[string]string) []api.Computer {
	tb.Helper()
	page, err := d.client.Computers(context.Background(), d.token,
		api.Query{PageLimit: api.MaxPageLimit, Filters: filters})
	if err != nil {
		tb.Fatalf("som/computers %v: %v", filters, err)
	}
	return page.Rows
}

// systems returns up to 1000 patch/allsystems rows matching filters.
func (d *demoPMP) systems(tb testing.TB, filters map[string]string) []api.System {
	tb.Helper()
	page, err := d.client.AllSystems(context.Background(), d.token,
		api.Query{PageLimit: api.MaxPageLimit, Filters: filters})
	if err != nil {
		tb.Fatalf("patch/allsystems %v: %v", filters, err)
	}
	return page.Rows
}

// scans returns up to 1000 scandetails rows matching filters.
func (d *demoPMP) scans(tb testing.TB, filters map[string]string) []api.ScanDetail {
	tb.Helper()
	page, err := d.client.ScanDetails(context.Background(), d.token,
		api.Query{PageLimit: api.MaxPageLimit, Filters: filters})
	if err != nil {
		tb.Fatalf("patch/scandetails %v: %v", filters, err)
	}
	return page.Rows
}

func (d *demoPMP) patches(tb testing.TB, q api.Query) *api.Page[api.Patch] {
	tb.Helper()
	page, err := d.client.AllPatches(context.Background(), d.token, q)
	if err != nil {
		tb.Fatalf("patch/allpatches: %v", err)
	}
	return page
}

// searchTotal returns how many rows a search of column for value matches in PMP.
func (d *demoPMP) searchTotal(tb testing.TB, patches bool, column, value string) int {
	tb.Helper()
	q := api.Query{PageLimit: 1, SearchColumn: column, SearchValue: value}
	if patches {
		return d.patches(tb, q).Total
	}
	page, err := d.client.Computers(context.Background(), d.token, q)
	if err != nil {
		tb.Fatalf("som/computers search %s=%q: %v", column, value, err)
	}
	return page.Total
}

// factText returns the text of the fact with the given test id, such as "agent-version".
func factText(doc *goquery.Document, id string) string {
	return strings.TrimSpace(doc.Find("[data-testid=fact-" + id + "] dd").Text())
}

// columnTexts returns the trimmed texts of one column of a table, found by its header.
func columnTexts(tb testing.TB, doc *goquery.Document, label string) []string {
	tb.Helper()
	index := -1
	doc.Find("thead th").EachWithBreak(func(i int, th *goquery.Selection) bool {
		if strings.TrimSpace(th.Text()) == label {
			index = i
			return false
		}
		return true
	})
	if index < 0 {
		tb.Fatalf("no column %q", label)
	}
	var texts []string
	doc.Find("[data-testid=row]").Each(func(_ int, row *goquery.Selection) {
		texts = append(texts, strings.TrimSpace(row.Find("td").Eq(index).Text()))
	})
	return texts
}

func idOf(tb testing.TB, n api.Int) string {
	tb.Helper()
	if !n.Valid {
		tb.Fatal("PMP returned a row without an id")
	}
	return strconv.FormatInt(n.Value, 10)
}

func TestComputerPageMatchesPMP(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	var want *api.Computer
	for _, r := range pmp.computers(t, map[string]string{"installstatusfilter": "22"}) {
		if r.LoggedOnUsers != "" && r.AgentVersion != "" && r.IP != "" {
			want = &r
			break
		}
	}
	if want == nil {
		t.Fatal("the simulator has no computer with an agent and a logged-on user")
	}

	res := mustGet(t, client, app.URL+"/computers/"+idOf(t, want.ResourceID))
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	checks := []struct{ name, got, want string }{
		{"name", strings.TrimSpace(doc.Find("[data-testid=computer-name]").Text()),
			string(want.Name)},
		{"installation", factText(doc, "installation"), want.Installation.Label()},
		{"live status", factText(doc, "live"), want.Live.Label()},
		{"agent version", factText(doc, "agent-version"), string(want.AgentVersion)},
		{"logged-on users", factText(doc, "users"), string(want.LoggedOnUsers)},
		{"IP address", factText(doc, "ip"), string(want.IP)},
		{"operating system", factText(doc, "os"), string(want.OSName)},
		{"domain", factText(doc, "domain"), string(want.Domain)},
		{"remote office", factText(doc, "office"), string(want.BranchOffice)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	lastContact := doc.Find("[data-testid=fact-last-contact] dd span").AttrOr("title", "")
	wantContact := want.LastContact.Local().Format(time.RFC3339)
	if lastContact != wantContact {
		t.Errorf("last contact: got %q, want %q", lastContact, wantContact)
	}
}

func TestComputerSectionsShowFetchTime(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	id := idOf(t, pmp.computers(t, map[string]string{"installstatusfilter": "22"})[0].ResourceID)
	doc := mustGet(t, client, app.URL+"/computers/"+id).doc(t)
	for _, section := range []string{"agent", "scan", "missing"} {
		s := doc.Find("[data-testid=section-" + section + "]")
		if got := s.Find("[data-testid=fetched-at]").Text(); !strings.HasPrefix(got, "as of ") {
			t.Errorf("section %s: fetch time %q, want it to start with \"as of \"", section, got)
		}
		if got := s.Find("[data-testid=refresh]").AttrOr("href", ""); got != "/computers/"+id {
			t.Errorf("section %s: refresh link %q, want /computers/%s", section, got, id)
		}
	}
	if got := doc.Find("#computer-patches-region [data-testid=fetched-at]").Length(); got != 1 {
		t.Errorf("patch table shows %d fetch times, want 1", got)
	}
}

// computerWithPatches returns a computer whose systemreport has more than min rows.
func computerWithPatches(tb testing.TB, app *testApp, pmp *demoPMP, min int) string {
	tb.Helper()
	for _, r := range pmp.scans(tb, map[string]string{"agentinstallationstatusfilter": "22"}) {
		if !r.ResourceID.Valid || r.LastSuccessfulScan.IsZero() {
			continue
		}
		page, err := pmp.client.SystemReport(context.Background(), pmp.token, r.ResourceID.Value,
			api.Query{PageLimit: 1})
		if err != nil {
			tb.Fatalf("patch/systemreport: %v", err)
		}
		if page.Total > min {
			return idOf(tb, r.ResourceID)
		}
	}
	tb.Fatalf("the simulator has no computer with more than %d patches", min)
	return ""
}

func TestComputerPatchTablePaging(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	id := computerWithPatches(t, app, pmp, 30)

	doc := mustGet(t, client, app.URL+"/computers/"+id+"?page=2").doc(t)
	m := rowRange.FindStringSubmatch(doc.Find("[data-testid=row-range]").Text())
	if m == nil {
		t.Fatalf("row range %q", doc.Find("[data-testid=row-range]").Text())
	}
	if m[1] != "26" {
		t.Errorf("page 2 starts at row %s, want 26", m[1])
	}
	href := doc.Find("[data-testid=page-prev]").AttrOr("href", "")
	if href != "/computers/"+id {
		t.Errorf("previous page link %q, want /computers/%s", href, id)
	}
	if got := doc.Find("[data-testid=computer-patches-table]").Length(); got != 1 {
		t.Errorf("found %d patch tables, want 1", got)
	}
}

func TestComputerPatchTableFilter(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	id := computerWithPatches(t, app, pmp, 10)
	resid, _ := strconv.ParseInt(id, 10, 64)
	tests := []struct {
		param, code, label string
	}{
		{"missing", "202", "Missing"},
		{"installed", "201", "Installed"},
		{"failed", "206", "Failed"},
	}
	for _, tt := range tests {
		t.Run(tt.param, func(t *testing.T) {
			want, err := pmp.client.SystemReport(context.Background(), pmp.token, resid,
				api.Query{PageLimit: 1, Filters: map[string]string{"patchstatusfilter": tt.code}})
			if err != nil {
				t.Fatal(err)
			}
			doc := mustGet(t, client, app.URL+"/computers/"+id+"?status="+tt.param).doc(t)
			if got := tableTotal(t, doc); got != want.Total {
				t.Errorf("total %d, want %d", got, want.Total)
			}
			if tt.param == "missing" {
				if got := factText(doc, "missing-now"); got != strconv.Itoa(want.Total) {
					t.Errorf("missing now %q, want %d", got, want.Total)
				}
			}
			if want.Total == 0 {
				return
			}
			for _, status := range columnTexts(t, doc, "Status") {
				if !strings.HasPrefix(status, tt.label) {
					t.Errorf("row status %q, want %q", status, tt.label)
				}
			}
		})
	}
}

func TestComputerPatchTablePartialForHTMX(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	id := computerWithPatches(t, app, pmp, 10)
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/computers/"+id+"?severity=critical", nil)
	req.Header.Set("HX-Request", "true")
	before := len(app.Demo.Requests())
	res := mustDo(t, client, req)
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	if strings.Contains(res.body, "<html") {
		t.Error("htmx response holds a whole page")
	}
	if !strings.Contains(res.body, `id="computer-patches-region"`) {
		t.Error("htmx response lacks the patch table region")
	}
	if calls := len(app.Demo.Requests()) - before; calls != 1 {
		t.Errorf("%d PMP calls for the table region, want 1", calls)
	}
}

func TestComputerWithoutAgentShowsNotice(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	rows := pmp.computers(t, map[string]string{"installstatusfilter": "21"})
	if len(rows) == 0 {
		t.Fatal("the simulator has no computer without an agent")
	}
	doc := mustGet(t, client, app.URL+"/computers/"+idOf(t, rows[0].ResourceID)).doc(t)
	notice := doc.Find("[data-testid=notice-no-agent]").Text()
	if !strings.Contains(notice, "agent is not installed") {
		t.Errorf("notice %q, want it to say the agent is not installed", notice)
	}
}

func TestNeverScannedComputerShowsNotice(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	var never, scanned string
	for _, r := range pmp.scans(t, map[string]string{"agentinstallationstatusfilter": "22"}) {
		switch {
		case never == "" && (r.Scan.Value == 229 || r.LastScan.IsZero()):
			never = idOf(t, r.ResourceID)
		case scanned == "" && r.Scan.Value == 228 && !r.LastScan.IsZero():
			scanned = idOf(t, r.ResourceID)
		}
	}
	if never == "" || scanned == "" {
		t.Fatalf("need a never-scanned and a scanned computer, got %q and %q", never, scanned)
	}

	doc := mustGet(t, client, app.URL+"/computers/"+never).doc(t)
	if got := doc.Find("[data-testid=notice-never-scanned]").Text(); !strings.Contains(got,
		"never scanned") {
		t.Errorf("never-scanned computer %s: notice %q", never, got)
	}
	if got := strings.TrimSpace(doc.Find("[data-testid=fact-missing-now]").Find("dd").Text()); got !=
		"unknown" {
		t.Errorf("never-scanned computer %s: missing now %q, want unknown", never, got)
	}
	ticket := doc.Find("textarea#ticket-text").Text()
	for _, line := range []string{"Missing patches: ", "Missing critical patches: ",
		"Missing patches that need a reboot: "} {
		if !strings.Contains(ticket, line+"unknown: PMP has never scanned this computer") {
			t.Errorf("ticket text %q: %q does not say the computer was never scanned", ticket,
				line)
		}
	}
	doc = mustGet(t, client, app.URL+"/computers/"+scanned).doc(t)
	if got := doc.Find("[data-testid=notice-never-scanned]").Length(); got != 0 {
		t.Errorf("scanned computer %s shows %d never-scanned notices, want 0", scanned, got)
	}
}

func TestDownAgentShowsNotice(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	rows := pmp.computers(t, map[string]string{"installstatusfilter": "22", "livestatusfilter": "2"})
	if len(rows) == 0 {
		t.Fatal("the simulator has no installed agent that is down")
	}
	doc := mustGet(t, client, app.URL+"/computers/"+idOf(t, rows[0].ResourceID)).doc(t)
	if got := doc.Find("[data-testid=notice-agent-down]").Text(); !strings.Contains(got,
		"agent is down") {
		t.Errorf("notice %q, want it to say the agent is down", got)
	}
}

func TestComputerSectionFailsAlone(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	id := idOf(t, pmp.computers(t, map[string]string{"installstatusfilter": "22"})[0].ResourceID)
	app.Demo.SetFault("patch/scandetails", pmptest.FaultHTTP500)
	defer app.Demo.ClearFaults()

	res := mustGet(t, client, app.URL+"/computers/"+id)
	if res.status != http.StatusOK {
		t.Errorf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	if got := doc.Find("[data-testid=section-scan] [data-testid=section-error]").Length(); got != 1 {
		t.Errorf("scan section shows %d errors, want 1", got)
	}
	if got := factText(doc, "agent-version"); got == "" {
		t.Error("agent section lost its facts when the scan call failed")
	}
}

func TestTicketTextHasNameAndLink(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	computer := pmp.computers(t, map[string]string{"installstatusfilter": "22"})[0]
	id := idOf(t, computer.ResourceID)
	doc := mustGet(t, client, app.URL+"/computers/"+id).doc(t)

	area := doc.Find("textarea#ticket-text")
	if _, readonly := area.Attr("readonly"); !readonly {
		t.Error("ticket text is not read-only")
	}
	text := area.Text()
	for _, want := range []string{"Computer: " + string(computer.Name),
		"Link: " + app.URL + "/computers/" + id, "Missing patches: ", "Last contact: "} {
		if !strings.Contains(text, want) {
			t.Errorf("ticket text %q lacks %q", text, want)
		}
	}
	button := doc.Find("[data-testid=copy-ticket]")
	if got := button.AttrOr("data-copy-target", ""); got != "ticket-text" {
		t.Errorf("copy button targets %q, want ticket-text", got)
	}
}

func TestTicketLinkUsesPublicURL(t *testing.T) {
	cfg := demoConfig()
	cfg.PublicURL = "https://patchdesk.example.com/desk/"
	app := mustStart(t, cfg)
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	id := idOf(t, pmp.computers(t, map[string]string{"installstatusfilter": "22"})[0].ResourceID)
	text := mustGet(t, client, app.URL+"/computers/"+id).doc(t).Find("textarea#ticket-text").Text()
	want := "Link: https://patchdesk.example.com/desk/computers/" + id
	if !strings.Contains(text, want) {
		t.Errorf("ticket text %q lacks %q", text, want)
	}
}

func TestPatchPageMatchesPMP(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	want := patchWithStatuses(t, pmp)
	res := mustGet(t, client, app.URL+"/patches/"+idOf(t, want.PatchID))
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	checks := []struct{ name, got, want string }{
		{"title", strings.TrimSpace(doc.Find("[data-testid=patch-title]").Text()),
			string(want.Title)},
		{"vendor", factText(doc, "vendor"), string(want.Vendor)},
		{"KB", factText(doc, "kb"), string(want.KB)},
		{"bulletin", factText(doc, "bulletin"), string(want.BulletinID)},
		{"severity", factText(doc, "severity"), want.Severity.Label()},
		{"approval", factText(doc, "approval"), want.Approval.Label()},
		{"missing", factText(doc, "missing"), want.Missing.String()},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

// patchWithStatuses returns a patch that is missing on some computers and installed on
// others.
func patchWithStatuses(tb testing.TB, pmp *demoPMP) api.Patch {
	tb.Helper()
	page := pmp.patches(tb, api.Query{PageLimit: api.MaxPageLimit, OrderBy: "missing",
		SortOrder: "DESC"})
	for _, p := range page.Rows {
		if p.Missing.Value > 0 && p.Installed.Value > 0 && p.Title != "" {
			return p
		}
	}
	tb.Fatal("the simulator has no patch both missing and installed")
	return api.Patch{}
}

func TestPatchPageStatusFilter(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	patch := patchWithStatuses(t, pmp)
	id := idOf(t, patch.PatchID)

	all := tableTotal(t, mustGet(t, client, app.URL+"/patches/"+id).doc(t))
	doc := mustGet(t, client, app.URL+"/patches/"+id+"?status=missing").doc(t)
	missing := tableTotal(t, doc)
	want, err := pmp.client.AllPatchDetails(context.Background(), pmp.token, patch.PatchID.Value,
		api.Query{PageLimit: 1, Filters: map[string]string{"patchstatusfilter": "202"}})
	if err != nil {
		t.Fatal(err)
	}
	if missing != want.Total {
		t.Errorf("missing on %d computers, PMP says %d", missing, want.Total)
	}
	if missing == 0 || missing >= all {
		t.Errorf("missing on %d of %d computers, want some but not all", missing, all)
	}
	for _, status := range columnTexts(t, doc, "Status") {
		if status != "Missing" {
			t.Errorf("row status %q, want Missing", status)
		}
	}
	doc.Find("[data-testid=row] td:first-child a").Each(func(_ int, a *goquery.Selection) {
		if href := a.AttrOr("href", ""); !strings.HasPrefix(href, "/computers/") {
			t.Errorf("computer link %q, want /computers/<id>", href)
		}
	})
}

func TestDrilldownRejectsInvalidID(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct{ name, path string }{
		{"computer word", "/computers/abc"},
		{"computer zero", "/computers/0"},
		{"computer negative", "/computers/-4"},
		{"computer leading zero", "/computers/007"},
		{"computer too large", "/computers/99999999999999999999"},
		{"patch decimal", "/patches/1.5"},
		{"patch plus sign", "/patches/+12"},
		{"computer bad filter", "/computers/12?status=lost"},
		{"patch bad page", "/patches/12?page=0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(app.Demo.Requests())
			res := mustGet(t, client, app.URL+tt.path)
			if res.status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", res.status)
			}
			if msg := res.doc(t).Find("[data-testid=error-message]").Text(); !strings.HasPrefix(msg,
				"Invalid") {
				t.Errorf("message %q, want it to start with Invalid", msg)
			}
			if calls := len(app.Demo.Requests()) - before; calls != 0 {
				t.Errorf("%d PMP calls for an invalid request, want 0", calls)
			}
		})
	}
}

func TestDrilldownUnknownID(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct{ name, path, message string }{
		{"computer", "/computers/987654321", "PMP has no computer with resource id 987654321"},
		{"patch", "/patches/987654321", "PMP has no patch with id 987654321"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustGet(t, client, app.URL+tt.path)
			if res.status != http.StatusNotFound {
				t.Errorf("status %d, want 404", res.status)
			}
			msg := res.doc(t).Find("[data-testid=error-message]").Text()
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q, want it to contain %q", msg, tt.message)
			}
		})
	}
}

// uniqueUser returns a logged-on user that only one computer matches in every search
// source, and that computer's id.
func uniqueUser(tb testing.TB, pmp *demoPMP) (string, string) {
	tb.Helper()
	for _, r := range pmp.computers(tb, map[string]string{"installstatusfilter": "22"}) {
		user := string(r.LoggedOnUsers)
		if user == "" || strings.Contains(user, ",") {
			continue
		}
		if pmp.searchTotal(tb, false, "agent_logged_on_users", user) == 1 &&
			pmp.searchTotal(tb, false, "resource_name", user) == 0 &&
			pmp.searchTotal(tb, false, "ip_address", user) == 0 &&
			pmp.searchTotal(tb, true, "sqnumber", user) == 0 &&
			pmp.searchTotal(tb, true, "bulletin_id", user) == 0 &&
			pmp.searchTotal(tb, true, "patch_description", user) == 0 {
			return user, idOf(tb, r.ResourceID)
		}
	}
	tb.Fatal("the simulator has no logged-on user unique to one computer")
	return "", ""
}

func TestSearchUniqueUserRedirects(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	user, id := uniqueUser(t, pmp)
	res := mustGet(t, client, app.URL+"/search?"+url.Values{"q": {user}}.Encode())
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.status)
	}
	if got := res.header.Get("Location"); got != "/computers/"+id {
		t.Errorf("location %q, want /computers/%s", got, id)
	}
}

func TestSearchByKB(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	page := pmp.patches(t, api.Query{PageLimit: 1, SearchColumn: "vendor_name",
		SearchValue: "Microsoft"})
	if len(page.Rows) == 0 || page.Rows[0].KB == "" {
		t.Fatal("the simulator has no Microsoft patch with a KB number")
	}
	patch := page.Rows[0]
	id := idOf(t, patch.PatchID)

	res := mustGet(t, client, app.URL+"/search?q=KB"+string(patch.KB))
	switch res.status {
	case http.StatusSeeOther:
		if got := res.header.Get("Location"); got != "/patches/"+id {
			t.Errorf("location %q, want /patches/%s", got, id)
		}
	case http.StatusOK:
		result := res.doc(t).Find("[data-testid=search-result][data-group=patches][data-key=" +
			id + "]")
		if result.Length() != 1 {
			t.Fatalf("found %d results for patch %s, want 1", result.Length(), id)
		}
		if got := result.Find("[data-testid=matched]").Text(); !strings.Contains(got,
			"matched KB number") {
			t.Errorf("matched fields %q, want \"matched KB number\"", got)
		}
	default:
		t.Fatalf("status %d, want 303 or 200", res.status)
	}
}

func TestSearchMergesAndLinksSources(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	res := mustGet(t, client, app.URL+"/search?q=10.")
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	source := doc.Find("[data-testid=search-source-computer-ip]")
	total, err := strconv.Atoi(strings.Fields(source.Find("[data-testid=source-total]").Text())[0])
	if err != nil || total <= 10 {
		t.Fatalf("IP source total %q, want more than 10", source.Text())
	}
	more := source.Find("[data-testid=source-more]").AttrOr("href", "")
	if more != "/computers?col=ip&q=10." {
		t.Errorf("link to the full table %q, want /computers?col=ip&q=10.", more)
	}
	if got := tableTotal(t, mustGet(t, client, app.URL+more).doc(t)); got != total {
		t.Errorf("full table total %d, search says %d", got, total)
	}
	results := doc.Find("[data-testid=search-result][data-group=computers]")
	if results.Length() > 10*3 || results.Length() < 10 {
		t.Errorf("%d computer results, want 10 to 30", results.Length())
	}
	seen := map[string]bool{}
	results.Each(func(_ int, r *goquery.Selection) {
		key := r.AttrOr("data-key", "")
		if seen[key] {
			t.Errorf("computer %s listed twice", key)
		}
		seen[key] = true
	})
}

func TestSearchSourceFailureShowsOthers(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	app.Demo.SetFault("patch/allpatches", pmptest.FaultHTTP500)
	defer app.Demo.ClearFaults()

	res := mustGet(t, client, app.URL+"/search?q=10.")
	if res.status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.status)
	}
	doc := res.doc(t)
	errors := doc.Find("[data-testid=search-group-patches] [data-testid=source-error]")
	if got := errors.Length(); got != 3 {
		t.Errorf("%d patch sources show an error, want 3", got)
	}
	if got := doc.Find("[data-testid=search-result][data-group=computers]").Length(); got == 0 {
		t.Error("no computer results while only the patch search failed")
	}
}

func TestSearchQueryValidation(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	tests := []struct {
		name, query string
		status      int
		testID      string
	}{
		{"empty", "", http.StatusOK, "search-help"},
		{"blank", "q=+++", http.StatusOK, "search-help"},
		{"too long", "q=" + strings.Repeat("a", 201), http.StatusBadRequest, "error-message"},
		{"control character", "q=ab%07c", http.StatusBadRequest, "error-message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(app.Demo.Requests())
			res := mustGet(t, client, app.URL+"/search?"+tt.query)
			if res.status != tt.status {
				t.Errorf("status %d, want %d", res.status, tt.status)
			}
			if got := res.doc(t).Find("[data-testid=" + tt.testID + "]").Length(); got != 1 {
				t.Errorf("found %d %s, want 1", got, tt.testID)
			}
			if calls := len(app.Demo.Requests()) - before; calls != 0 {
				t.Errorf("%d PMP calls, want 0", calls)
			}
		})
	}
}

func TestHeaderSearchBox(t *testing.T) {
	app := mustStart(t, demoConfig())
	client := mustSignIn(t, app, "admin", "admin")
	doc := mustGet(t, client, app.URL+"/search?q=zz-no-such-thing").doc(t)
	box := doc.Find("header form[action='/search'] input#global-search")
	if box.Length() != 1 {
		t.Fatal("no header search box")
	}
	if got := box.AttrOr("name", ""); got != "q" {
		t.Errorf("search box name %q, want q", got)
	}
	if got := box.AttrOr("value", ""); got != "zz-no-such-thing" {
		t.Errorf("search box keeps %q, want the query", got)
	}
	if got := doc.Find("[data-testid=search-none]").Length(); got != 2 {
		t.Errorf("%d groups say nothing matched, want 2", got)
	}
}

func TestDrilldownEscapesHostileText(t *testing.T) {
	cfg := demoConfig()
	cfg.DemoHostile = true
	app := mustStart(t, cfg)
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	computer := pmp.computers(t, map[string]string{"installstatusfilter": "22"})[0]
	patch := pmp.patches(t, api.Query{PageLimit: 1}).Rows[0]
	paths := []string{
		"/computers/" + idOf(t, computer.ResourceID),
		"/patches/" + idOf(t, patch.PatchID),
		"/search?q=a",
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			res := mustGet(t, client, app.URL+path)
			if res.status != http.StatusOK {
				t.Fatalf("status %d, want 200", res.status)
			}
			doc := res.doc(t)
			doc.Find("script").Each(func(_ int, s *goquery.Selection) {
				if _, ok := s.Attr("src"); !ok {
					t.Errorf("inline script %q", s.Text())
				}
			})
			doc.Find("*").Each(func(_ int, s *goquery.Selection) {
				for _, a := range s.Nodes[0].Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("event handler attribute %s=%q", a.Key, a.Val)
					}
				}
				if href := s.AttrOr("href", ""); strings.HasPrefix(strings.ToLower(href),
					"javascript:") {
					t.Errorf("link to %q", href)
				}
			})
		})
	}
}

func TestComputerSeverityFiguresMatchTable(t *testing.T) {
	app := mustStart(t, demoConfig())
	pmp := mustDemoPMP(t, app)
	client := mustSignIn(t, app, "admin", "admin")
	// A computer with critical patches: the most vulnerable one.
	systems := pmp.systems(t, map[string]string{"healthfilter": "3"})
	if len(systems) == 0 {
		t.Fatal("simulator has no highly vulnerable system")
	}
	id := idOf(t, systems[0].ResourceID)
	doc := mustGet(t, client, app.URL+"/computers/"+id).doc(t)

	checked := 0
	doc.Find("[data-testid=section-missing] .figure a").Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if !strings.Contains(href, "status=missing") {
			return
		}
		want, err := strconv.Atoi(strings.TrimSpace(a.Text()))
		if err != nil {
			t.Errorf("figure %q linking to %s is not a number", a.Text(), href)
			return
		}
		table := mustGet(t, client, app.URL+strings.Split(href, "#")[0]).doc(t)
		if got := tableTotal(t, table); got != want {
			t.Errorf("%s: table total %d, figure says %d", href, got, want)
		}
		checked++
	})
	if checked != 6 {
		t.Errorf("checked %d linked figures, want 6 (missing now and five severities)", checked)
	}

	ticket := doc.Find("textarea#ticket-text").Text()
	if !strings.Contains(ticket, "Missing critical patches: ") {
		t.Errorf("ticket text %q lacks the critical patches line", ticket)
	}
}
