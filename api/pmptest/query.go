package pmptest

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Paging defaults and limits.
const (
	defaultPageLimit = 25
	maxPageLimit     = 1000
)

// params holds query parameters by lower-case name, because PMP's documentation spells
// filter names in several cases (branchofficeFilter, liveStatusfilter). The first value of a
// repeated parameter wins.
type params map[string]string

func newParams(q url.Values) params {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	p := make(params, len(q))
	for _, k := range keys {
		lower := strings.ToLower(k)
		if _, seen := p[lower]; !seen && len(q[k]) > 0 {
			p[lower] = q[k][0]
		}
	}
	return p
}

// get returns the trimmed value of name; an empty value counts as absent.
func (p params) get(name string) (string, bool) {
	v := strings.TrimSpace(p[name])
	return v, v != ""
}

// apiError is a request error reported in the error envelope.
type apiError struct {
	code        string
	description string
}

func invalidParam(description string) *apiError {
	return &apiError{code: codeInvalidParam, description: description}
}

// intParam parses an integer parameter. A malformed value is an error.
func (p params) intParam(name string) (int64, bool, *apiError) {
	v, ok := p.get(name)
	if !ok {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, false, invalidParam("Invalid value for " + name + ": expected an integer")
	}
	return n, true, nil
}

// listQuery is the paging, search and sort part of a list request.
type listQuery struct {
	page, limit  int
	searchColumn string
	searchValue  string // lower case
	orderBy      string
	descending   bool
}

// parseListQuery reads page, pagelimit, searchtype/searchcolumn/searchvalue, orderby and
// sortorder. Search applies only when all three search parameters are set. searchtype may
// be the column name or a match kind such as "contains". Matching is always a
// case-insensitive substring match.
func parseListQuery(p params) (listQuery, *apiError) {
	q := listQuery{page: 1, limit: defaultPageLimit}
	if n, ok, err := p.intParam("page"); err != nil {
		return q, err
	} else if ok {
		if n < 1 {
			return q, invalidParam("Invalid value for page: pages start at 1")
		}
		q.page = int(min(n, 1<<30))
	}

	if n, ok, err := p.intParam("pagelimit"); err != nil {
		return q, err
	} else if ok {
		if n < 1 {
			return q, invalidParam("Invalid value for pagelimit: expected 1 to 1000")
		}
		q.limit = int(min(n, maxPageLimit))
	}

	_, hasType := p.get("searchtype")
	column, hasColumn := p.get("searchcolumn")
	value, hasValue := p.get("searchvalue")
	if hasType && hasColumn && hasValue {
		q.searchColumn, q.searchValue = strings.ToLower(column), strings.ToLower(value)
	}
	return q, parseSort(p, &q)
}

func parseSort(p params, q *listQuery) *apiError {
	column, ok := p.get("orderby")
	if !ok {
		return nil
	}
	q.orderBy = strings.ToLower(column)

	switch order, _ := p.get("sortorder"); strings.ToUpper(order) {
	case "", "ASC":
	case "DESC":
		q.descending = true
	default:
		return invalidParam("Invalid value for sortorder: expected ASC or DESC")
	}
	return nil
}
