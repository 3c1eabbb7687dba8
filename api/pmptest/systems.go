package pmptest

// agentErrorsURL is the kb_url of computers whose agent installation failed.
const agentErrorsURL = "https://www.manageengine.com/products/desktop-central/" +
	"agent-installation-errors.html"

// allSystemsSpec lists the fields of patch/allsystems records.
var allSystemsSpec = &listSpec[int32]{paged: true, columns: []computerColumn{
	intCol("resource_id", func(c *computer) int64 { return c.id }),
	strCol("resource_name", func(c *computer) string { return c.name }),
	strCol("domain_netbios_name", func(c *computer) string { return domainNames[c.domain] }),
	strCol("ip_address", ipString),
	strCol("branch_office_name", func(c *computer) string { return officeNames[c.office] }),
	intCol("branch_office_id", func(c *computer) int64 { return officeIDs[c.office] }),
	strCol("os_platform_name", func(c *computer) string { return platformNames[c.platform()] }),
	strCol("os_name", func(c *computer) string { return c.os().name }),
	strCol("service_pack", func(c *computer) string { return c.os().display }),
	intCol("resource_health_status", func(c *computer) int64 { return int64(c.health) }),
	intCol("computer_live_status", func(c *computer) int64 { return int64(c.live) }),
	intCol("scan_status", func(c *computer) int64 { return int64(c.scan) }),
	intCol("last_successful_scan", func(c *computer) int64 { return c.lastSuccess }),
	intCol("last_patched_time", func(c *computer) int64 { return c.patched }),
	intCol("agent_last_contact_time", func(c *computer) int64 { return c.contact }),
	strCol("remarks", scanRemarks),
	strCol("scan_remarks", scanRemarks),
	intCol("critical_patch_count", func(c *computer) int64 { return int64(c.missingBy[4]) }),
	intCol("important_patch_count", func(c *computer) int64 { return int64(c.missingBy[3]) }),
	intCol("moderate_patch_count", func(c *computer) int64 { return int64(c.missingBy[2]) }),
	intCol("low_patch_count", func(c *computer) int64 { return int64(c.missingBy[1]) }),
	intCol("unrated_patch_count", func(c *computer) int64 { return int64(c.missingBy[0]) }),
	intCol("installed_ms_patches", func(c *computer) int64 { return int64(c.instMS) }),
	intCol("installed_tp_patches", func(c *computer) int64 { return int64(c.instTP) }),
	intCol("missing_ms_patches", func(c *computer) int64 { return int64(c.missMS) }),
	intCol("missing_tp_patches", func(c *computer) int64 { return int64(c.missTP) }),
	intCol("total_ms_patches", func(c *computer) int64 { return int64(c.instMS + c.missMS) }),
	intCol("total_tp_patches", func(c *computer) int64 { return int64(c.instTP + c.missTP) }),
	constCol("total_driver_patches", 0),
	constCol("missing_driver_patches", 0),
	constCol("installed_driver_patches", 0),
	constCol("total_bios_patches", 0),
	constCol("missing_bios_patches", 0),
	constCol("installed_bios_patches", 0),
}}

// scanDetailsSpec lists the fields of patch/scandetails records, with the dotted join keys
// of PMP's sample.
var scanDetailsSpec = &listSpec[int32]{paged: true, columns: []computerColumn{
	intCol("resource_id", func(c *computer) int64 { return c.id }),
	strCol("resource_id_string", resourceIDText),
	strCol("resource.name", func(c *computer) string { return c.name }),
	strCol("domain_netbios_name", func(c *computer) string { return domainNames[c.domain] }),
	strCol("ip_address", ipString),
	strCol("mac_address", macString),
	strCol("branch_office_name", func(c *computer) string { return officeNames[c.office] }),
	intCol("branch_office_id", func(c *computer) int64 { return officeIDs[c.office] }),
	intCol("branchofficedetails.branch_office_id",
		func(c *computer) int64 { return officeIDs[c.office] }),
	intCol("pmreshealthstatus.resource_id", func(c *computer) int64 { return c.id }),
	intCol("resource_health_status", func(c *computer) int64 { return int64(c.health) }),
	intCol("computer_live_status", func(c *computer) int64 { return int64(c.live) }),
	intCol("installation_status", func(c *computer) int64 { return int64(c.install) }),
	intCol("os_platform", func(c *computer) int64 { return int64(c.platform()) }),
	strCol("os_platform_name", func(c *computer) string { return platformNames[c.platform()] }),
	strCol("os_name", func(c *computer) string { return c.os().name }),
	strCol("service_pack", func(c *computer) string { return c.os().display }),
	constCol("os_language", 1),
	strCol("agent_version", agentVersion),
	intCol("agent_installed_on", func(c *computer) int64 { return c.installedOn }),
	strCol("agent_installed_dir", agentDir),
	intCol("agent_last_contact_time", func(c *computer) int64 { return c.contact }),
	strCol("agent_logged_on_users", func(c *computer) string { return dash(c.users) }),
	intCol("scan_status", func(c *computer) int64 { return int64(c.scan) }),
	intCol("last_scan_time", func(c *computer) int64 { return c.lastScan }),
	intCol("last_successful_scan", func(c *computer) int64 { return c.lastSuccess }),
	strCol("patchstatusdefn.label", func(c *computer) string { return scanLabels[c.scan] }),
	strCol("status_label", func(c *computer) string { return scanLabels[c.scan] }),
	strCol("scan_remarks", scanRemarks),
	{"patch_scan_error_code", func(e *estate, i int32) any {
		return scanErrorCode(&e.computers[i])
	}},
	strCol("description", func(c *computer) string { return dash(c.description) }),
	strCol("location", func(c *computer) string { return officeSites[c.office] }),
	strCol("owner", ownerName),
	strCol("owner_email_id", ownerMail),
	constCol("search_tag", "--"),
}}

