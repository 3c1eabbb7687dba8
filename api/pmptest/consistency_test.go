package pmptest_test

import (
	"strconv"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

// estateView is every list of a simulator, fetched once.
type estateView struct {
	s       *pmptest.Server
	token   string
	systems []doc
	patches []doc
	summary doc
}

func loadEstate(t *testing.T, opts pmptest.Options) *estateView {
	t.Helper()
	s := startServer(t, opts)
	token := adminToken(t, s)
	return &estateView{
		s: s, token: token,
		systems: listAll(t, s, token, "patch/allsystems", nil),
		patches: listAll(t, s, token, "patch/allpatches", nil),
		summary: payload(t, getJSON(t, s, token, "/api/1.4/patch/summary"))["summary"].(doc),
	}
}

func (v *estateView) total(t *testing.T, endpoint string, kv ...string) int64 {
	t.Helper()
	total, _ := listPage(t, v.s, v.token, endpoint, values(kv...))
	return int64(total)
}

func expectEqual(t *testing.T, label string, got, want int64) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %d, want %d", label, got, want)
	}
}

var severityColumns = map[int64]string{
	4: "critical_patch_count", 3: "important_patch_count", 2: "moderate_patch_count",
	1: "low_patch_count", 0: "unrated_patch_count",
}

var severityCounts = map[int64]string{
	4: "critical_count", 3: "important_count", 2: "moderate_count", 1: "low_count",
	0: "unrated_count",
}

func TestSystemCountsAddUp(t *testing.T) {
	v := loadEstate(t, pmptest.Options{})
	for _, r := range v.systems {
		bySeverity := int64(0)
		for _, col := range severityColumns {
			bySeverity += num(t, r[col])
		}
		missing := num(t, r["missing_ms_patches"]) + num(t, r["missing_tp_patches"])
		expectEqual(t, "severity counts vs missing counts", bySeverity, missing)
		expectEqual(t, "total_ms_patches", num(t, r["total_ms_patches"]),
			num(t, r["installed_ms_patches"])+num(t, r["missing_ms_patches"]))
		expectEqual(t, "total_tp_patches", num(t, r["total_tp_patches"]),
			num(t, r["installed_tp_patches"])+num(t, r["missing_tp_patches"]))
		if num(t, r["last_successful_scan"]) < 0 {
			total := num(t, r["total_ms_patches"]) + num(t, r["total_tp_patches"])
			expectEqual(t, "patch count of a never-scanned system", total, 0)
			expectEqual(t, "health of a never-scanned system", num(t, r["resource_health_status"]), 0)
		}
		if t.Failed() {
			t.Fatalf("system %v breaks the counts", r["resource_id"])
		}
	}
}

func TestHealthFollowsPolicy(t *testing.T) {
	v := loadEstate(t, pmptest.Options{})
	d := getJSON(t, v.s, v.token, "/api/1.4/patch/healthpolicy")
	policy := payload(t, d)["healthpolicy"].(doc)
	grades := map[int64]int{}
	for _, r := range v.systems {
		want := int64(0)
		if num(t, r["last_successful_scan"]) > 0 {
			want = grade(t, r, policy)
		}
		got := num(t, r["resource_health_status"])
		grades[got]++
		if got != want {
			t.Fatalf("system %v: health %d, want %d from its counts", r["resource_id"], got, want)
		}
	}
	for code := int64(0); code <= 3; code++ {
		if grades[code] == 0 {
			t.Errorf("no system has health %d; the estate lacks variety", code)
		}
	}
}

// grade applies the health policy: any count above a highly_vulnerable threshold gives 3,
// else any count above a vulnerable threshold gives 2, else 1.
func grade(t *testing.T, r doc, policy doc) int64 {
	t.Helper()
	exceeds := func(level string) bool {
		limits := policy[level].(doc)
		for _, sev := range []string{"critical", "important", "moderate", "low"} {
			if num(t, r[sev+"_patch_count"]) > num(t, limits[sev]) {
				return true
			}
		}
		return false
	}
	switch {
	case exceeds("highly_vulnerable"):
		return 3
	case exceeds("vulnerable"):
		return 2
	}
	return 1
}

func TestPatchSummaryMatchesLists(t *testing.T) {
	v := loadEstate(t, pmptest.Options{})
	ps := v.summary["patch_summary"].(doc)
	sev := v.summary["missing_patch_severity_summary"].(doc)
	applicable, missing := num(t, ps["applicable_patches"]), num(t, ps["missing_patches"])
	installed := num(t, ps["installed_patches"])

	expectEqual(t, "applicable_patches vs allpatches total", applicable, int64(len(v.patches)))
	expectEqual(t, "installed + missing", installed+missing, applicable)
	expectEqual(t, "missing_patches vs patchstatusfilter=202", missing,
		v.total(t, "patch/allpatches", "patchstatusfilter", "202"))
	expectEqual(t, "installed_patches vs patchstatusfilter=201", installed,
		v.total(t, "patch/allpatches", "patchstatusfilter", "201"))
	expectEqual(t, "total_count", num(t, sev["total_count"]), missing)

	sum := int64(0)
	for code, key := range severityCounts {
		sum += num(t, sev[key])
		expectEqual(t, key, num(t, sev[key]), v.total(t, "patch/allpatches",
			"patchstatusfilter", "202", "severityfilter", strconv.FormatInt(code, 10)))
	}
	expectEqual(t, "sum of severity counts", sum, missing)

	fresh := int64(0)
	for _, p := range v.patches {
		if fixedNow.Sub(time.UnixMilli(num(t, p["patch_released_time"]))) <= 30*24*time.Hour {
			fresh++
		}
	}
	expectEqual(t, "new_patches", num(t, ps["new_patches"]), fresh)
}

