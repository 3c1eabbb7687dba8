package api

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// PMP paging limits: pages are 1-based, 25 rows by default, at most 1000 per request.
const (
	DefaultPageLimit = 25
	MaxPageLimit     = 1000
)

// Query holds the paging, search, sort and filter parameters of a list call.
type Query struct {
	// Page is the 1-based page number; 0 omits it, so PMP returns page 1.
	Page int

	// PageLimit is the number of rows per page, at most MaxPageLimit; 0 omits it, so PMP
	// returns DefaultPageLimit rows.
	PageLimit int

	// SearchColumn and SearchValue are sent as searchtype=<column>&searchcolumn=<column>
	// &searchvalue=<value> when both are set; PMP expects searchtype to repeat the column.
	SearchColumn, SearchValue string

	// OrderBy is a response field name sent as orderby; SortOrder is "ASC" or "DESC"
	// (any case) or empty.
	OrderBy, SortOrder string

	// Filters are sent as given, for example "healthfilter": "3" or
	// "domainfilter": "CORP". They must not repeat the parameters above.
	Filters map[string]string
}

// Page is one page of a list endpoint.
type Page[T any] struct {
	Total int // rows matching the query on all pages
	Limit int // rows per page; the requested value (or 25) when PMP omits it
	Page  int // 1-based page number; the requested value (or 1) when PMP omits it
	Rows  []T
}

// reservedParams are set from Query fields or method arguments, never from Filters.
var reservedParams = map[string]bool{
	"page": true, "pagelimit": true, "searchtype": true, "searchcolumn": true,
	"searchvalue": true, "orderby": true, "sortorder": true,
}

// values encodes q as query parameters.
func (q Query) values() (url.Values, error) {
	v := url.Values{}
	for key, value := range q.Filters {
		if reservedParams[strings.ToLower(key)] {
			return nil, fmt.Errorf("api: filter %q repeats a paging, search or sort parameter; "+
				"set the Query field instead", key)
		}
		v.Set(key, value)
	}

	if err := q.addPaging(v); err != nil {
		return nil, err
	}

	if q.SearchColumn != "" && q.SearchValue != "" {
		v.Set("searchtype", q.SearchColumn)
		v.Set("searchcolumn", q.SearchColumn)
		v.Set("searchvalue", q.SearchValue)
	}
	return v, q.addSort(v)
}

func (q Query) addPaging(v url.Values) error {
	if q.Page < 0 {
		return fmt.Errorf("api: invalid page %d, pages start at 1", q.Page)
	}
	if q.PageLimit < 0 || q.PageLimit > MaxPageLimit {
		return fmt.Errorf("api: invalid page limit %d, use 1 to %d", q.PageLimit, MaxPageLimit)
	}

	if q.Page > 0 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if q.PageLimit > 0 {
		v.Set("pagelimit", strconv.Itoa(q.PageLimit))
	}
	return nil
}

func (q Query) addSort(v url.Values) error {
	order := strings.ToUpper(strings.TrimSpace(q.SortOrder))
	if order != "" && order != "ASC" && order != "DESC" {
		return fmt.Errorf("api: invalid sort order %q, use ASC or DESC", q.SortOrder)
	}

	if q.OrderBy != "" {
		v.Set("orderby", q.OrderBy)
	}
	if order != "" {
		v.Set("sortorder", order)
	}
	return nil
}

// newPage reads total, limit and page from a list payload and converts the rows. A
// missing or non-numeric total is an error, because paging and counts depend on it.
func newPage[W, T any](endpoint string, p *listPayload[W], wires []W, q Query,
	convert func(*W) T) (*Page[T], error) {
	if !p.Total.Valid || p.Total.Value < 0 {
		return nil, badResponse(endpoint, "missing or invalid \"total\" in message_response")
	}

	page := &Page[T]{
		Total: int(p.Total.Value),
		Limit: pageNumber(p.Limit, q.PageLimit, DefaultPageLimit),
		Page:  pageNumber(p.Page, q.Page, 1),
		Rows:  make([]T, len(wires)),
	}
	for i := range wires {
		page.Rows[i] = convert(&wires[i])
	}
	return page, nil
}

// pageNumber returns a positive paging value from the payload, else the requested value,
// else the PMP default.
func pageNumber(n Int, requested, fallback int) int {
	if n.Valid && n.Value > 0 {
		return int(n.Value)
	}
	if requested > 0 {
		return requested
	}
	return fallback
}
