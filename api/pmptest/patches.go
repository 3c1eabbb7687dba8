package pmptest

// patchRow is an allpatches record: a patch with its counts over the selected computers.
type patchRow struct {
	p                          int32
	installed, missing, failed int32
}

// notInstalled counts the computers where the patch is missing or failed.
func (r patchRow) notInstalled() int32 {
	return r.missing + r.failed
}

// hasStatus applies patchstatusfilter to a patch: 201 keeps patches installed on every
// computer it applies to, 202 keeps patches missing or failed somewhere, 206 keeps patches
// that failed somewhere, and 0 keeps all.
func (r patchRow) hasStatus(status int64) bool {
	switch status {
	case 0:
		return true
	case statusInstalled:
		return r.notInstalled() == 0
	case statusMissing:
		return r.notInstalled() > 0
	case statusFailed:
		return r.failed > 0
	}
	return false
}

// catalogColumn returns a column of a list whose rows carry a patch index.
func catalogColumn[R any](name string, index func(R) int32, get func(p *patch) any) column[R] {
	return column[R]{name, func(e *estate, r R) any { return get(&e.patches[index(r)]) }}
}

func rowPatch(r patchRow) int32 { return r.p }

func patchCol(name string, get func(p *patch) any) column[patchRow] {
	return catalogColumn(name, rowPatch, get)
}

func countCol(name string, get func(r patchRow) int32) column[patchRow] {
	return column[patchRow]{name, func(_ *estate, r patchRow) any { return int64(get(r)) }}
}

func approvalImage(p *patch) any {
	switch p.approval {
	case approvalApproved:
		return "/images/approved_icon.gif"
	case approvalDeclined:
		return "/images/declined_icon.gif"
	}
	return "/images/not_approved_icon.gif"
}

// downloadStatus returns download_status: 221 when downloaded, else "--".
func downloadStatus(p *patch) any {
	if p.downloaded {
		return downloadedCode
	}
	return "--"
}

func flag(b bool) any {
	if b {
		return 1
	}
	return 0
}

// allPatchesSpec lists the fields of patch/allpatches records.
var allPatchesSpec = &listSpec[patchRow]{columns: []column[patchRow]{
	patchCol("patch_id", func(p *patch) any { return p.id }),
	patchCol("bulletin_id", func(p *patch) any { return p.bulletin }),
	patchCol("update_name", func(p *patch) any { return updateNames[p.patchType] }),
	patchCol("platform_name", func(p *patch) any { return platformNames[p.platform] }),
	patchCol("severity", func(p *patch) any { return p.severity }),
	patchCol("status_id", func(p *patch) any { return p.approval }),
	patchCol("image_name", approvalImage),
	patchCol("first_name", func(p *patch) any { return p.approvedBy }),
	countCol("installed", func(r patchRow) int32 { return r.installed }),
	countCol("missing", func(r patchRow) int32 { return r.missing }),
	countCol("failed", func(r patchRow) int32 { return r.failed }),
	patchCol("patch_released_time", func(p *patch) any { return p.released }),
	patchCol("updated_time", func(p *patch) any { return p.updated }),
	patchCol("patch_size", func(p *patch) any { return p.size }),
	patchCol("patch_noreboot", func(p *patch) any { return flag(p.reboot) }),
	patchCol("patch_uninstall_status", func(p *patch) any { return flag(p.uninstall) }),
	patchCol("download_status", downloadStatus),
	patchCol("sqnumber", func(p *patch) any { return p.kb }),
	patchCol("ro_failure_count", func(*patch) any { return "--" }),
	patchCol("ro_yettodownload_count", func(*patch) any { return "--" }),
	patchCol("patch_name", func(p *patch) any { return p.file }),
	patchCol("patch_description", func(p *patch) any { return p.title }),
	patchCol("vendor_name", func(p *patch) any { return p.vendor }),
}}

// patchRowFilters are the filters of allpatches that apply to the patch itself.
var patchRowFilters = []string{
	"patchid", "bulletinid", "platformfilter", "severityfilter", "approvalstatusfilter",
}

// allPatches serves patch/allpatches: the patches that apply to at least one computer in
// scope. Domain, branch office and custom group filters narrow the computers counted.
func (s *Server) allPatches(c *call) response {
	scope, err := s.computerFilter(c.params, scopeFilters)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}
	pf, err := s.patchFilter(c.params, patchRowFilters...)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}
	status, err := statusFilter(c.params)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}

	e := s.estate
	installed, missing, failed := e.installed, e.missing, e.failed
	if scope.active() {
		installed, missing, failed = e.patchCounts(scope.keep)
	}
	var rows []patchRow
	for p := range e.patches {
		row := patchRow{int32(p), installed[p], missing[p], failed[p]}
		if row.installed+row.notInstalled() > 0 && pf.keep(&e.patches[p]) &&
			row.hasStatus(status) {
			rows = append(rows, row)
		}
	}
	return serveList(s, c, allPatchesSpec, rows)
}

func indexOf(i int32) int32 { return i }

func supportedCol(name string, get func(p *patch) any) column[int32] {
	return catalogColumn(name, indexOf, get)
}

// supportedPatchesSpec lists the fields of patch/supportedpatches records.
var supportedPatchesSpec = &listSpec[int32]{paged: true, version: "1.4", responseCode: true,
	columns: []column[int32]{
		supportedCol("patch_id", func(p *patch) any { return p.id }),
		supportedCol("update_id", func(p *patch) any { return p.updateID }),
		supportedCol("patch_name", func(p *patch) any { return p.file }),
		supportedCol("patch_description", func(p *patch) any { return p.title }),
		supportedCol("vendor_name", func(p *patch) any { return p.vendor }),
		supportedCol("severity", func(p *patch) any { return p.severity }),
		supportedCol("bulletin_id", func(p *patch) any { return p.bulletin }),
		supportedCol("update_name", func(p *patch) any { return updateNames[p.patchType] }),
		supportedCol("platform_name", func(p *patch) any { return platformNames[p.platform] }),
		supportedCol("patch_noreboot", func(p *patch) any { return flag(p.reboot) }),
		supportedCol("superceded_by", func(*patch) any { return "NA" }),
		supportedCol("is_superceded", func(*patch) any { return false }),
		supportedCol("patch_lang", func(*patch) any { return "English" }),
		supportedCol("patch_updated_time", func(p *patch) any { return p.updated }),
	}}

// supportedPatches serves patch/supportedpatches: the whole catalogue.
func (s *Server) supportedPatches(c *call) response {
	pf, err := s.patchFilter(c.params, patchRowFilters...)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}
	e := s.estate
	var rows []int32
	for p := range e.patches {
		if pf.keep(&e.patches[p]) {
			rows = append(rows, int32(p))
		}
	}
	return serveList(s, c, supportedPatchesSpec, rows)
}
