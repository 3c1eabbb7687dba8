package pmptest

// routes maps endpoint paths, without the /api/<version>/ prefix, to their handlers. Both
// API versions serve every endpoint.
var routes = map[string]route{
	"desktop/authentication": {"GET POST", false, "authentication", (*Server).login},
	"desktop/authentication/otpValidate": {
		"GET POST", false, "authentication", (*Server).otpValidate,
	},
	"desktop/discover": {"GET", false, "discover", (*Server).discover},
	"desktop/serverproperties": {
		"GET", true, "serverproperties", (*Server).serverProperties,
	},

	"patch/summary":            {"GET", true, "summary", (*Server).patchSummary},
	"patch/allsystems":         {"GET", true, "allsystems", (*Server).allSystems},
	"patch/scandetails":        {"GET", true, "scandetails", (*Server).scanDetails},
	"patch/allpatches":         {"GET", true, "allpatches", (*Server).allPatches},
	"patch/supportedpatches":   {"GET", true, "supportedpatches", (*Server).supportedPatches},
	"patch/allpatchdetails":    {"GET", true, "allpatchdetails", (*Server).allPatchDetails},
	"patch/systemreport":       {"GET", true, "systemreport", (*Server).systemReport},
	"patch/deploymentpolicies": {"GET", true, "deploymentpolicies", (*Server).deploymentPolicies},
	"patch/viewconfig":         {"GET", true, "viewconfig", (*Server).viewConfig},
	"patch/healthpolicy":       {"GET", true, "healthpolicy", (*Server).healthPolicy},
	"patch/dbupdatestatus":     {"GET", true, "dbupdatestatus", (*Server).dbUpdateStatus},
	"patch/approvalsettings":   {"GET", true, "approvalsettings", (*Server).approvalSettings},

	"som/summary":   {"GET", true, "summary", (*Server).somSummary},
	"som/computers": {"GET", true, "computers", (*Server).computers},
}
