package pmptest

// Error codes in the error envelope. PMP sends error_code as a JSON string.
const (
	codeBadCredentials = "10001" // wrong user, password or domain, or a locked account
	codeBadToken       = "10002" // missing, unknown or expired auth token
	codeInvalidParam   = "10003" // missing or malformed parameter
	codeUnknownError   = "19999" // FaultUnknownError
)

// Platform codes (os_platform, platform) and their names (os_platform_name, platform_name).
const (
	platWindows = 1
	platMac     = 2
	platLinux   = 3
)

var platformNames = [...]string{platWindows: "Windows", platMac: "Mac", platLinux: "Linux"}

// System health codes (resource_health_status, healthfilter).
const (
	healthUnknown    = 0
	healthHealthy    = 1
	healthVulnerable = 2
	healthHigh       = 3
)

// Agent live status codes (computer_live_status, livestatusfilter).
const (
	liveUp      = 1
	liveDown    = 2
	liveUnknown = 3
)

// Agent installation status codes (installation_status, installstatusfilter).
const (
	installNone            = 21
	installDone            = 22
	installUninstalled     = 23
	installPendingRemoval  = 24
	installFailed          = 29
	installUninstallFailed = 31
)

// Patch scan status codes (scan_status).
const (
	scanFailed     = 226
	scanInProgress = 227
	scanSuccess    = 228
	scanNever      = 229
)

// Patch status on one system (affected_patch_status, patchstatusfilter).
const (
	statusInstalled = 201
	statusMissing   = 202
	statusFailed    = 206
)

// Approval status codes (status_id, patch_status, approvalstatusfilter). 210 is accepted as
// "not approved" on input because one PMP page lists it for that meaning.
const (
	approvalNone     = 0
	approvalLegacy   = 210
	approvalApproved = 211
	approvalDeclined = 212
)

// Severity codes (severity, severityfilter).
const (
	sevUnrated   = 0
	sevLow       = 1
	sevModerate  = 2
	sevImportant = 3
	sevCritical  = 4
)

var severityNames = [...]string{"Unrated", "Low", "Moderate", "Important", "Critical"}

// Patch type codes (patch_type) and their update_name labels.
const (
	typeSecurity   = 0
	typeThirdParty = 2
	typeUpdates    = 3
	typePreview    = 11
)

var updateNames = map[int]string{
	0: "Security Updates", 1: "Critical Updates", 2: "Third Party Updates", 3: "Updates",
	4: "Definition Updates", 5: "Service Packs", 6: "Feature Packs", 7: "Rollups", 8: "Tools",
	9: "Driver", 10: "Optional Updates", 11: "Preview Rollups", 12: "BIOS",
}

// downloadedCode is download_status for a downloaded patch. "--" means not downloaded.
const downloadedCode = 221

// Times in epoch milliseconds.
const (
	minuteMS = int64(60 * 1000)
	hourMS   = 60 * minuteMS
	dayMS    = 24 * hourMS
	never    = int64(-1)
)
