package pmptest

func policyCol(name string, get func(p *deployPolicy) any) column[int32] {
	return column[int32]{name, func(e *estate, i int32) any { return get(&e.policies[i]) }}
}

// deploymentPoliciesSpec lists the fields of patch/deploymentpolicies records.
var deploymentPoliciesSpec = &listSpec[int32]{paged: true, columns: []column[int32]{
	policyCol("template_id", func(p *deployPolicy) any { return p.id }),
	policyCol("template_name", func(p *deployPolicy) any { return p.name }),
	policyCol("user_id", func(p *deployPolicy) any { return p.userID }),
	policyCol("first_name", func(p *deployPolicy) any { return p.creator }),
	policyCol("customer_id", func(*deployPolicy) any { return 1 }),
	policyCol("creation_time", func(p *deployPolicy) any { return p.created }),
	policyCol("modified_time", func(p *deployPolicy) any { return p.modified }),
	policyCol("is_template_alive", func(p *deployPolicy) any { return p.alive }),
	policyCol("set_as_default", func(p *deployPolicy) any { return p.isDefault }),
}}

// deploymentPolicies serves patch/deploymentpolicies.
func (s *Server) deploymentPolicies(c *call) response {
	rows := make([]int32, len(s.estate.policies))
	for i := range rows {
		rows[i] = int32(i)
	}
	return serveList(s, c, deploymentPoliciesSpec, rows)
}

func configCol(name string, get func(cf *deployConfig) any) column[int32] {
	return column[int32]{name, func(e *estate, i int32) any { return get(&e.configs[i]) }}
}

// viewConfigSpec lists the fields of patch/viewconfig records.
var viewConfigSpec = &listSpec[int32]{paged: true, columns: []column[int32]{
	configCol("config_id", func(cf *deployConfig) any { return cf.id }),
	configCol("collection_id", func(cf *deployConfig) any { return cf.id }),
	configCol("collection_name", func(cf *deployConfig) any { return cf.name }),
	configCol("config_status", func(cf *deployConfig) any { return cf.status }),
	configCol("total_target_count", func(cf *deployConfig) any { return cf.targets }),
	configCol("os_platform_name", func(cf *deployConfig) any {
		return platformNames[cf.platform]
	}),
	configCol("collection_platform_id", func(cf *deployConfig) any { return cf.platform }),
	configCol("created_time", func(cf *deployConfig) any { return cf.created }),
	configCol("modified_time", func(cf *deployConfig) any { return cf.modified }),
}}

// viewConfig serves patch/viewconfig. configstatusfilter takes a status name such as
// InProgress. The domain and branch office filters keep configurations that target the
// domain or office, including those that target every domain or office.
func (s *Server) viewConfig(c *call) response {
	keep := s.configFilter(c.params)
	var rows []int32
	for i := range s.estate.configs {
		if keep(&s.estate.configs[i]) {
			rows = append(rows, int32(i))
		}
	}
	return serveList(s, c, viewConfigSpec, rows)
}

func (s *Server) configFilter(p params) func(cf *deployConfig) bool {
	status, hasStatus := p.get("configstatusfilter")
	domain, hasDomain := p.get("domainfilter")
	office, hasOffice := p.get("branchofficefilter")
	d, o := s.lookupName(domainNames, domain), s.lookupName(officeNames, office)
	return func(cf *deployConfig) bool {
		switch {
		case hasStatus && !s.textEquals(cf.status, status):
			return false
		case hasDomain && (d < 0 || cf.domain >= 0 && cf.domain != d):
			return false
		case hasOffice && (o < 0 || cf.office >= 0 && cf.office != o):
			return false
		}
		return true
	}
}
