package handlers

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

func fact(label, testID string, value views.Cell) views.Fact {
	return views.Fact{Label: label, Value: value, TestID: "fact-" + testID}
}

// sectionFailure fills the section's error from a failed call, or from PMP returning only
// rows of other ids. It reports whether the section has an error.
func (h *Handler) sectionFailure(c echo.Context, s *views.Section, err error, rowFound bool,
	rowsReturned int, id int64) bool {
	switch {
	case err != nil:
		h.logPMPFailure(c, s.ID, err)
		s.Error = h.pmpMessage(err)
	case !rowFound && rowsReturned > 0:
		h.log.Error("PMP returned rows of other ids", "section", s.ID, "id", id,
			"rows", rowsReturned)
		s.Error = otherRowsError(id)
	}
	return s.Error != ""
}

// agentSection shows the agent facts from PMP's scope of management (som/computers).
func (h *Handler) agentSection(c echo.Context, d *computerData, now time.Time) views.Section {
	s := views.Section{ID: "agent", Title: "Agent"}
	r, ok := d.computer()
	if h.sectionFailure(c, &s, d.computerErr, ok, pageRows(d.computers), d.id) || !ok {
		return s
	}
	s.Facts = []views.Fact{
		fact("Agent installation", "installation", installCell(r.Installation)),
		fact("Live status", "live", liveCell(r.Live)),
		fact("Agent version", "agent-version", textCell(r.AgentVersion)),
		fact("Last contact", "last-contact", timeCell(r.LastContact, now, "never")),
		fact("Logged-on users", "users", usersCell(r.LoggedOnUsers)),
		fact("IP address", "ip", textCell(r.IP)),
		fact("Operating system", "os", textCell(r.OSName)),
		fact("Domain", "domain", textCell(r.Domain)),
		fact("Remote office", "office", textCell(r.BranchOffice)),
	}
	return s
}

func usersCell(users api.Text) views.Cell {
	if users == "" {
		return views.Cell{Text: "nobody", Muted: true}
	}
	return views.Cell{Text: string(users)}
}

// scanSection shows the patch scan facts (patch/scandetails).
func (h *Handler) scanSection(c echo.Context, d *computerData, now time.Time) views.Section {
	s := views.Section{ID: "scan", Title: "Patch scan"}
	r, ok := d.scan()
	if h.sectionFailure(c, &s, d.scanErr, ok, pageRows(d.scans), d.id) {
		return s
	}
	if !ok {
		s.Note = "PMP has no scan details for this computer."
		return s
	}
	s.Facts = []views.Fact{
		fact("Health", "health", healthCell(r.Health)),
		fact("Scan status", "scan-status", scanCell(r.Scan)),
		fact("Last scan", "last-scan", timeCell(r.LastScan, now, "never")),
		fact("Last successful scan", "last-success", timeCell(r.LastSuccessfulScan, now, "never")),
	}
	if r.ScanErrorCode.Valid && r.ScanErrorCode.Value != 0 {
		s.Facts = append(s.Facts, fact("Scan error code", "scan-error", intCell(r.ScanErrorCode)))
	}
	return s
}

// healthSection shows the missing patches by severity (patch/allsystems) and the number
// of missing patches in the table below (patch/systemreport), which links to them.
func (h *Handler) healthSection(c echo.Context, d *computerData, now time.Time) views.Section {
	s := views.Section{ID: "missing", Title: "Missing patches"}
	r, ok := d.system()
	if h.sectionFailure(c, &s, d.systemErr, ok, pageRows(d.systems), d.id) {
		return s
	}
	if !ok {
		s.Note = "PMP has no patch counts for this computer."
		return s
	}
	if neverScanned(d) {
		// PMP reports zero counts for a computer it never scanned; they mean unknown.
		s.Facts = []views.Fact{fact("Missing now", "missing-now",
			views.Cell{Text: "unknown", Muted: true})}
		s.Note = "PMP has never scanned this computer, so its missing patches are unknown."
		return s
	}
	s.Facts = []views.Fact{fact("Missing now", "missing-now", missingNowCell(d))}
	if counts, complete := d.missingBySeverity(); complete {
		for sev := 4; sev >= 0; sev-- {
			c := severityChoice(sev)
			href := fmt.Sprintf("/computers/%d?status=missing&severity=%s"+
				"#computer-patches-region", d.id, c.value)
			s.Facts = append(s.Facts, fact(c.label, c.value,
				countCell(api.Int{Value: counts[sev], Valid: true}, href)))
		}
	} else {
		// PMP's system list counts patches that failed to install too, so these counts
		// are shown only when the missing rows were too many to count here.
		for _, f := range systemSeverityCounts(r) {
			s.Facts = append(s.Facts, fact(f.label, strings.ToLower(f.label), intCell(f.n)))
		}
		s.Note = "Counts by severity come from PMP's system list and include patches " +
			"that failed to install."
	}
	s.Facts = append(s.Facts,
		fact("Failed installs", "failed", views.Cell{Text: "show",
			Href: fmt.Sprintf("/computers/%d?status=failed#computer-patches-region", d.id)}),
		fact("Last patched", "last-patched", timeCell(r.LastPatched, now, "never")))
	return s
}

// severityCount is a count of not-installed patches of one severity from allsystems.
type severityCount struct {
	label string
	n     api.Int
}

// systemSeverityCounts returns allsystems' counts by severity, most severe first.
func systemSeverityCounts(r *api.System) []severityCount {
	return []severityCount{{"Critical", r.Critical}, {"Important", r.Important},
		{"Moderate", r.Moderate}, {"Low", r.Low}, {"Unrated", r.Unrated}}
}

// severityChoice returns the severity filter's choice for a PMP severity code.
func severityChoice(code int) filterChoice {
	for _, c := range severityFilter.choices {
		if c.pmp == strconv.Itoa(code) {
			return c
		}
	}
	return filterChoice{value: strconv.Itoa(code), label: "Severity " + strconv.Itoa(code)}
}

// missingBySeverity counts the computer's missing patches by severity code 0 to 4 from
// the missing rows fetched for the page. complete is false when the call failed or PMP
// has more missing patches than were fetched.
func (d *computerData) missingBySeverity() (counts [5]int64, complete bool) {
	if d.missingErr != nil || len(d.missing.Rows) < d.missing.Total {
		return counts, false
	}
	for i := range d.missing.Rows {
		sev := d.missing.Rows[i].Severity
		if !sev.Valid || sev.Value < 0 || sev.Value > 4 {
			return counts, false
		}
		counts[sev.Value]++
	}
	return counts, true
}

// missingNowCell shows how many patches PMP lists as missing on the computer, linked to
// the patch table filtered the same way.
func missingNowCell(d *computerData) views.Cell {
	if d.missingErr != nil {
		return views.Cell{Text: "unknown", Muted: true}
	}
	href := fmt.Sprintf("/computers/%d?status=missing#computer-patches-region", d.id)
	return countCell(api.Int{Value: int64(d.missing.Total), Valid: true}, href)
}

// pageRows returns the number of rows on a page, 0 for a failed call.
func pageRows[T any](p *api.Page[T]) int {
	if p == nil {
		return 0
	}
	return len(p.Rows)
}
