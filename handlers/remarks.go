package handlers

import (
	"regexp"
	"strings"

	"patchdesk/api"
	"patchdesk/views"
)

// i18nKey matches PMP's localisation keys, such as "dc.patch.install.success", which PMP
// sends in remark fields in place of text.
var i18nKey = regexp.MustCompile(`^dc(\.[A-Za-z0-9_]+)+$`)

// remarkText turns a PMP localisation key into words, such as "Patch install success"
// for "dc.patch.install.success". Other text is returned unchanged. patchdesk has no copy
// of PMP's translation tables, so the words come from the key itself.
func remarkText(s string) string {
	if !i18nKey.MatchString(s) {
		return s
	}
	var words []string
	for _, part := range strings.Split(s, ".")[1:] {
		if part == "db" || part == "common" || part == "config" {
			continue
		}
		words = append(words, strings.ToLower(strings.ReplaceAll(part, "_", " ")))
	}
	text := strings.Join(words, " ")
	if text == "" {
		return s
	}
	return strings.ToUpper(text[:1]) + text[1:]
}

// remarkCell shows a PMP remark in words, with the original key as the tooltip.
func remarkCell(t api.Text) views.Cell {
	c := textCell(t)
	if c.Muted {
		return c
	}
	if text := remarkText(string(t)); text != string(t) {
		c.Text, c.Title = text, string(t)
	}
	return c
}
