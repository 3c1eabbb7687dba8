package pmptest_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"patchdesk/api/pmptest"
)

func TestPagingDefaults(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 120})
	token := adminToken(t, s)
	d := payload(t, getJSON(t, s, token, "/api/1.4/patch/allsystems"))
	if got := num(t, d["limit"]); got != 25 {
		t.Errorf("limit = %d, want 25", got)
	}
	if got := num(t, d["page"]); got != 1 {
		t.Errorf("page = %d, want 1", got)
	}
	if got := num(t, d["total"]); got != 120 {
		t.Errorf("total = %d, want 120", got)
	}
	if got := len(d["allsystems"].([]any)); got != 25 {
		t.Errorf("rows = %d, want 25", got)
	}
}

func TestPagingLimitCapped(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 1500})
	token := adminToken(t, s)
	d := payload(t, getJSON(t, s, token, "/api/1.4/som/computers?pagelimit=5000"))
	if got := num(t, d["limit"]); got != 1000 {
		t.Errorf("limit = %d, want 1000", got)
	}
	if got := len(d["computers"].([]any)); got != 1000 {
		t.Errorf("rows = %d, want 1000", got)
	}
}

func TestPagingPastTheEnd(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 60})
	token := adminToken(t, s)
	total, rows := listPage(t, s, token, "patch/scandetails", values("page", "9"))
	if total != 60 {
		t.Errorf("total = %d, want 60", total)
	}
	if len(rows) != 0 {
		t.Errorf("rows = %d, want 0", len(rows))
	}
}

func TestPagingInvalidValues(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	cases := []struct{ name, query string }{
		{"pagelimit zero", "pagelimit=0"},
		{"pagelimit negative", "pagelimit=-5"},
		{"pagelimit text", "pagelimit=all"},
		{"pagelimit fraction", "pagelimit=2.5"},
		{"page zero", "page=0"},
		{"page text", "page=first"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := getJSON(t, s, token, "/api/1.4/patch/allsystems?"+tc.query)
			if got := errorCode(t, d); got != "10003" {
				t.Errorf("got error_code %q, want 10003", got)
			}
			if desc, _ := d["error_description"].(string); desc == "" {
				t.Errorf("error_description is empty")
			}
		})
	}
}

func TestPagingCoversEveryRowOnce(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 97})
	token := adminToken(t, s)
	seen := map[int64]bool{}
	for page := 1; page <= 5; page++ {
		_, rows := listPage(t, s, token, "patch/allsystems",
			values("page", strconv.Itoa(page), "pagelimit", "20"))
		for _, r := range rows {
			id := num(t, r["resource_id"])
			if seen[id] {
				t.Errorf("resource %d on two pages", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 97 {
		t.Errorf("saw %d computers over all pages, want 97", len(seen))
	}
}

func TestPagingMetadataByEndpoint(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 30})
	token := adminToken(t, s)
	healthy := listAll(t, s, token, "patch/allsystems", values("healthfilter", "1"))
	resid := num(t, healthy[0]["resource_id"])
	patchid := num(t, listAll(t, s, token, "patch/allpatches", nil)[0]["patch_id"])
	cases := []struct {
		path  string
		paged bool
	}{
		{"patch/allsystems", true},
		{"patch/scandetails", true},
		{"som/computers", true},
		{"patch/deploymentpolicies", true},
		{"patch/viewconfig", true},
		{"patch/supportedpatches", true},
		{"patch/allpatches", false},
		{"patch/allpatchdetails?patchid=" + strconv.FormatInt(patchid, 10), false},
		{"patch/systemreport?resid=" + strconv.FormatInt(resid, 10), false},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			d := payload(t, getJSON(t, s, token, "/api/1.4/"+tc.path))
			if _, ok := d["total"]; !ok {
				t.Errorf("total missing")
			}
			_, hasLimit := d["limit"]
			_, hasPage := d["page"]
			if hasLimit != tc.paged || hasPage != tc.paged {
				t.Errorf("limit present %v, page present %v, want both %v", hasLimit, hasPage, tc.paged)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 300})
	token := adminToken(t, s)
	all := listAll(t, s, token, "som/computers", nil)
	cases := []struct{ column, value string }{
		{"resource_name", "ws-00"},
		{"resource_name", "SRV"},
		{"agent_logged_on_users", "SMITH"},
		{"resource_id", "300"},
		{"os_name", "server 2022"},
		{"domain_netbios_name", "eng"},
	}
	for _, tc := range cases {
		t.Run(tc.column+"="+tc.value, func(t *testing.T) {
			want := 0
			for _, r := range all {
				cell := strings.ToLower(valueString(r[tc.column]))
				if strings.Contains(cell, strings.ToLower(tc.value)) {
					want++
				}
			}
			if want == 0 {
				t.Fatalf("no computer matches; the case tests nothing")
			}
			q := values("searchtype", tc.column, "searchcolumn", tc.column, "searchvalue", tc.value)
			got := listAll(t, s, token, "som/computers", q)
			if len(got) != want {
				t.Errorf("got %d rows, want %d", len(got), want)
			}
		})
	}
}

// valueString returns the text of a JSON string, number or boolean.
func valueString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func TestSearchNeedsAllThreeParameters(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 40})
	token := adminToken(t, s)
	total, _ := listPage(t, s, token, "patch/allsystems",
		values("searchcolumn", "resource_name", "searchvalue", "zzz"))
	if total != 40 {
		t.Errorf("total = %d, want 40 because searchtype is missing", total)
	}
}

