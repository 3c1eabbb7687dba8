package pmptest_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"patchdesk/api/pmptest"
)

// filterCase checks that a filtered list holds exactly the rows of the full list that match.
type filterCase struct {
	name     string
	endpoint string
	query    url.Values
	match    func(t testing.TB, row doc) bool
}

func textIs(column, want string) func(testing.TB, doc) bool {
	return func(t testing.TB, r doc) bool { return strings.EqualFold(str(t, r[column]), want) }
}

func numIs(column string, want int64) func(testing.TB, doc) bool {
	return func(t testing.TB, r doc) bool { return num(t, r[column]) == want }
}

func runFilterCases(t *testing.T, s *pmptest.Server, token string, cases []filterCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			all := listAll(t, s, token, tc.endpoint, nil)
			want := 0
			for _, r := range all {
				if tc.match(t, r) {
					want++
				}
			}
			if want == 0 || want == len(all) {
				t.Fatalf("%d of %d rows match, so the case cannot detect filtering", want, len(all))
			}
			got := listAll(t, s, token, tc.endpoint, tc.query)
			if len(got) != want {
				t.Errorf("got %d rows, want %d", len(got), want)
			}
			for _, r := range got {
				if !tc.match(t, r) {
					t.Errorf("row %v does not match the filter", r["resource_id"])
					break
				}
			}
		})
	}
}

func TestComputerFilters(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 600})
	token := adminToken(t, s)
	cases := []filterCase{
		{"domain", "patch/allsystems", values("domainfilter", "eng"),
			textIs("domain_netbios_name", "ENG")},
		{"domain upper-case param name", "patch/allsystems", values("DomainFilter", "CORP"),
			textIs("domain_netbios_name", "CORP")},
		{"branch office", "patch/allsystems", values("branchOfficeFilter", "Branch-Berlin"),
			textIs("branch_office_name", "Branch-Berlin")},
		{"platform", "patch/allsystems", values("platformfilter", "Mac"),
			textIs("os_platform_name", "Mac")},
		{"health", "patch/allsystems", values("healthfilter", "3"),
			numIs("resource_health_status", 3)},
		{"live status", "patch/allsystems", values("liveStatusfilter", "2"),
			numIs("computer_live_status", 2)},
		{"scan health", "patch/scandetails", values("healthfilter", "0"),
			numIs("resource_health_status", 0)},
		{"agent installation", "patch/scandetails",
			values("agentinstallationstatusfilter", "21"), numIs("installation_status", 21)},
		{"install status", "som/computers", values("installstatusfilter", "22"),
			numIs("installation_status", 22)},
		{"som live status", "som/computers", values("livestatusfilter", "3"),
			numIs("computer_live_status", 3)},
		{"som platform", "som/computers", values("platformfilter", "linux"),
			textIs("os_platform_name", "Linux")},
		{"computer name", "som/computers", values("computernamefilter", "srv"),
			func(t testing.TB, r doc) bool {
				return strings.Contains(strings.ToLower(str(t, r["resource_name"])), "srv")
			}},
		{"fqdn", "som/computers", values("fqdnfilter", "eng.example.com"),
			func(t testing.TB, r doc) bool {
				return strings.HasSuffix(str(t, r["fqdn_name"]), "eng.example.com")
			}},
	}
	runFilterCases(t, s, token, cases)
}

func TestResourceIDFilters(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 50})
	token := adminToken(t, s)
	id := num(t, listAll(t, s, token, "som/computers", nil)[7]["resource_id"])
	idText := strconv.FormatInt(id, 10)
	cases := []struct{ endpoint, param string }{
		{"patch/allsystems", "resid"},
		{"patch/scandetails", "resid"},
		{"som/computers", "residfilter"},
		{"som/computers", "resid"},
	}
	for _, tc := range cases {
		t.Run(tc.endpoint+" "+tc.param, func(t *testing.T) {
			rows := listAll(t, s, token, tc.endpoint, values(tc.param, idText))
			if len(rows) != 1 || num(t, rows[0]["resource_id"]) != id {
				t.Errorf("got %d rows, want only resource %d", len(rows), id)
			}
		})
	}
}

func TestCustomGroupFilter(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 600})
	token := adminToken(t, s)
	groups := payload(t, getJSON(t, s, token, "/api/1.4/desktop/serverproperties"))
	names := groups["serverproperties"].(doc)["custom_groups"].([]any)
	total, _ := listPage(t, s, token, "patch/allsystems", nil)
	sum := 0
	for _, n := range names {
		count, _ := listPage(t, s, token, "patch/allsystems", values("customgroupfilter", str(t, n)))
		if count == 0 {
			t.Errorf("group %v has no members", n)
		}
		if str(t, n) == "All Computers Group" && count != total {
			t.Errorf("All Computers Group has %d members, want %d", count, total)
		}
		sum += count
	}
	if sum <= total {
		t.Errorf("group sizes add up to %d, want more than the %d computers", sum, total)
	}
}

