package views

import "strconv"

// WaitText renders a wait in whole minutes, or seconds under a minute, such as
// "45 seconds" or "5 minutes".
func WaitText(seconds int) string {
	if seconds < 60 {
		return CountText(seconds, "second")
	}
	return CountText((seconds+59)/60, "minute")
}

// CountText renders a count with its unit, such as "1 session" or "3 sessions".
func CountText(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func rangeText(p Pager) string {
	if p.Total == 0 {
		return "no rows"
	}
	if p.First > p.Total {
		return "no rows on this page, " + strconv.Itoa(p.Total) + " in all"
	}
	return "rows " + strconv.Itoa(p.First) + "–" + strconv.Itoa(p.Last) + " of " + strconv.Itoa(p.Total)
}

func ariaSort(dir string) string {
	switch dir {
	case "asc":
		return "ascending"
	case "desc":
		return "descending"
	}
	return "none"
}

func sortMark(dir string) string {
	switch dir {
	case "asc":
		return " ▲"
	case "desc":
		return " ▼"
	}
	return ""
}

func cellClass(c Cell) string {
	class := ""
	if c.Badge != "" {
		class = "badge badge-" + c.Badge
	}
	if c.Muted {
		class += " muted"
	}
	return class
}
