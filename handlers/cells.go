package handlers

import (
	"strconv"
	"time"

	"patchdesk/api"
	"patchdesk/views"
)

// textCell shows PMP text, or a muted "unknown" when PMP gave none.
func textCell(t api.Text) views.Cell {
	if t == "" {
		return views.Cell{Text: "unknown", Muted: true}
	}
	return views.Cell{Text: string(t)}
}

// linkCell shows PMP text as a link, or a muted "unknown" without a link.
func linkCell(t api.Text, href string) views.Cell {
	c := textCell(t)
	if !c.Muted {
		c.Href = href
	}
	return c
}

// intCell shows a count, or a muted "unknown" when PMP gave none.
func intCell(n api.Int) views.Cell {
	if !n.Valid || n.Value < 0 {
		return views.Cell{Text: "unknown", Muted: true}
	}
	return views.Cell{Text: strconv.FormatInt(n.Value, 10)}
}

// countCell shows a count that links to the rows it counts.
func countCell(n api.Int, href string) views.Cell {
	c := intCell(n)
	if !c.Muted && href != "" {
		c.Href = href
	}
	return c
}

// timeCell shows a PMP time as a date with its age, such as "2 Dec 2026 14:02 · 3 days
// ago". A zero time shows as never, which is what PMP's -1 and missing values mean.
func timeCell(t api.Time, now time.Time, never string) views.Cell {
	if t.IsZero() {
		return views.Cell{Text: never, Muted: true}
	}
	local := t.In(now.Location())
	// Appending into stack buffers leaves one allocation per string: tables show two
	// times on each of up to 250 rows.
	var text, title [64]byte
	b := local.AppendFormat(text[:0], "2 Jan 2006 15:04")
	b = append(b, " · "...)
	b = appendRelative(b, local, now)
	return views.Cell{Text: string(b), Title: string(local.AppendFormat(title[:0], time.RFC3339))}
}

// relative renders the age of t, such as "3 days ago" or "in 2 hours".
func relative(t, now time.Time) string {
	return string(appendRelative(nil, t, now))
}

func appendRelative(b []byte, t, now time.Time) []byte {
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	if d < time.Minute {
		return append(b, "just now"...)
	}
	n, unit := ageUnit(d)
	if future {
		b = append(b, "in "...)
	}
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	b = append(b, unit...)
	if n != 1 {
		b = append(b, 's')
	}
	if !future {
		b = append(b, " ago"...)
	}
	return b
}

// ageUnit returns d in the largest unit that keeps the number readable.
func ageUnit(d time.Duration) (int, string) {
	switch {
	case d < time.Hour:
		return int(d / time.Minute), "minute"
	case d < 48*time.Hour:
		return int(d / time.Hour), "hour"
	case d < 60*24*time.Hour:
		return int(d / (24 * time.Hour)), "day"
	case d < 730*24*time.Hour:
		return int(d / (30 * 24 * time.Hour)), "month"
	default:
		return int(d / (365 * 24 * time.Hour)), "year"
	}
}

// badgeCell shows a coded value as a word in a badge of the given style.
func badgeCell(label string, known bool, style string) views.Cell {
	if !known {
		return views.Cell{Text: label, Badge: "muted"}
	}
	return views.Cell{Text: label, Badge: style}
}

// Badge styles by PMP code. They are package variables because a map literal inside a
// cell function would build a new map for every cell of every page.
var (
	healthBadges   = map[int64]string{0: "muted", 1: "ok", 2: "warn", 3: "bad"}
	severityBadges = map[int64]string{0: "muted", 1: "info", 2: "info", 3: "warn", 4: "bad"}
	liveBadges     = map[int64]string{1: "ok", 2: "bad", 3: "muted"}
	installBadges  = map[int64]string{21: "warn", 22: "ok", 23: "muted", 24: "muted", 29: "bad",
		31: "bad"}
	approvalBadges    = map[int64]string{211: "ok", 0: "muted", 210: "muted", 212: "bad"}
	patchStatusBadges = map[int64]string{201: "ok", 202: "warn", 206: "bad"}
	scanBadges        = map[int64]string{226: "bad", 227: "info", 228: "ok", 229: "muted"}
)

func healthCell(s api.HealthStatus) views.Cell {
	return badgeCell(s.Label(), s.Known(), healthBadges[s.Value])
}

func severityCell(s api.Severity) views.Cell {
	return badgeCell(s.Label(), s.Known(), severityBadges[s.Value])
}

func liveCell(s api.LiveStatus) views.Cell {
	return badgeCell(s.Label(), s.Known(), liveBadges[s.Value])
}

func installCell(s api.InstallStatus) views.Cell {
	return badgeCell(s.Label(), s.Known(), installBadges[s.Value])
}

func approvalCell(s api.ApprovalStatus) views.Cell {
	return badgeCell(s.Label(), s.Known(), approvalBadges[s.Value])
}

func patchStatusCell(s api.PatchStatus) views.Cell {
	return badgeCell(s.Label(), s.Known(), patchStatusBadges[s.Value])
}

func scanCell(s api.ScanStatus) views.Cell {
	return badgeCell(s.Label(), s.Known(), scanBadges[s.Value])
}

func platformCell(p api.Platform) views.Cell {
	if !p.Known() {
		return views.Cell{Text: p.Label(), Muted: true}
	}
	return views.Cell{Text: p.Label()}
}

func boolCell(b api.Bool, yes, no string) views.Cell {
	if !b.Valid {
		return views.Cell{Text: "unknown", Muted: true}
	}
	if b.Value {
		return views.Cell{Text: yes}
	}
	return views.Cell{Text: no}
}