func TestUnknownFilterValuesGiveEmptyLists(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 50})
	token := adminToken(t, s)
	cases := []string{
		"patch/allsystems?domainfilter=NOPE",
		"patch/allsystems?branchofficefilter=Mars",
		"patch/allsystems?customgroupfilter=Nobody",
		"patch/allsystems?platformfilter=BeOS",
		"patch/allsystems?healthfilter=9",
		"patch/allsystems?resid=1",
		"som/computers?installstatusfilter=99",
		"patch/allpatches?severityfilter=7",
		"patch/allpatches?approvalstatusfilter=5",
		"patch/allpatches?patchstatusfilter=205",
		"patch/allpatches?bulletinid=MS99-XYZ",
		"patch/allpatches?patchid=1",
		"patch/allpatchdetails?patchid=1",
		"patch/systemreport?resid=1",
		"patch/viewconfig?configstatusfilter=Sleeping",
	}
	for _, path := range cases {
		t.Run(path, func(t *testing.T) {
			d := payload(t, getJSON(t, s, token, "/api/1.4/"+path))
			if got := num(t, d["total"]); got != 0 {
				t.Errorf("total = %d, want 0", got)
			}
		})
	}
}

func TestPatchFilters(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 400})
	token := adminToken(t, s)
	patches := listAll(t, s, token, "patch/allpatches", nil)
	bulletin := str(t, patches[len(patches)/2]["bulletin_id"])
	id := num(t, patches[5]["patch_id"])
	cases := []filterCase{
		{"severity", "patch/allpatches", values("severityfilter", "4"), numIs("severity", 4)},
		{"approval declined", "patch/allpatches", values("approvalstatusfilter", "212"),
			numIs("status_id", 212)},
		{"approval 210 means not approved", "patch/allpatches",
			values("approvalstatusfilter", "210"), numIs("status_id", 0)},
		{"platform", "patch/allpatches", values("platformfilter", "Windows"),
			textIs("platform_name", "Windows")},
		{"bulletin", "patch/allpatches", values("bulletinid", strings.ToLower(bulletin)),
			textIs("bulletin_id", bulletin)},
		{"patch id", "patch/allpatches", values("patchid", strconv.FormatInt(id, 10)),
			numIs("patch_id", id)},
		{"fully installed", "patch/allpatches", values("patchstatusfilter", "201"),
			func(t testing.TB, r doc) bool { return num(t, r["missing"])+num(t, r["failed"]) == 0 }},
		{"missing somewhere", "patch/allpatches", values("patchstatusfilter", "202"),
			func(t testing.TB, r doc) bool { return num(t, r["missing"])+num(t, r["failed"]) > 0 }},
		{"failed somewhere", "patch/allpatches", values("patchstatusfilter", "206"),
			func(t testing.TB, r doc) bool { return num(t, r["failed"]) > 0 }},
		{"supported severity", "patch/supportedpatches", values("severityfilter", "2"),
			numIs("severity", 2)},
		{"config status", "patch/viewconfig", values("configstatusfilter", "executed"),
			textIs("config_status", "Executed")},
	}
	runFilterCases(t, s, token, cases)
}

func TestSystemReportFilters(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 200})
	token := adminToken(t, s)
	resid := busiestSystem(t, s, token)
	endpoint := "patch/systemreport"
	all := listAll(t, s, token, endpoint, values("resid", resid))
	cases := []struct {
		param, value, column string
		want                 int64
	}{
		{"patchstatusfilter", "201", "affected_patch_status", 201},
		{"patchstatusfilter", "202", "affected_patch_status", 202},
		{"severityfilter", "4", "severity", 4},
		{"approvalstatusfilter", "211", "patch_status", 211},
		{"approvalstatusfilter", "210", "patch_status", 0},
	}
	for _, tc := range cases {
		t.Run(tc.param+"="+tc.value, func(t *testing.T) {
			got := listAll(t, s, token, endpoint, values("resid", resid, tc.param, tc.value))
			if want := countWhere(t, all, tc.column, tc.want); len(got) != want {
				t.Errorf("got %d rows, want %d", len(got), want)
			}
		})
	}
}

// busiestSystem returns the resource id, as text, of the computer with the most missing
// patches, so report filters have rows of every kind to select.
func busiestSystem(t *testing.T, s *pmptest.Server, token string) string {
	t.Helper()
	rows := listAll(t, s, token, "patch/allsystems",
		values("orderby", "missing_ms_patches", "sortorder", "DESC"))
	return valueString(rows[0]["resource_id"])
}

func TestAllPatchDetailsFilters(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 400})
	token := adminToken(t, s)
	rows := listAll(t, s, token, "patch/allpatches",
		values("orderby", "missing", "sortorder", "DESC"))
	patchid := valueString(rows[0]["patch_id"])
	all := listAll(t, s, token, "patch/allpatchdetails", values("patchid", patchid))
	for _, status := range []int64{201, 202} {
		got := listAll(t, s, token, "patch/allpatchdetails",
			values("patchid", patchid, "patchstatusfilter", strconv.FormatInt(status, 10)))
		if want := countWhere(t, all, "affected_patch_status", status); len(got) != want {
			t.Errorf("status %d: got %d rows, want %d", status, len(got), want)
		}
	}

	byDomain := listAll(t, s, token, "patch/allpatchdetails", values("patchid", patchid,
		"domainfilter", "CORP"))
	for _, r := range byDomain {
		if d := str(t, r["resource.domain_netbios_name"]); d != "CORP" {
			t.Fatalf("domain filter kept a %s computer", d)
		}
	}
	if len(byDomain) == 0 || len(byDomain) == len(all) {
		t.Errorf("domain filter kept %d of %d rows, want a proper subset", len(byDomain), len(all))
	}
}
