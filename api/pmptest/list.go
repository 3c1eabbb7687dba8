package pmptest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// column is one member of a list record. get returns a string, int64, int, bool or nil.
type column[R any] struct {
	name string
	get  func(e *estate, r R) any
}

// listSpec describes a list endpoint's records.
type listSpec[R any] struct {
	columns []column[R]
	// paged adds limit and page next to total. The allpatches, allpatchdetails and
	// systemreport samples show only total, so those endpoints omit them.
	paged bool
	// version overrides message_version.
	version string
	// responseCode adds "response_code": 200 after status, as some PMP samples show.
	responseCode bool
}

func (spec *listSpec[R]) column(name string) (column[R], bool) {
	for _, col := range spec.columns {
		if col.name == name {
			return col, true
		}
	}
	return column[R]{}, false
}

// serveList applies search, sort and paging to rows, which are already filtered, and
// encodes the page.
func serveList[R any](s *Server, c *call, spec *listSpec[R], rows []R) response {
	q, err := parseListQuery(c.params)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}

	rows, err = searchRows(s, spec, q, rows)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}
	rows, err = sortRows(s.estate, spec, q, rows)
	if err != nil {
		return s.fail(c, 200, err.code, err.description)
	}

	total := len(rows)
	start := min(total, (q.page-1)*q.limit)
	page := rows[start:min(total, start+q.limit)]
	payload := obj{{"total", total}}
	if spec.paged {
		payload = append(payload, kv{"limit", q.limit}, kv{"page", q.page})
	}
	payload = append(payload, kv{c.msgType, encodeRows(s.estate, spec, page)})
	if spec.responseCode {
		return s.success(c, payload, spec.version, kv{"response_code", 200})
	}
	return s.success(c, payload, spec.version)
}

// encodeRows returns a writer for the JSON array of the page's records.
func encodeRows[R any](e *estate, spec *listSpec[R], page []R) rowsFunc {
	return func(w *jsonWriter) {
		w.buf = append(w.buf, '[')
		for i, r := range page {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.buf = append(w.buf, '{')
			for j, col := range spec.columns {
				w.member(j, col.name, col.get(e, r))
			}
			w.buf = append(w.buf, '}')
		}
		w.buf = append(w.buf, ']')
	}
}

func searchRows[R any](s *Server, spec *listSpec[R], q listQuery, rows []R) ([]R, *apiError) {
	if q.searchColumn == "" {
		return rows, nil
	}
	col, ok := spec.column(q.searchColumn)
	if !ok {
		return nil, invalidParam("Invalid search column " + strconv.Quote(q.searchColumn))
	}

	out := make([]R, 0, len(rows)/4)
	for _, r := range rows {
		if s.textContains(valueText(col.get(s.estate, r)), q.searchValue) {
			out = append(out, r)
		}
	}
	return out, nil
}

// valueText returns the text a client sees for a value; numbers compare as their digits.
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// sortKey orders numbers numerically before text, and text case-insensitively.
type sortKey struct {
	text  string
	num   int64
	isNum bool
}

func keyOf(v any) sortKey {
	switch x := v.(type) {
	case int64:
		return sortKey{num: x, isNum: true}
	case int:
		return sortKey{num: int64(x), isNum: true}
	case bool:
		if x {
			return sortKey{num: 1, isNum: true}
		}
		return sortKey{isNum: true}
	}
	return sortKey{text: strings.ToLower(valueText(v))}
}

func compareKeys(a, b sortKey) int {
	switch {
	case a.isNum && b.isNum:
		return cmp.Compare(a.num, b.num)
	case a.isNum:
		return -1
	case b.isNum:
		return 1
	}
	return strings.Compare(a.text, b.text)
}

// sortRows sorts stably by the orderby column, so equal keys keep the default order.
func sortRows[R any](e *estate, spec *listSpec[R], q listQuery, rows []R) ([]R, *apiError) {
	if q.orderBy == "" {
		return rows, nil
	}
	col, ok := spec.column(q.orderBy)
	if !ok {
		return nil, invalidParam("Invalid orderby column " + strconv.Quote(q.orderBy))
	}

	type keyed struct {
		key sortKey
		row R
	}
	items := make([]keyed, len(rows))
	for i, r := range rows {
		items[i] = keyed{keyOf(col.get(e, r)), r}
	}
	slices.SortStableFunc(items, func(a, b keyed) int {
		if q.descending {
			return compareKeys(b.key, a.key)
		}
		return compareKeys(a.key, b.key)
	})

	out := make([]R, len(items))
	for i, it := range items {
		out[i] = it.row
	}
	return out, nil
}