// computersSpec lists the fields of som/computers records.
var computersSpec = &listSpec[int32]{paged: true, columns: []computerColumn{
	intCol("resource_id", func(c *computer) int64 { return c.id }),
	strCol("resource_id_string", resourceIDText),
	strCol("resource_name", func(c *computer) string { return c.name }),
	strCol("full_name", fqdn),
	strCol("fqdn_name", fqdn),
	strCol("domain_netbios_name", func(c *computer) string { return domainNames[c.domain] }),
	strCol("ip_address", ipString),
	strCol("mac_address", macString),
	strCol("os_name", func(c *computer) string { return c.os().name }),
	strCol("os_version", func(c *computer) string { return c.os().version }),
	strCol("service_pack", func(c *computer) string { return c.os().display }),
	intCol("os_platform", func(c *computer) int64 { return int64(c.platform()) }),
	strCol("os_platform_name", func(c *computer) string { return platformNames[c.platform()] }),
	strCol("agent_version", agentVersion),
	intCol("computer_live_status", func(c *computer) int64 { return int64(c.live) }),
	intCol("installation_status", func(c *computer) int64 { return int64(c.install) }),
	constCol("managed_status", 61),
	strCol("branch_office_name", func(c *computer) string { return officeNames[c.office] }),
	strCol("owner", ownerName),
	strCol("owner_email_id", ownerMail),
	strCol("description", func(c *computer) string { return dash(c.description) }),
	strCol("location", func(c *computer) string { return officeSites[c.office] }),
	constCol("search_tag", "--"),
	intCol("agent_last_contact_time", func(c *computer) int64 { return c.contact }),
	intCol("last_contact_time", func(c *computer) int64 { return c.contact }),
	intCol("agent_installed_on", func(c *computer) int64 { return c.installedOn }),
	intCol("agent_executed_on", func(c *computer) int64 {
		return max(never, c.installedOn-5*minuteMS)
	}),
	intCol("agent_uninstalled_on", func(c *computer) int64 { return c.uninstalledOn }),
	intCol("live_status_update_time", func(c *computer) int64 { return sinceContact(c, 0) }),
	intCol("last_sync_time", func(c *computer) int64 { return sinceContact(c, minuteMS) }),
	strCol("agent_logged_on_users", func(c *computer) string { return dash(c.users) }),
	strCol("remarks", func(c *computer) string { return installRemarks[c.install] }),
	constCol("remarks_args", "--"),
	strCol("kb_url", func(c *computer) string {
		if c.install == installFailed {
			return agentErrorsURL
		}
		return "--"
	}),
	constCol("customer_id", 1),
	constCol("customer_name", "--"),
}}

// selectComputers returns the indexes of the computers that pass the named filters, in
// resource id order.
func (s *Server) selectComputers(c *call, filters []string) ([]int32, *apiError) {
	f, err := s.computerFilter(c.params, filters)
	if err != nil {
		return nil, err
	}
	e := s.estate
	rows := make([]int32, 0, len(e.computers))
	for i := range e.computers {
		if f.keep(&e.computers[i]) {
			rows = append(rows, int32(i))
		}
	}
	return rows, nil
}

// serveComputers serves a list whose rows are computers.
func (s *Server) serveComputers(c *call, spec *listSpec[int32], filters []string) response {
	rows, err := s.selectComputers(c, filters)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}
	return serveList(s, c, spec, rows)
}

// allSystems serves patch/allsystems.
func (s *Server) allSystems(c *call) response {
	return s.serveComputers(c, allSystemsSpec, systemsFilters)
}

// scanDetails serves patch/scandetails.
func (s *Server) scanDetails(c *call) response {
	return s.serveComputers(c, scanDetailsSpec, scanFilters)
}

// computers serves som/computers.
func (s *Server) computers(c *call) response {
	return s.serveComputers(c, computersSpec, computerFilters)
}
