package pmptest

import (
	"slices"
	"strconv"
	"strings"
)

// filterSet is the conjunction of a request's filters over one kind of record. A filter
// whose value names nothing that exists (an unknown domain, health code 7) makes the
// result empty rather than an error, like PMP.
type filterSet[T any] struct {
	preds []func(T) bool
	empty bool
}

func (f *filterSet[T]) add(pred func(T) bool) {
	f.preds = append(f.preds, pred)
}

func (f *filterSet[T]) keep(v T) bool {
	if f.empty {
		return false
	}
	for _, pred := range f.preds {
		if !pred(v) {
			return false
		}
	}
	return true
}

// active reports whether any filter was given.
func (f *filterSet[T]) active() bool {
	return f.empty || len(f.preds) > 0
}

// Filter names accepted by the computer lists.
var (
	scopeFilters   = []string{"domainfilter", "branchofficefilter", "customgroupfilter"}
	systemsFilters = slices.Concat(scopeFilters, []string{"platformfilter", "resid",
		"healthfilter", "livestatusfilter"})
	scanFilters     = slices.Concat(systemsFilters, []string{"agentinstallationstatusfilter"})
	detailFilters   = slices.Concat(scopeFilters, []string{"platformfilter"})
	computerFilters = slices.Concat(scopeFilters, []string{"platformfilter", "resid",
		"residfilter", "livestatusfilter", "installstatusfilter", "fqdnfilter",
		"computernamefilter"})
)

// computerFilter builds the filters in names from the request parameters.
func (s *Server) computerFilter(p params, names []string) (*filterSet[*computer], *apiError) {
	f := &filterSet[*computer]{}
	for _, name := range names {
		if v, ok := p.get(name); ok {
			if err := s.addComputerFilter(f, name, v); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

func (s *Server) addComputerFilter(f *filterSet[*computer], name, v string) *apiError {
	switch name {
	case "domainfilter", "branchofficefilter", "customgroupfilter", "platformfilter":
		s.addNameFilter(f, name, v)
		return nil
	case "fqdnfilter":
		needle := strings.ToLower(v)
		f.add(func(c *computer) bool { return s.textContains(fqdn(c), needle) })
		return nil
	case "computernamefilter":
		needle := strings.ToLower(v)
		f.add(func(c *computer) bool { return s.textContains(c.name, needle) })
		return nil
	}

	n, err := parseFilterInt(name, v)
	if err != nil {
		return err
	}
	switch name {
	case "resid", "residfilter":
		f.add(func(c *computer) bool { return c.id == n })
	case "healthfilter":
		f.add(func(c *computer) bool { return int64(c.health) == n })
	case "livestatusfilter":
		f.add(func(c *computer) bool { return int64(c.live) == n })
	default: // installstatusfilter, agentinstallationstatusfilter
		f.add(func(c *computer) bool { return int64(c.install) == n })
	}
	return nil
}

// addNameFilter adds a filter whose value names a domain, office, custom group or platform.
func (s *Server) addNameFilter(f *filterSet[*computer], name, v string) {
	var idx int
	switch name {
	case "domainfilter":
		idx = s.lookupName(domainNames, v)
		f.add(func(c *computer) bool { return int(c.domain) == idx })
	case "branchofficefilter":
		idx = s.lookupName(officeNames, v)
		f.add(func(c *computer) bool { return int(c.office) == idx })
	case "customgroupfilter":
		idx = s.lookupName(groupNames, v)
		f.add(func(c *computer) bool { return c.groups&(1<<idx) != 0 })
	case "platformfilter":
		idx = lookupPlatform(v)
		f.add(func(c *computer) bool { return c.platform() == idx })
	}
	if idx < 0 {
		f.empty = true
	}
}

// lookupName returns the index of the name v in names, or -1.
func (s *Server) lookupName(names []string, v string) int {
	for i, name := range names {
		if s.textEquals(name, v) {
			return i
		}
	}
	return -1
}

// lookupPlatform returns the platform code for a name (Windows, Mac, Linux) or a code
// (1, 2, 3), or -1.
func lookupPlatform(v string) int {
	for code, name := range platformNames {
		if name != "" && (strings.EqualFold(name, v) || v == strconv.Itoa(code)) {
			return code
		}
	}
	return -1
}

func parseFilterInt(name, v string) (int64, *apiError) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, invalidParam("Invalid value for " + name + ": expected an integer")
	}
	return n, nil
}

// patchFilter builds the filters over patches in names from the request parameters.
func (s *Server) patchFilter(p params, names ...string) (*filterSet[*patch], *apiError) {
	f := &filterSet[*patch]{}
	for _, name := range names {
		v, ok := p.get(name)
		if !ok {
			continue
		}
		if err := s.addPatchFilter(f, name, v); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func (s *Server) addPatchFilter(f *filterSet[*patch], name, v string) *apiError {
	switch name {
	case "bulletinid":
		f.add(func(p *patch) bool { return strings.EqualFold(p.bulletin, v) })
		return nil
	case "platformfilter":
		code := lookupPlatform(v)
		f.add(func(p *patch) bool { return p.platform == code })
		return nil
	}

	n, err := parseFilterInt(name, v)
	if err != nil {
		return err
	}
	switch name {
	case "patchid":
		f.add(func(p *patch) bool { return p.id == n })
	case "severityfilter":
		f.add(func(p *patch) bool { return int64(p.severity) == n })
	case "approvalstatusfilter":
		if n == approvalLegacy {
			n = approvalNone
		}
		f.add(func(p *patch) bool { return int64(p.approval) == n })
	}
	return nil
}

// statusFilter parses patchstatusfilter: 0 when absent, else the requested status code.
func statusFilter(p params) (int64, *apiError) {
	n, _, err := p.intParam("patchstatusfilter")
	return n, err
}
