package handlers

import (
	"time"

	"patchdesk/api"
	"patchdesk/views"
)

// PMP's codes that the notices test for.
const (
	installNotInstalled    = 21
	installInstalled       = 22
	installUninstalled     = 23
	installYetToUninstall  = 24
	installFailed          = 29
	installUninstallFailed = 31
	liveDown               = 2
	scanFailed             = 226
	scanNotScanned         = 229
)

// agentNotices explains why PMP may have no patch data for an agent in this installation
// status. Installed agents need no notice.
var agentNotices = map[int64]views.Notice{
	installNotInstalled: {Kind: "no-agent", Text: "PMP's agent is not installed on this " +
		"computer, so PMP cannot scan it or list its patches. Install the agent from PMP's " +
		"Scope of Management."},
	installFailed: {Kind: "no-agent", Text: "Installing PMP's agent on this computer failed, " +
		"so PMP cannot scan it or list its patches. Retry the installation from PMP's Scope " +
		"of Management."},
	installUninstalled: {Kind: "no-agent", Text: "PMP's agent was uninstalled from this " +
		"computer, so PMP no longer scans it. Any patch data below is from before the removal."},
	installYetToUninstall: {Kind: "agent-removal", Text: "PMP's agent is about to be " +
		"uninstalled from this computer, so PMP will stop scanning it."},
	installUninstallFailed: {Kind: "agent-removal", Text: "Uninstalling PMP's agent from " +
		"this computer failed. The agent may still be running."},
}

// computerNotices explains, above the data, why a computer's patch data is missing or may
// be out of date: no agent, never scanned, agent down or a failed last scan.
func computerNotices(d *computerData, now time.Time) []views.Notice {
	var notices []views.Notice
	if n, ok := agentNotice(d); ok {
		notices = append(notices, n)
	}
	if n, ok := downNotice(d, now); ok {
		notices = append(notices, n)
	}
	if n, ok := scanNotice(d, now); ok {
		notices = append(notices, n)
	}
	return notices
}

func agentNotice(d *computerData) (views.Notice, bool) {
	status := installStatus(d)
	if status.Valid && status.Value == installInstalled {
		return views.Notice{}, false
	}
	if n, ok := agentNotices[status.Value]; ok && status.Valid {
		return n, true
	}
	if d.computerErr != nil && d.scanErr != nil {
		return views.Notice{}, false // The failed sections already show the error.
	}
	return views.Notice{Kind: "agent-unknown", Text: "PMP did not report whether its agent " +
		"is installed on this computer (installation status: " + status.Label() + ")."}, true
}

// installStatus returns the agent's installation status from som/computers, or from
// scandetails when som/computers did not return it.
func installStatus(d *computerData) api.InstallStatus {
	if r, ok := d.computer(); ok && r.Installation.Valid {
		return r.Installation
	}
	if r, ok := d.scan(); ok {
		return r.Installation
	}
	return api.InstallStatus{}
}

func downNotice(d *computerData, now time.Time) (views.Notice, bool) {
	r, ok := d.computer()
	status := installStatus(d)
	if !ok || !r.Live.Valid || r.Live.Value != liveDown || status.Value != installInstalled {
		return views.Notice{}, false
	}
	text := "The agent is down: it has never contacted PMP"
	if !r.LastContact.IsZero() {
		text = "The agent is down: it last contacted PMP " + whenText(r.LastContact, now)
	}
	return views.Notice{Kind: "agent-down",
		Text: text + ", so the facts and patches below may be out of date."}, true
}

// scanNotice reports a computer that PMP never scanned (scan status 229 or no last scan)
// or whose last scan failed.
func scanNotice(d *computerData, now time.Time) (views.Notice, bool) {
	scan, ok := scanState(d)
	if !ok {
		return views.Notice{}, false
	}
	if scan.never() {
		return views.Notice{Kind: "never-scanned", Text: "PMP has never scanned this " +
			"computer for patches, so it has no patch list for it yet."}, true
	}
	if scan.status.Value != scanFailed {
		return views.Notice{}, false
	}
	text := "The last patch scan failed"
	if scan.lastKnown {
		text += " " + whenText(scan.last, now)
	}
	if scan.lastSuccess.IsZero() {
		return views.Notice{Kind: "scan-failed", Text: text + ", and no scan has succeeded, " +
			"so PMP has no patch list for this computer."}, true
	}
	return views.Notice{Kind: "scan-failed", Text: text + ", so the patch list is from the " +
		"last successful scan " + whenText(scan.lastSuccess, now) + "."}, true
}

// scanFacts is a computer's scan status and times.
type scanFacts struct {
	status            api.ScanStatus
	last, lastSuccess api.Time
	lastKnown         bool // PMP reported the time of the last scan attempt
}

// never reports whether PMP never scanned the computer: scan status 229, or no time of a
// last scan attempt where PMP reports that time.
func (s scanFacts) never() bool {
	return s.status.Value == scanNotScanned || s.lastKnown && s.last.IsZero()
}

// scanState returns the scan facts from scandetails, or from allsystems when scandetails
// has no row. allsystems has no time of the last scan attempt. ok is false when neither
// call returned the row.
func scanState(d *computerData) (scanFacts, bool) {
	if r, found := d.scan(); found {
		return scanFacts{status: r.Scan, last: r.LastScan, lastSuccess: r.LastSuccessfulScan,
			lastKnown: true}, true
	}
	if r, found := d.system(); found {
		return scanFacts{status: r.Scan, lastSuccess: r.LastSuccessfulScan}, true
	}
	return scanFacts{}, false
}

// whenText renders a time for a sentence, such as "on 2 Dec 2026 14:02 (3 days ago)".
func whenText(t api.Time, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	local := t.In(now.Location())
	return "on " + local.Format("2 Jan 2006 15:04") + " (" + relative(local, now) + ")"
}
