package api

import (
	"bytes"
	"strconv"
	"strings"
)

// Coded fields carry a PMP status or category number. Each has its own type so that a
// severity cannot be shown with the health table by mistake. Label returns "unknown" when
// the field was empty and "unknown (code N)" for a number missing from the table, so an
// undocumented value stays visible instead of turning into a blank.

// Severity is a patch severity (severity, severityfilter).
type Severity Int

// HealthStatus is a system health status (resource_health_status, healthfilter).
type HealthStatus Int

// LiveStatus is an agent live status (computer_live_status, livestatusfilter).
type LiveStatus Int

// InstallStatus is an agent installation status (installation_status).
type InstallStatus Int

// PatchStatus is the status of a patch on one system (affected_patch_status).
type PatchStatus Int

// ApprovalStatus is a patch approval status (status_id in allpatches, patch_status in
// systemreport).
type ApprovalStatus Int

// ScanStatus is a patch scan status (scan_status).
type ScanStatus Int

// Platform is an operating system family. It decodes from the numbers 1 to 3 and from the
// names "Windows", "Mac" and "Linux" (any case, also "macOS").
type Platform Int

var (
	severityLabels = map[int64]string{
		0: "Unrated", 1: "Low", 2: "Moderate", 3: "Important", 4: "Critical",
	}
	healthLabels = map[int64]string{
		0: "Unknown", 1: "Healthy", 2: "Vulnerable", 3: "Highly vulnerable",
	}
	liveLabels    = map[int64]string{1: "Live", 2: "Down", 3: "Unknown"}
	installLabels = map[int64]string{
		21: "Not installed", 22: "Installed", 23: "Uninstalled", 24: "Yet to uninstall",
		29: "Installation failed", 31: "Uninstallation failed",
	}
	patchStatusLabels = map[int64]string{201: "Installed", 202: "Missing", 206: "Failed"}

	// One older PMP page uses 210 for "Not approved"; current pages use 0.
	approvalLabels = map[int64]string{
		0: "Not approved", 210: "Not approved", 211: "Approved", 212: "Declined",
	}
	scanLabels = map[int64]string{
		226: "Failed", 227: "In progress", 228: "Success", 229: "Not scanned",
	}
	platformLabels = map[int64]string{1: "Windows", 2: "Mac", 3: "Linux"}
)

// codeLabel looks up a code in a label table.
func codeLabel(table map[int64]string, n Int) string {
	if !n.Valid {
		return "unknown"
	}
	if label, ok := table[n.Value]; ok {
		return label
	}
	return "unknown (code " + strconv.FormatInt(n.Value, 10) + ")"
}

func codeKnown(table map[int64]string, n Int) bool {
	_, ok := table[n.Value]
	return n.Valid && ok
}

// Label returns the severity name, for example "Critical".
func (c Severity) Label() string { return codeLabel(severityLabels, Int(c)) }

// Known reports whether the severity is a documented value.
func (c Severity) Known() bool { return codeKnown(severityLabels, Int(c)) }

// UnmarshalJSON decodes like Int.
func (c *Severity) UnmarshalJSON(b []byte) error { return (*Int)(c).UnmarshalJSON(b) }

// Label returns the health name, for example "Highly vulnerable".
func (c HealthStatus) Label() string { return codeLabel(healthLabels, Int(c)) }

// Known reports whether the health status is a documented value.
func (c HealthStatus) Known() bool { return codeKnown(healthLabels, Int(c)) }

// UnmarshalJSON decodes like Int.
func (c *HealthStatus) UnmarshalJSON(b []byte) error { return (*Int)(c).UnmarshalJSON(b) }

// Label returns the live status name, for example "Live".
func (c LiveStatus) Label() string { return codeLabel(liveLabels, Int(c)) }

// Known reports whether the live status is a documented value.
func (c LiveStatus) Known() bool { return codeKnown(liveLabels, Int(c)) }

// UnmarshalJSON decodes like Int.
func (c *LiveStatus) UnmarshalJSON(b []byte) error { return (*Int)(c).UnmarshalJSON(b) }

// Label returns the installation status name, for example "Installed".
func (c InstallStatus) Label() string { return codeLabel(installLabels, Int(c)) }

// Known reports whether the installation status is a documented value.
func (c InstallStatus) Known() bool { return codeKnown(installLabels, Int(c)) }

// UnmarshalJSON decodes like Int.
func (c *InstallStatus) UnmarshalJSON(b []byte) error { return (*Int)(c).UnmarshalJSON(b) }

// Label returns the patch status name, for example "Missing".
func (c PatchStatus) Label() string { return codeLabel(patchStatusLabels, Int(c)) }

// Known reports whether the patch status is a documented value.
func (c PatchStatus) Known() bool { return codeKnown(patchStatusLabels, Int(c)) }

// UnmarshalJSON decodes like Int.
func (c *PatchStatus) UnmarshalJSON(b []byte) error { return (*Int)(c).UnmarshalJSON(b) }

// Label returns the approval name, for example "Approved".
func (c ApprovalStatus) Label() string { return codeLabel(approvalLabels, Int(c)) }

// Known reports whether the approval status is a documented value.
func (c ApprovalStatus) Known() bool { return codeKnown(approvalLabels, Int(c)) }

// UnmarshalJSON decodes like Int.
func (c *ApprovalStatus) UnmarshalJSON(b []byte) error { return (*Int)(c).UnmarshalJSON(b) }

// Label returns the scan status name, for example "Success".
func (c ScanStatus) Label() string { return codeLabel(scanLabels, Int(c)) }

// Known reports whether the scan status is a documented value.
func (c ScanStatus) Known() bool { return codeKnown(scanLabels, Int(c)) }

// UnmarshalJSON decodes like Int.
func (c *ScanStatus) UnmarshalJSON(b []byte) error { return (*Int)(c).UnmarshalJSON(b) }

// Label returns the platform name, for example "Windows".
func (c Platform) Label() string { return codeLabel(platformLabels, Int(c)) }

// Known reports whether the platform is a documented value.
func (c Platform) Known() bool { return codeKnown(platformLabels, Int(c)) }

// UnmarshalJSON decodes a platform number or name.
func (c *Platform) UnmarshalJSON(b []byte) error {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 || trimmed[0] != '"' {
		return (*Int)(c).UnmarshalJSON(b)
	}

	s, err := unquote(trimmed)
	if err != nil {
		return err
	}

	if v, ok := platformByName(s); ok {
		*c = Platform{Value: v, Valid: true}
		return nil
	}
	return (*Int)(c).UnmarshalJSON(b)
}

func platformByName(s string) (int64, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "windows":
		return 1, true
	case "mac", "macos", "mac os", "mac os x", "osx":
		return 2, true
	case "linux":
		return 3, true
	default:
		return 0, false
	}
}
