package handlers

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"patchdesk/api"
)

// pageSizes are the page sizes a table offers. PMP caps a page at 1000 rows.
var pageSizes = []int{25, 50, 100, 250}

const (
	defaultPageSize = 25
	maxPage         = 100_000
	maxSearchLength = 200
)

// searchColumn is a column users can search in: its URL value, PMP's column and a label.
type searchColumn struct {
	param, pmp, label string
}

// filterChoice is one allowed value of a filter: its URL value, PMP's value and a label.
type filterChoice struct {
	value, pmp, label string
}

// filterSpec is a filter of a table. With dynamic set, its choices come from PMP's
// server properties at request time and any value of safe characters is accepted.
type filterSpec struct {
	param, pmp, label string
	choices           []filterChoice
	dynamic           string // "domains", "branch_offices" or "custom_groups"
}

// tableState is everything about a table view that lives in its URL.
type tableState struct {
	col     string
	q       string
	filters map[string]string // filter param -> URL value
	page    int
	size    int
	sort    string
	dir     string
}

// ParamError is an invalid request parameter. Its message names the parameter and is safe
// to show to the user.
type ParamError struct{ Message string }

func (e *ParamError) Error() string { return e.Message }

func invalidParam(format string, args ...any) error {
	return &ParamError{Message: fmt.Sprintf(format, args...)}
}

// parseTableState validates the table's query parameters against the allow-lists of the
// table, so that no raw value reaches PMP.
func parseTableState(search []searchColumn, filters []filterSpec, sorts map[string]string,
	v url.Values) (tableState, error) {
	s := tableState{filters: map[string]string{}, page: 1, size: defaultPageSize, dir: "asc"}
	var err error
	if s.col, s.q, err = parseSearch(search, v); err != nil {
		return s, err
	}
	for _, f := range filters {
		value := strings.TrimSpace(v.Get(f.param))
		if value == "" {
			continue
		}
		if _, ok := f.pmpValue(value); !ok {
			return s, invalidParam("Invalid %s filter %q: choose a value from the list.",
				f.label, value)
		}
		s.filters[f.param] = value
	}
	if s.page, err = parseBounded(v.Get("page"), "page", 1, 1, maxPage); err != nil {
		return s, err
	}
	if s.size, err = parsePageSize(v.Get("size")); err != nil {
		return s, err
	}
	s.sort, s.dir, err = parseSort(sorts, v.Get("sort"), v.Get("dir"))
	return s, err
}

func parseSearch(search []searchColumn, v url.Values) (string, string, error) {
	q := strings.TrimSpace(v.Get("q"))
	if !validSearchText(q) {
		return "", "", invalidParam("Invalid search text: use at most %d characters and no "+
			"control characters.", maxSearchLength)
	}
	col := v.Get("col")
	if len(search) == 0 {
		return "", "", nil
	}
	if col == "" {
		return search[0].param, q, nil
	}
	for _, s := range search {
		if s.param == col {
			return col, q, nil
		}
	}
	return "", "", invalidParam("Invalid search column %q: choose a column from the list.", col)
}

func parseBounded(raw, name string, def, low, high int) (int, error) {
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < low || n > high {
		return 0, invalidParam("Invalid %s %q: use a whole number from %d to %d.", name, raw,
			low, high)
	}
	return n, nil
}

func parsePageSize(raw string) (int, error) {
	if raw == "" {
		return defaultPageSize, nil
	}
	for _, size := range pageSizes {
		if strconv.Itoa(size) == raw {
			return size, nil
		}
	}
	return 0, invalidParam("Invalid page size %q: use 25, 50, 100 or 250.", raw)
}

func parseSort(sorts map[string]string, sort, dir string) (string, string, error) {
	if dir == "" {
		dir = "asc"
	}
	if dir != "asc" && dir != "desc" {
		return "", "", invalidParam("Invalid sort direction %q: use asc or desc.", dir)
	}
	if sort == "" {
		return "", dir, nil
	}
	if _, ok := sorts[sort]; !ok {
		return "", "", invalidParam("Invalid sort column %q: PMP cannot sort by it.", sort)
	}
	return sort, dir, nil
}

// pmpValue maps a filter's URL value to the value PMP expects.
func (f filterSpec) pmpValue(value string) (string, bool) {
	if f.dynamic != "" {
		return value, safeName(value)
	}
	for _, c := range f.choices {
		if c.value == value {
			return c.pmp, true
		}
	}
	return "", false
}

// safeName accepts the names of domains, offices and groups: letters, digits, spaces and
// a few separators, up to 128 bytes.
func safeName(s string) bool {
	if len(s) > 128 {
		return false
	}
	for _, r := range s {
		if !nameRune(r) {
			return false
		}
	}
	return !hasControl(s)
}

func nameRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f ||
		strings.ContainsRune(" .-_&()", r)
}

// query returns the PMP query for the state.
func (s tableState) query(search []searchColumn, filters []filterSpec,
	sorts map[string]string) api.Query {
	q := api.Query{Page: s.page, PageLimit: s.size}
	if s.q != "" {
		for _, c := range search {
			if c.param == s.col {
				q.SearchColumn, q.SearchValue = c.pmp, s.q
			}
		}
	}
	for _, f := range filters {
		if value, ok := s.filters[f.param]; ok {
			pmp, _ := f.pmpValue(value)
			if q.Filters == nil {
				q.Filters = map[string]string{}
			}
			q.Filters[f.pmp] = pmp
		}
	}
	if s.sort != "" {
		q.OrderBy, q.SortOrder = sorts[s.sort], strings.ToUpper(s.dir)
	}
	return q
}

// encode returns the state as a query string in a fixed order, leaving out defaults, so
// equal states have equal URLs.
func (s tableState) encode(filters []filterSpec) string {
	var b strings.Builder
	add := func(key, value string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(value))
	}
	if s.q != "" {
		add("col", s.col)
		add("q", s.q)
	}
	for _, f := range filters {
		if value, ok := s.filters[f.param]; ok {
			add(f.param, value)
		}
	}
	if s.sort != "" {
		add("sort", s.sort)
		add("dir", s.dir)
	}
	if s.size != defaultPageSize {
		add("size", strconv.Itoa(s.size))
	}
	if s.page != 1 {
		add("page", strconv.Itoa(s.page))
	}
	return b.String()
}

// href returns the URL of the table at path in this state.
func (s tableState) href(path string, filters []filterSpec) string {
	if qs := s.encode(filters); qs != "" {
		return path + "?" + qs
	}
	return path
}

// validSearchText accepts search text of at most maxSearchLength characters (not bytes,
// so non-ASCII names fit too) without control characters.
func validSearchText(q string) bool {
	return utf8.ValidString(q) && utf8.RuneCountInString(q) <= maxSearchLength && !hasControl(q)
}