func TestSearchContainsMatchKind(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 200})
	token := adminToken(t, s)
	byColumn, _ := listPage(t, s, token, "patch/allsystems", values("searchtype", "resource_name",
		"searchcolumn", "resource_name", "searchvalue", "lt-"))
	byKind, _ := listPage(t, s, token, "patch/allsystems", values("searchtype", "contains",
		"searchcolumn", "resource_name", "searchvalue", "lt-"))
	if byColumn != byKind || byColumn == 0 {
		t.Errorf("searchtype=column gave %d rows, searchtype=contains %d, want equal non-zero",
			byColumn, byKind)
	}
}

func TestSearchDottedColumn(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 200})
	token := adminToken(t, s)
	rows := listAll(t, s, token, "patch/scandetails", values("searchtype", "resource.name",
		"searchcolumn", "resource.name", "searchvalue", "mbp"))
	if len(rows) == 0 {
		t.Fatalf("no Mac found by resource.name")
	}
	for _, r := range rows {
		if name := str(t, r["resource.name"]); !strings.Contains(strings.ToLower(name), "mbp") {
			t.Errorf("row %q does not contain mbp", name)
		}
	}
}

func TestListErrors(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	cases := []struct{ name, path string }{
		{"unknown search column", "patch/allsystems?searchtype=x&searchcolumn=colour&searchvalue=red"},
		{"unknown orderby", "som/computers?orderby=colour"},
		{"invalid sortorder", "som/computers?orderby=resource_name&sortorder=UP"},
		{"healthfilter text", "patch/allsystems?healthfilter=bad"},
		{"resid text", "patch/allsystems?resid=abc"},
		{"severityfilter text", "patch/allpatches?severityfilter=high"},
		{"missing resid", "patch/systemreport"},
		{"missing patchid", "patch/allpatchdetails"},
		{"patchid text", "patch/allpatchdetails?patchid=x1"},
		{"patchstatusfilter text", "patch/allpatches?patchstatusfilter=missing"},
		{"installstatusfilter text", "som/computers?installstatusfilter=yes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := rawGet(t, s, token, "/api/1.4/"+tc.path)
			if status != 200 {
				t.Errorf("HTTP status %d, want 200", status)
			}
			d := decode(t, body)
			if got := errorCode(t, d); got != "10003" {
				t.Errorf("got error_code %q, want 10003", got)
			}
			if d["message_type"] == nil {
				t.Errorf("message_type missing in the error envelope")
			}
		})
	}
}

