package handlers

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
)

// unknownText replaces a value that PMP did not return or a call that failed.
const unknownText = "unknown (PMP did not return it)"

// notScannedText replaces patch facts of a computer that PMP never scanned.
const notScannedText = "unknown: PMP has never scanned this computer"

// ticketText renders the plain-text summary of a computer that helpdesk staff paste into
// a ticket. A line whose value PMP did not return shows unknownText, so no line is left out.
func ticketText(d *computerData, link string, now time.Time) string {
	lines := []string{
		"Computer: " + d.name() + ticketDomain(d),
		"Logged-on user: " + ticketUsers(d),
		"Last contact: " + ticketContact(d, now),
		"Last scan: " + ticketScan(d, now),
		"Health: " + ticketHealth(d),
		"Missing patches: " + ticketMissing(d),
		"Missing critical patches: " + ticketCritical(d),
		"Missing patches that need a reboot: " + ticketReboot(d),
		"Link: " + link,
	}
	return strings.Join(lines, "\n")
}

func ticketDomain(d *computerData) string {
	if r, ok := d.computer(); ok && r.Domain != "" {
		return " (domain " + string(r.Domain) + ")"
	}
	return ""
}

func ticketUsers(d *computerData) string {
	users, ok := api.Text(""), false
	if r, found := d.computer(); found {
		users, ok = r.LoggedOnUsers, true
	} else if r, found := d.scan(); found {
		users, ok = r.LoggedOnUsers, true
	}
	switch {
	case !ok:
		return unknownText
	case users == "":
		return "nobody"
	}
	return string(users)
}

func ticketContact(d *computerData, now time.Time) string {
	if r, ok := d.computer(); ok {
		return ticketTime(r.LastContact, now)
	}
	if r, ok := d.scan(); ok {
		return ticketTime(r.LastContact, now)
	}
	return unknownText
}

func ticketScan(d *computerData, now time.Time) string {
	if r, ok := d.scan(); ok {
		return ticketTime(r.LastScan, now) + ", status " + r.Scan.Label()
	}
	if r, ok := d.system(); ok {
		return "last successful " + ticketTime(r.LastSuccessfulScan, now) + ", status " +
			r.Scan.Label()
	}
	return unknownText
}

func ticketHealth(d *computerData) string {
	if r, ok := d.scan(); ok && r.Health.Valid {
		return r.Health.Label()
	}
	if r, ok := d.system(); ok {
		return r.Health.Label()
	}
	return unknownText
}

// ticketMissing renders the missing patches by severity, such as "6 (Critical 2,
// Important 3, Moderate 0, Low 0, Unrated 1)". It counts the missing rows of the page, as
// the patch table does, and falls back to patch/allsystems (which counts failed installs
// too) when the computer misses more patches than the page fetched.
func ticketMissing(d *computerData) string {
	if neverScanned(d) {
		return notScannedText
	}
	if counts, complete := d.missingBySeverity(); complete {
		return fmt.Sprintf("%d (Critical %d, Important %d, Moderate %d, Low %d, Unrated %d)",
			d.missing.Total, counts[4], counts[3], counts[2], counts[1], counts[0])
	}
	r, ok := d.system()
	if !ok {
		return unknownText
	}
	var parts []string
	total, complete := int64(0), true
	for _, c := range systemSeverityCounts(r) {
		if !c.n.Valid {
			parts, complete = append(parts, c.label+" unknown"), false
			continue
		}
		total += c.n.Value
		parts = append(parts, fmt.Sprintf("%s %d", c.label, c.n.Value))
	}
	if !complete {
		return strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%d (%s)", total, strings.Join(parts, ", "))
}

// ticketCritical names up to five missing critical patches by their titles.
func ticketCritical(d *computerData) string {
	if neverScanned(d) {
		return notScannedText
	}
	if d.missingErr != nil {
		return unknownText
	}
	var names []string
	count := 0
	for i := range d.missing.Rows {
		p := &d.missing.Rows[i]
		if !p.Severity.Valid || p.Severity.Value != 4 {
			continue
		}
		count++
		if len(names) < 5 {
			names = append(names, patchName(p))
		}
	}
	switch {
	case count == 0:
		return "none"
	case count > len(names):
		names = append(names, fmt.Sprintf("and %d more", count-len(names)))
	}
	return strings.Join(names, "; ")
}

// patchName renders a patch for the ticket: its title, else its file name or bulletin.
func patchName(p *api.SystemPatch) string {
	title := string(p.Title)
	if title == "" {
		title = string(p.FileName)
	}
	if p.BulletinID != "" && title == "" {
		title = string(p.BulletinID)
	}
	if title == "" {
		title = fmt.Sprintf("patch %d", p.PatchID.Value)
	}
	return title
}

// neverScanned reports whether PMP reports that it never scanned the computer.
func neverScanned(d *computerData) bool {
	scan, ok := scanState(d)
	return ok && scan.never()
}

// ticketReboot counts the missing patches whose installation needs a reboot. PMP reports
// this per patch (patch_noreboot), not whether the computer has a reboot pending, so the
// line reports only what the patches need.
func ticketReboot(d *computerData) string {
	if neverScanned(d) {
		return notScannedText
	}
	if d.missingErr != nil {
		return unknownText
	}
	rows := d.missing.Rows
	if d.missing.Total == 0 || len(rows) == 0 {
		return "none (PMP lists no missing patches)"
	}
	reboot, unknown := 0, 0
	for i := range rows {
		switch {
		case !rows[i].RebootRequired.Valid:
			unknown++
		case rows[i].RebootRequired.Value:
			reboot++
		}
	}
	text := fmt.Sprintf("%d of %d", reboot, len(rows))
	if len(rows) < d.missing.Total {
		text = fmt.Sprintf("%d of the first %d of %d", reboot, len(rows), d.missing.Total)
	}
	if unknown > 0 {
		text += fmt.Sprintf(", unknown for %d", unknown)
	}
	return text
}

// ticketTime renders a time for the ticket with its zone, such as
// "2 Dec 2026 14:02 UTC (3 days ago)".
func ticketTime(t api.Time, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	local := t.In(now.Location())
	return local.Format("2 Jan 2006 15:04 MST") + " (" + relative(local, now) + ")"
}

// absoluteURL returns the portal's address of path: under the configured public URL when
// there is one, else as the browser reached it. A Host header that is not a plain
// host[:port] gives the path alone.
func (h *Handler) absoluteURL(c echo.Context, path string) string {
	if h.publicURL != "" {
		return strings.TrimSuffix(h.publicURL, "/") + path
	}
	scheme := c.Scheme() // https behind a TLS proxy that sets X-Forwarded-Proto
	if scheme != "https" {
		scheme = "http"
	}
	host := c.Request().Host
	if host == "" || strings.ContainsAny(host, "/\\@?# \t") || hasControl(host) {
		return path
	}
	return (&url.URL{Scheme: scheme, Host: host, Path: path}).String()
}
