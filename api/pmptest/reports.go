package pmptest

import (
	"net/http"
)

// statusRow is one patch on one computer, a record of systemreport and allpatchdetails.
type statusRow struct {
	c      int32
	p      uint16
	status int16
}

func (r statusRow) patchIndex() int32 { return int32(r.p) }

func statusPatchCol(name string, get func(p *patch) any) column[statusRow] {
	return catalogColumn(name, statusRow.patchIndex, get)
}

func statusCol(name string, get func(e *estate, r statusRow) any) column[statusRow] {
	return column[statusRow]{name, get}
}

func rowComputer(e *estate, r statusRow) *computer { return &e.computers[r.c] }

// installError is an installation failure as PMP reports it.
type installError struct {
	code    int64
	remarks string
}

var installErrors = []installError{
	{1603, "dc.patch.install.error.fatal_error_during_installation"},
	{1618, "dc.patch.install.error.another_installation_in_progress"},
	{-2145124329, "dc.patch.install.error.update_not_applicable"},
	{112, "dc.patch.install.error.insufficient_disk_space"},
	{-2147010798, "dc.patch.install.error.component_store_corrupted"},
}

// failure returns the installation error of a failed row, the same on every endpoint.
func (e *estate) failure(r statusRow) installError {
	id := e.computers[r.c].id + e.patches[r.p].id
	return installErrors[id%int64(len(installErrors))]
}

// rowErrorCode returns install_error_code, or none for rows that did not fail.
func rowErrorCode(e *estate, r statusRow, none any) any {
	if r.status != statusFailed {
		return none
	}
	return e.failure(r).code
}

func rowRemarks(e *estate, r statusRow) any {
	switch r.status {
	case statusFailed:
		return e.failure(r).remarks
	case statusInstalled:
		return "dc.patch.install.success"
	}
	return "--"
}

var installLabels = map[int16]string{
	statusInstalled: "dc.common.INSTALLED",
	statusFailed:    "dc.common.FAILED",
	statusMissing:   "--",
}

var statusImages = map[int16]string{
	statusInstalled: "/images/installed.gif",
	statusMissing:   "/images/missing.gif",
	statusFailed:    "/images/failed.gif",
}

var approvalLabels = map[int]string{
	approvalApproved: "dc.common.APPROVED",
	approvalNone:     "dc.common.NOT_APPROVED",
	approvalDeclined: "dc.common.DECLINED",
}

// systemReportSpec lists the fields of patch/systemreport records.
var systemReportSpec = &listSpec[statusRow]{columns: []column[statusRow]{
	statusPatchCol("patch_id", func(p *patch) any { return p.id }),
	statusPatchCol("update_id", func(p *patch) any { return p.updateID }),
	statusPatchCol("patch_name", func(p *patch) any { return p.file }),
	statusPatchCol("patch_description", func(p *patch) any { return p.title }),
	statusPatchCol("vendor_name", func(p *patch) any { return p.vendor }),
	statusPatchCol("bulletin_id", func(p *patch) any { return p.bulletin }),
	statusPatchCol("update_name", func(p *patch) any { return updateNames[p.patchType] }),
	statusPatchCol("platform", func(p *patch) any { return p.platform }),
	statusPatchCol("platform_name", func(p *patch) any { return platformNames[p.platform] }),
	statusPatchCol("patch_type", func(p *patch) any { return p.patchType }),
	statusPatchCol("severity", func(p *patch) any { return p.severity }),
	statusPatchCol("pmseverity.name", func(p *patch) any { return severityNames[p.severity] }),
	statusPatchCol("patch_status", func(p *patch) any { return p.approval }),
	statusCol("affected_patch_status", func(_ *estate, r statusRow) any { return int(r.status) }),
	statusPatchCol("patch_noreboot", func(p *patch) any { return flag(p.reboot) }),
	statusPatchCol("patch_uninstall_status", func(p *patch) any { return flag(p.uninstall) }),
	statusPatchCol("download_status", downloadStatus),
	statusCol("deployment_status", func(_ *estate, r statusRow) any {
		if r.status == statusMissing {
			return "--"
		}
		return 209
	}),
	statusCol("install_error_code", func(e *estate, r statusRow) any {
		return rowErrorCode(e, r, -1)
	}),
	statusCol("deploy_remarks", rowRemarks),
	statusPatchCol("patch_released_time", func(p *patch) any { return p.released }),
	statusCol("collection.collection_name", func(e *estate, r statusRow) any {
		if r.status == statusMissing {
			return "--"
		}
		return e.collectionFor(rowComputer(e, r), &e.patches[r.p])
	}),
	statusCol("installstatusdefn.label", func(_ *estate, r statusRow) any {
		return installLabels[r.status]
	}),
	statusPatchCol("configstatusdefn.label", func(p *patch) any {
		return approvalLabels[p.approval]
	}),
	statusPatchCol("configstatusdefn.image_name", approvalImage),
	statusCol("affectedpatchstatusdefn.image_name", func(_ *estate, r statusRow) any {
		return statusImages[r.status]
	}),
	statusPatchCol("patchstorestatusdefn.label", func(p *patch) any {
		if p.downloaded {
			return "dc.common.SUCCESS"
		}
		return "dc.common.YET_TO_DOWNLOAD"
	}),
	statusPatchCol("installpatchstatus.patch_id", func(p *patch) any { return p.id }),
	statusPatchCol("customerpatchstatus.patch_id", func(p *patch) any { return p.id }),
}}