func TestSort(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 150})
	token := adminToken(t, s)
	cases := []struct {
		column, order string
		numeric       bool
		desc          bool
	}{
		{"resource_name", "ASC", false, false},
		{"resource_name", "desc", false, true},
		{"critical_patch_count", "DESC", true, true},
		{"agent_last_contact_time", "", true, false},
	}
	for _, tc := range cases {
		t.Run(tc.column+" "+tc.order, func(t *testing.T) {
			q := values("orderby", tc.column)
			if tc.order != "" {
				q.Set("sortorder", tc.order)
			}
			rows := listAll(t, s, token, "patch/allsystems", q)
			for i := 1; i < len(rows); i++ {
				c := compareCells(t, rows[i-1][tc.column], rows[i][tc.column], tc.numeric)
				if tc.desc {
					c = -c
				}
				if c > 0 {
					t.Fatalf("rows %d and %d out of order: %v then %v", i-1, i, rows[i-1][tc.column],
						rows[i][tc.column])
				}
			}
		})
	}
}

func compareCells(t *testing.T, a, b any, numeric bool) int {
	t.Helper()
	if numeric {
		x, y := num(t, a), num(t, b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(strings.ToLower(str(t, a)), strings.ToLower(str(t, b)))
}

func TestSortIsStable(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 200})
	token := adminToken(t, s)
	for _, order := range []string{"ASC", "DESC"} {
		rows := listAll(t, s, token, "patch/allsystems",
			values("orderby", "domain_netbios_name", "sortorder", order))
		for i := 1; i < len(rows); i++ {
			same := rows[i-1]["domain_netbios_name"] == rows[i]["domain_netbios_name"]
			if same && num(t, rows[i-1]["resource_id"]) > num(t, rows[i]["resource_id"]) {
				t.Fatalf("%s: equal domains not in resource_id order at row %d", order, i)
			}
		}
	}
}

func TestBothVersionsServeEveryEndpoint(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 20})
	token := adminToken(t, s)
	resid := listAll(t, s, token, "patch/allsystems", values("healthfilter", "1"))[0]["resource_id"]
	patchid := listAll(t, s, token, "patch/allpatches", nil)[0]["patch_id"]
	paths := []string{
		"desktop/discover", "desktop/serverproperties", "patch/summary", "som/summary",
		"patch/allsystems", "patch/allpatches", "som/computers", "patch/scandetails",
		"patch/deploymentpolicies", "patch/viewconfig", "patch/healthpolicy",
		"patch/dbupdatestatus", "patch/approvalsettings", "patch/supportedpatches",
		"patch/systemreport?resid=" + valueString(resid),
		"patch/allpatchdetails?patchid=" + valueString(patchid),
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			d13 := getJSON(t, s, token, "/api/1.3/"+p)
			d14 := getJSON(t, s, token, "/api/1.4/"+p)
			m13, m14 := payload(t, d13), payload(t, d14)
			if len(m13) != len(m14) {
				t.Errorf("1.3 payload has %d keys, 1.4 has %d", len(m13), len(m14))
			}
			key := str(t, d14["message_type"])
			if _, ok := m14[key]; !ok {
				t.Errorf("message_response lacks the message_type key %q", key)
			}
		})
	}
}

func TestUnknownPathAndMethod(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10})
	token := adminToken(t, s)
	for _, p := range []string{"/api/1.4/patch/nothing", "/api/2.0/patch/summary", "/index.html"} {
		if status, _, _ := rawGet(t, s, token, p); status != 404 {
			t.Errorf("%s: HTTP %d, want 404", p, status)
		}
	}
	req := mustRequest(t, "DELETE", s.URL()+"/api/1.4/patch/summary")
	if status, header, _ := send(t, req); status != 405 || header.Get("Allow") != "GET" {
		t.Errorf("DELETE: HTTP %d with Allow %q, want 405 with Allow GET", status, header.Get("Allow"))
	}
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatalf("build request %s %s: %v", method, url, err)
	}
	return req
}