func TestPatchCountsMatchSystemCounts(t *testing.T) {
	v := loadEstate(t, pmptest.Options{})
	installed := sumColumn(t, v.systems, "installed_ms_patches") +
		sumColumn(t, v.systems, "installed_tp_patches")
	notInstalled := sumColumn(t, v.systems, "missing_ms_patches") +
		sumColumn(t, v.systems, "missing_tp_patches")
	expectEqual(t, "installed pairs", sumColumn(t, v.patches, "installed"), installed)
	expectEqual(t, "missing and failed pairs",
		sumColumn(t, v.patches, "missing")+sumColumn(t, v.patches, "failed"), notInstalled)

	for code, column := range severityColumns {
		var fromPatches int64
		for _, p := range v.patches {
			if num(t, p["severity"]) == code {
				fromPatches += num(t, p["missing"]) + num(t, p["failed"])
			}
		}
		expectEqual(t, column, sumColumn(t, v.systems, column), fromPatches)
	}
}

func TestScopedPatchCountsMatchScopedSystems(t *testing.T) {
	v := loadEstate(t, pmptest.Options{Computers: 800})
	scopes := [][2]string{
		{"domainfilter", "ENG"}, {"branchofficefilter", "Branch-North"},
		{"customgroupfilter", "Finance PCs"},
	}
	for _, sc := range scopes {
		t.Run(sc[1], func(t *testing.T) {
			q := values(sc[0], sc[1])
			systems := listAll(t, v.s, v.token, "patch/allsystems", q)
			patches := listAll(t, v.s, v.token, "patch/allpatches", q)
			expectEqual(t, "installed", sumColumn(t, patches, "installed"),
				sumColumn(t, systems, "installed_ms_patches")+
					sumColumn(t, systems, "installed_tp_patches"))
			expectEqual(t, "missing and failed",
				sumColumn(t, patches, "missing")+sumColumn(t, patches, "failed"),
				sumColumn(t, systems, "missing_ms_patches")+
					sumColumn(t, systems, "missing_tp_patches"))
		})
	}
}

func TestSystemSummaryMatchesLists(t *testing.T) {
	v := loadEstate(t, pmptest.Options{})
	sys := v.summary["system_summary"].(doc)
	total := int64(len(v.systems))
	expectEqual(t, "total_systems", num(t, sys["total_systems"]), total)
	for _, endpoint := range []string{"som/computers", "patch/scandetails"} {
		expectEqual(t, endpoint+" total", v.total(t, endpoint), total)
	}

	health := map[string]string{
		"healthy_systems": "1", "moderately_vulnerable_systems": "2",
		"highly_vulnerable_systems": "3", "health_unknown_systems": "0",
	}
	sum := int64(0)
	for key, code := range health {
		sum += num(t, sys[key])
		expectEqual(t, key, num(t, sys[key]), v.total(t, "patch/allsystems", "healthfilter", code))
	}
	expectEqual(t, "sum of health counts", sum, total)

	scan := v.summary["patch_scan_summary"].(doc)
	unscanned := int64(countWhere(t, v.systems, "scan_status", 229))
	expectEqual(t, "unscanned_system_count", num(t, scan["unscanned_system_count"]), unscanned)
	expectEqual(t, "scanned_systems", num(t, scan["scanned_systems"]), total-unscanned)
	expectEqual(t, "scan_success_count", num(t, scan["scan_success_count"]),
		int64(countWhere(t, v.systems, "scan_status", 228)))
	expectEqual(t, "scan_failure_count", num(t, scan["scan_failure_count"]),
		int64(countWhere(t, v.systems, "scan_status", 226)))
}

func TestSoMSummaryMatchesComputers(t *testing.T) {
	v := loadEstate(t, pmptest.Options{})
	summary := payload(t, getJSON(t, v.s, v.token, "/api/1.3/som/summary"))["summary"].(doc)
	computers := listAll(t, v.s, v.token, "som/computers", nil)

	install := summary["installation_status_summary"].(doc)
	expectEqual(t, "total", num(t, install["total"]), int64(len(computers)))
	codes := map[string]int64{
		"installed": 22, "yet_to_install": 21, "installation_failed": 29, "uninstalled": 23,
		"uninstallation_failed": 31,
	}
	for key, code := range codes {
		expectEqual(t, key, num(t, install[key]), int64(countWhere(t, computers,
			"installation_status", code)))
		expectEqual(t, key+" by filter", num(t, install[key]), v.total(t, "som/computers",
			"installstatusfilter", strconv.FormatInt(code, 10)))
	}

	live := summary["live_status_summary"].(doc)
	for key, code := range map[string]int64{"live": 1, "down": 2, "unknown": 3} {
		expectEqual(t, "live "+key, num(t, live[key]), int64(countWhere(t, computers,
			"computer_live_status", code)))
	}

	checkContactBuckets(t, summary["last_contact_time_summary"].(doc), computers)
}