// allPatchDetailsSpec lists the fields of patch/allpatchdetails records.
var allPatchDetailsSpec = &listSpec[statusRow]{columns: []column[statusRow]{
	statusCol("resource_id", func(e *estate, r statusRow) any { return rowComputer(e, r).id }),
	statusCol("resource.name", func(e *estate, r statusRow) any {
		return rowComputer(e, r).name
	}),
	statusCol("resource.domain_netbios_name", func(e *estate, r statusRow) any {
		return domainNames[rowComputer(e, r).domain]
	}),
	statusCol("branch_office_name", func(e *estate, r statusRow) any {
		return officeNames[rowComputer(e, r).office]
	}),
	statusCol("service_pack", func(e *estate, r statusRow) any {
		return rowComputer(e, r).os().display
	}),
	statusCol("os_language", func(*estate, statusRow) any { return 1 }),
	statusPatchCol("patch_id", func(p *patch) any { return p.id }),
	statusPatchCol("bulletin_id", func(p *patch) any { return p.bulletin }),
	statusPatchCol("update_name", func(p *patch) any { return updateNames[p.patchType] }),
	statusPatchCol("sqnumber", func(p *patch) any { return p.kb }),
	statusPatchCol("severity", func(p *patch) any { return p.severity }),
	statusCol("affected_patch_status", func(_ *estate, r statusRow) any { return int(r.status) }),
	statusPatchCol("patch_released_time", func(p *patch) any { return p.released }),
	statusPatchCol("patch_updated_time", func(p *patch) any { return p.updated }),
	statusPatchCol("patch_size", func(p *patch) any { return p.size }),
	statusPatchCol("patch_uninstall_status", func(p *patch) any { return flag(p.uninstall) }),
	statusCol("installstatusdefn.label", func(_ *estate, r statusRow) any {
		return installLabels[r.status]
	}),
	statusCol("install_error_code", func(e *estate, r statusRow) any {
		return rowErrorCode(e, r, "--")
	}),
	statusCol("deploy_remarks", rowRemarks),
	statusPatchCol("approvestatusdefn.image_name", approvalImage),
	statusCol("affectedpatchstatusdefn.image_name", func(_ *estate, r statusRow) any {
		return statusImages[r.status]
	}),
	statusPatchCol("patch_name", func(p *patch) any { return p.file }),
}}

// requiredID reads a mandatory integer parameter such as resid or patchid.
func requiredID(c *call, name string) (int64, *apiError) {
	id, ok, err := c.params.intParam(name)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, invalidParam("Missing parameter: " + name + " is required")
	}
	return id, nil
}

// systemReport serves patch/systemreport?resid=: the patches that apply to one computer.
// An unknown resid or a computer without patch data gives an empty list.
func (s *Server) systemReport(c *call) response {
	resid, err := requiredID(c, "resid")
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}
	pf, err := s.patchFilter(c.params, "platformfilter", "severityfilter", "approvalstatusfilter")
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}
	status, err := statusFilter(c.params)
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}

	var rows []statusRow
	e := s.estate
	if ci, ok := e.computerIndex[resid]; ok {
		for _, r := range e.reportRows(ci) {
			if pf.keep(&e.patches[r.p]) && (status == 0 || int64(r.status) == status) {
				rows = append(rows, r)
			}
		}
	}
	return serveList(s, c, systemReportSpec, rows)
}

// reportRows returns every applicable patch of computer ci with its status, merging the
// sorted missing and failed lists into the sorted applicable list.
func (e *estate) reportRows(ci int32) []statusRow {
	c := &e.computers[ci]
	missing, failed := e.missingOf(c), e.failedOf(c)
	applicable := e.applicableOf(c)
	rows := make([]statusRow, 0, len(applicable))
	for _, p := range applicable {
		status := int16(statusInstalled)
		switch {
		case len(missing) > 0 && missing[0] == p:
			status, missing = statusMissing, missing[1:]
		case len(failed) > 0 && failed[0] == p:
			status, failed = statusFailed, failed[1:]
		}
		rows = append(rows, statusRow{c: ci, p: p, status: status})
	}
	return rows
}

// allPatchDetails serves patch/allpatchdetails?patchid=: one patch on every computer it
// applies to. An unknown patchid gives an empty list.
func (s *Server) allPatchDetails(c *call) response {
	patchID, err := requiredID(c, "patchid")
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}
	scope, err := s.computerFilter(c.params, detailFilters)
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}
	pf, err := s.patchFilter(c.params, "bulletinid", "severityfilter")
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}
	status, err := statusFilter(c.params)
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}

	var rows []statusRow
	e := s.estate
	if pi, ok := e.patchIndex[patchID]; ok && pf.keep(&e.patches[pi]) {
		rows = e.detailRows(uint16(pi), scope, status)
	}
	return serveList(s, c, allPatchDetailsSpec, rows)
}

// detailRows returns patch p on each computer in scope it applies to, keeping only the
// given status unless status is 0.
func (e *estate) detailRows(p uint16, scope *filterSet[*computer], status int64) []statusRow {
	var rows []statusRow
	for i := range e.computers {
		c := &e.computers[i]
		if !e.applies(c, p) || !scope.keep(c) {
			continue
		}
		st := e.statusOf(c, p)
		if status == 0 || int64(st) == status {
			rows = append(rows, statusRow{c: int32(i), p: p, status: int16(st)})
		}
	}
	return rows
}
