package pmptest

import (
	"fmt"
	"strconv"
)

// computerColumn is a column of the lists whose rows are computer indexes.
type computerColumn = column[int32]

func intCol(name string, get func(c *computer) int64) computerColumn {
	return computerColumn{name, func(e *estate, i int32) any { return get(&e.computers[i]) }}
}

func strCol(name string, get func(c *computer) string) computerColumn {
	return computerColumn{name, func(e *estate, i int32) any { return get(&e.computers[i]) }}
}

func constCol(name string, v any) computerColumn {
	return computerColumn{name, func(*estate, int32) any { return v }}
}

// dash returns s, or PMP's "--" placeholder when s is empty.
func dash(s string) string {
	if s == "" {
		return "--"
	}
	return s
}

func ipString(c *computer) string {
	ip := c.ip
	return fmt.Sprintf("%d.%d.%d.%d", ip>>24, ip>>16&0xFF, ip>>8&0xFF, ip&0xFF)
}

// macOUIs are vendor prefixes by computer kind: Dell clients, Hyper-V guests, Apple, KVM.
var macOUIs = [...]string{"F8:BC:12", "00:15:5D", "A4:83:E7", "52:54:00"}

func macString(c *computer) string {
	m := c.macLow
	return fmt.Sprintf("%s:%02X:%02X:%02X", macOUIs[c.kind], m>>16&0xFF, m>>8&0xFF, m&0xFF)
}

// fqdn returns the DNS name; WORKGROUP computers have no domain suffix.
func fqdn(c *computer) string {
	if suffix := domainSuffixes[c.domain]; suffix != "" {
		return c.name + "." + suffix
	}
	return c.name
}

func agentVersion(c *computer) string {
	if c.agent < 0 {
		return "--"
	}
	return agentVersions[c.agent]
}

func agentDir(c *computer) string {
	if c.agent < 0 || c.install == installUninstalled {
		return "--"
	}
	return agentDirs[c.platform()]
}

func ownerName(c *computer) string {
	if c.owner == "" {
		return "--"
	}
	return displayName(c.owner)
}

func ownerMail(c *computer) string {
	if c.owner == "" {
		return "--"
	}
	return c.owner + "@example.com"
}

// sinceContact returns t, or never when the agent never reported back.
func sinceContact(c *computer, offset int64) int64 {
	if c.contact < 0 {
		return never
	}
	return c.contact - offset
}

var scanLabels = map[uint16]string{
	scanSuccess:    "dc.common.SCANNING_COMPLETED",
	scanFailed:     "dc.common.SCANNING_FAILED",
	scanInProgress: "dc.common.SCANNING_IN_PROGRESS",
	scanNever:      "dc.common.NOT_SCANNED",
}

func scanRemarks(c *computer) string {
	switch c.scan {
	case scanSuccess:
		return scanErrors[0].remarks
	case scanFailed:
		return scanErrors[c.scanError].remarks
	case scanInProgress:
		return "dc.db.agent.config.patchscan.inprogress"
	}
	if c.agentPresent() {
		return "dc.db.agent.config.patchscan.yet_to_scan"
	}
	return "dc.db.agent.install.agent_not_installed"
}

// scanErrorCode returns patch_scan_error_code: the code of a failed scan, else "--".
func scanErrorCode(c *computer) any {
	if c.scan != scanFailed {
		return "--"
	}
	return scanErrors[c.scanError].code
}

var installRemarks = map[uint16]string{
	installNone:            "dc.db.agent.install.yet_to_install",
	installDone:            "dc.db.agent.install.success",
	installUninstalled:     "dc.db.agent.uninstall.success",
	installPendingRemoval:  "dc.db.agent.uninstall.yet_to_uninstall",
	installFailed:          "dc.db.agent.install.failed.access_denied",
	installUninstallFailed: "dc.db.agent.uninstall.failed",
}

// resourceIDText returns resource_id_string.
func resourceIDText(c *computer) string {
	return strconv.FormatInt(c.id, 10)
}
