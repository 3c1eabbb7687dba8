package pmptest

import (
	"time"
)

// newPatchDays is the age limit of the patches counted as new_patches.
const newPatchDays = 30

// patchTotals are the patch/summary counts.
type patchTotals struct {
	applicable, installed, missing, fresh int
	missingBy                             [5]int // patches missing somewhere, by severity
	health                                [4]int // counts by health code
	scanned, unscanned, scanOK, scanFail  int
}

func (e *estate) patchTotals() patchTotals {
	var t patchTotals
	for p := range e.patches {
		notInstalled := e.missing[p] + e.failed[p]
		if e.installed[p]+notInstalled == 0 {
			continue
		}
		t.applicable++
		if e.now-e.patches[p].released <= newPatchDays*dayMS {
			t.fresh++
		}
		if notInstalled == 0 {
			t.installed++
			continue
		}
		t.missing++
		t.missingBy[e.patches[p].severity]++
	}

	for i := range e.computers {
		c := &e.computers[i]
		t.health[c.health]++
		t.countScan(c.scan)
	}
	return t
}

func (t *patchTotals) countScan(scan uint16) {
	switch scan {
	case scanNever:
		t.unscanned++
		return
	case scanSuccess:
		t.scanOK++
	case scanFailed:
		t.scanFail++
	}
	t.scanned++
}

// patchSummary serves patch/summary.
func (s *Server) patchSummary(c *call) response {
	e := s.estate
	t := e.patchTotals()
	db := e.dbStatus()
	payload := obj{{"summary", obj{
		{"patch_summary", obj{
			{"installed_patches", t.installed},
			{"applicable_patches", t.applicable},
			{"new_patches", t.fresh},
			{"patch_summary_report_generation_time", 0},
			{"missing_patches", t.missing},
		}},
		{"missing_patch_severity_summary", obj{
			{"critical_count", t.missingBy[sevCritical]},
			{"important_count", t.missingBy[sevImportant]},
			{"moderate_count", t.missingBy[sevModerate]},
			{"low_count", t.missingBy[sevLow]},
			{"unrated_count", t.missingBy[sevUnrated]},
			{"total_count", t.missing},
		}},
		{"apd_summary", e.apdSummary()},
		{"system_summary", obj{
			{"total_systems", len(e.computers)},
			{"healthy_systems", t.health[healthHealthy]},
			{"moderately_vulnerable_systems", t.health[healthVulnerable]},
			{"highly_vulnerable_systems", t.health[healthHigh]},
			{"health_unknown_systems", t.health[healthUnknown]},
			{"system_summary_report_generation_time", 0},
		}},
		{"patch_scan_summary", obj{
			{"scanned_systems", t.scanned},
			{"unscanned_system_count", t.unscanned},
			{"scan_success_count", t.scanOK},
			{"scan_failure_count", t.scanFail},
			{"scan_summary_report_generation_time", 0},
		}},
		{"vulnerability_db_summary", db},
	}}}
	return s.success(c, payload, "1.0")
}

// apdSummary describes automatic patch deployment tasks: the next one runs at 02:00 UTC
// tomorrow, and no task has run yet (null, as in PMP's sample).
func (e *estate) apdSummary() obj {
	day := msTime(e.now).Truncate(24 * time.Hour)
	next := day.Add(26 * time.Hour).UnixMilli()
	return obj{
		{"last_task_scheduled_time", nil},
		{"next_task_scheduled_time", next},
		{"number_of_apd_tasks", 4},
		{"last_executed_task", nil},
		{"next_task", "Weekly Workstations"},
	}
}

// dbStatus returns the vulnerability database state: updated five hours before the estate
// clock, next update a day after that.
func (e *estate) dbStatus() obj {
	last := e.now - 5*hourMS
	return obj{
		{"last_db_update_status", "Success"},
		{"next_db_update_scheduled_time", last + dayMS},
		{"last_db_update_time", last},
		{"is_auto_db_update_disabled", false},
	}
}

// dbUpdateStatus serves patch/dbupdatestatus.
func (s *Server) dbUpdateStatus(c *call) response {
	return s.success(c, obj{{"dbupdatestatus", s.estate.dbStatus()}}, "")
}

// approvalSettings serves patch/approvalsettings.
func (s *Server) approvalSettings(c *call) response {
	payload := obj{{"approvalsettings", obj{{"patch_approval", "manual"}}}}
	return s.success(c, payload, "1.0", kv{"response_code", 200})
}

// healthPolicy serves patch/healthpolicy.
func (s *Server) healthPolicy(c *call) response {
	h := s.estate.policy
	thresholds := func(t [4]int) obj {
		return obj{{"critical", t[0]}, {"important", t[1]}, {"moderate", t[2]}, {"low", t[3]}}
	}
	payload := obj{{"healthpolicy", obj{
		{"vulnerable", thresholds(h.vulnerable)},
		{"highly_vulnerable", thresholds(h.highly)},
		{"advanced_settings", obj{
			{"exclude_tp_apps", h.excludeThirdParty},
			{"consider_only_approved", h.onlyApproved},
		}},
	}}}
	return s.success(c, payload, "1.0", kv{"response_code", 200})
}

// somTotals are the som/summary counts.
type somTotals struct {
	install map[uint16]int
	contact [5]int // within 3 days, 4-7, 8-15, 16-30, over 30
	live    [4]int // by live status code
}

func (e *estate) somTotals() somTotals {
	t := somTotals{install: make(map[uint16]int)}
	for i := range e.computers {
		c := &e.computers[i]
		t.install[c.install]++
		t.live[c.live]++
		if c.contact >= 0 {
			t.contact[contactBucket(e.now-c.contact)]++
		}
	}
	return t
}

// contactBucket returns the last_contact_time_summary bucket of a contact age: up to 3
// days, up to 7, up to 15, up to 30, and older.
func contactBucket(age int64) int {
	for i, days := range []int64{3, 7, 15, 30} {
		if age <= days*dayMS {
			return i
		}
	}
	return 4
}

// somSummary serves som/summary, including the live_status_summary of EC 1.4 builds.
func (s *Server) somSummary(c *call) response {
	e := s.estate
	t := e.somTotals()
	payload := obj{{"summary", obj{
		{"installation_status_summary", obj{
			{"total", len(e.computers)},
			{"installed", t.install[installDone]},
			{"yet_to_install", t.install[installNone]},
			{"installation_failed", t.install[installFailed]},
			{"uninstalled", t.install[installUninstalled]},
			{"uninstallation_failed", t.install[installUninstallFailed]},
		}},
		{"last_contact_time_summary", obj{
			{"equal_3_day", t.contact[0]},
			{"4_day_to_7_day", t.contact[1]},
			{"8_day_to_15_day", t.contact[2]},
			{"16_day_to_30_day", t.contact[3]},
			{"greater_30_day", t.contact[4]},
		}},
		{"live_status_summary", obj{
			{"live", t.live[liveUp]},
			{"down", t.live[liveDown]},
			{"unknown", t.live[liveUnknown]},
		}},
	}}}
	return s.success(c, payload, "")
}
