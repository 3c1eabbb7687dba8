package handlers

// Filter choices for PMP's coded fields. The URL carries the word; PMP gets the code.
var (
	healthFilter = filterSpec{param: "health", pmp: "healthfilter", label: "Health",
		choices: []filterChoice{{"healthy", "1", "Healthy"}, {"vulnerable", "2", "Vulnerable"},
			{"highly_vulnerable", "3", "Highly vulnerable"}, {"unknown", "0", "Unknown"}}}
	severityFilter = filterSpec{param: "severity", pmp: "severityfilter", label: "Severity",
		choices: []filterChoice{{"critical", "4", "Critical"}, {"important", "3", "Important"},
			{"moderate", "2", "Moderate"}, {"low", "1", "Low"}, {"unrated", "0", "Unrated"}}}
	patchStatusFilter = filterSpec{param: "status", pmp: "patchstatusfilter", label: "Status",
		choices: []filterChoice{{"missing", "202", "Missing"}, {"installed", "201", "Installed"},
			{"failed", "206", "Failed to install"}}}
	approvalFilter = filterSpec{param: "approval", pmp: "approvalstatusfilter",
		label: "Approval", choices: []filterChoice{{"approved", "211", "Approved"},
			{"not_approved", "0", "Not approved"}, {"declined", "212", "Declined"}}}
	liveFilter = filterSpec{param: "live", pmp: "livestatusfilter", label: "Agent",
		choices: []filterChoice{{"live", "1", "Live"}, {"down", "2", "Down"},
			{"unknown", "3", "Unknown"}}}
	installFilter = filterSpec{param: "install", pmp: "installstatusfilter",
		label: "Installation", choices: []filterChoice{{"installed", "22", "Installed"},
			{"not_installed", "21", "Not installed"}, {"failed", "29", "Installation failed"},
			{"uninstalled", "23", "Uninstalled"}, {"yet_to_uninstall", "24", "Yet to uninstall"},
			{"uninstall_failed", "31", "Uninstallation failed"}}}
	platformFilter = filterSpec{param: "platform", pmp: "platformfilter", label: "Platform",
		choices: []filterChoice{{"windows", "Windows", "Windows"}, {"mac", "Mac", "Mac"},
			{"linux", "Linux", "Linux"}}}
	domainFilter = filterSpec{param: "domain", pmp: "domainfilter", label: "Domain",
		dynamic: "domains"}
	officeFilter = filterSpec{param: "office", pmp: "branchofficefilter", label: "Office",
		dynamic: "branch_offices"}
	groupFilter = filterSpec{param: "group", pmp: "customgroupfilter", label: "Group",
		dynamic: "custom_groups"}
)