func checkContactBuckets(t *testing.T, buckets doc, computers []doc) {
	t.Helper()
	keys := []string{"equal_3_day", "4_day_to_7_day", "8_day_to_15_day", "16_day_to_30_day",
		"greater_30_day"}
	limits := []time.Duration{3, 7, 15, 30}
	want := make([]int64, len(keys))
	for _, c := range computers {
		contact := num(t, c["agent_last_contact_time"])
		if contact < 0 {
			continue
		}
		age := fixedNow.Sub(time.UnixMilli(contact))
		i := 0
		for i < len(limits) && age > limits[i]*24*time.Hour {
			i++
		}
		want[i]++
	}
	for i, key := range keys {
		expectEqual(t, key, num(t, buckets[key]), want[i])
	}
}

func TestReportsMatchCounts(t *testing.T) {
	v := loadEstate(t, pmptest.Options{Computers: 250, Patches: 150})
	for _, sys := range v.systems {
		checkSystemReport(t, v, sys)
	}
	for _, p := range v.patches {
		checkPatchDetails(t, v, p)
	}
}

func checkSystemReport(t *testing.T, v *estateView, sys doc) {
	t.Helper()
	resid := valueString(sys["resource_id"])
	rows := listAll(t, v.s, v.token, "patch/systemreport", values("resid", resid))
	var installed, installedTP, notInstalledTP int64
	bySeverity := map[int64]int64{}
	for _, r := range rows {
		thirdParty := str(t, r["update_name"]) == "Third Party Updates"
		if num(t, r["affected_patch_status"]) == 201 {
			installed++
			if thirdParty {
				installedTP++
			}
			continue
		}
		bySeverity[num(t, r["severity"])]++
		if thirdParty {
			notInstalledTP++
		}
	}

	expectEqual(t, resid+" rows", int64(len(rows)),
		num(t, sys["total_ms_patches"])+num(t, sys["total_tp_patches"]))
	expectEqual(t, resid+" installed", installed,
		num(t, sys["installed_ms_patches"])+num(t, sys["installed_tp_patches"]))
	expectEqual(t, resid+" installed third-party", installedTP, num(t, sys["installed_tp_patches"]))
	expectEqual(t, resid+" missing third-party", notInstalledTP, num(t, sys["missing_tp_patches"]))
	for code, column := range severityColumns {
		expectEqual(t, resid+" "+column, bySeverity[code], num(t, sys[column]))
	}
	if t.Failed() {
		t.FailNow()
	}
}

func checkPatchDetails(t *testing.T, v *estateView, p doc) {
	t.Helper()
	id := valueString(p["patch_id"])
	rows := listAll(t, v.s, v.token, "patch/allpatchdetails", values("patchid", id))
	for column, code := range map[string]int64{"installed": 201, "missing": 202, "failed": 206} {
		expectEqual(t, id+" "+column, int64(countWhere(t, rows, "affected_patch_status", code)),
			num(t, p[column]))
	}
	if t.Failed() {
		t.FailNow()
	}
}

func TestListsAgreeOnComputerState(t *testing.T) {
	v := loadEstate(t, pmptest.Options{Computers: 400})
	scans := listAll(t, v.s, v.token, "patch/scandetails", nil)
	computers := listAll(t, v.s, v.token, "som/computers", nil)
	for i, sys := range v.systems {
		id := num(t, sys["resource_id"])
		expectEqual(t, "scandetails order", num(t, scans[i]["resource_id"]), id)
		expectEqual(t, "som order", num(t, computers[i]["resource_id"]), id)
		for _, column := range []string{"resource_health_status", "computer_live_status",
			"scan_status", "last_successful_scan", "agent_last_contact_time"} {
			expectEqual(t, column, num(t, scans[i][column]), num(t, sys[column]))
		}
		expectEqual(t, "live status", num(t, computers[i]["computer_live_status"]),
			num(t, sys["computer_live_status"]))
		expectEqual(t, "installation status", num(t, computers[i]["installation_status"]),
			num(t, scans[i]["installation_status"]))
		if t.Failed() {
			t.Fatalf("computer %d differs between lists", id)
		}
	}
}

func TestDBStatusMatchesSummary(t *testing.T) {
	v := loadEstate(t, pmptest.Options{Computers: 20})
	db := payload(t, getJSON(t, v.s, v.token, "/api/1.4/patch/dbupdatestatus"))["dbupdatestatus"].(doc)
	inSummary := v.summary["vulnerability_db_summary"].(doc)
	for key, value := range db {
		if inSummary[key] != value {
			t.Errorf("%s: dbupdatestatus has %v, summary has %v", key, value, inSummary[key])
		}
	}
}
