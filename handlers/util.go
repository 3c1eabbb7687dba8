package handlers

import (
	"strconv"
	"strings"

	"patchdesk/api"
)

func itoa(n int) string { return strconv.Itoa(n) }

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// idText renders a PMP id, or "" when PMP gave none.
func idText(id api.Int) string {
	if !id.Valid {
		return ""
	}
	return strconv.FormatInt(id.Value, 10)
}

func computerHref(id api.Int) string {
	if !id.Valid {
		return ""
	}
	return "/computers/" + idText(id)
}

func patchHref(id api.Int) string {
	if !id.Valid {
		return ""
	}
	return "/patches/" + idText(id)
}
