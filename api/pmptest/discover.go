package pmptest

import (
	"strings"
)

// Server facts reported by desktop/discover.
const (
	serverBuild   = "114251"
	serverAddress = "10.20.0.15"
)

// discover serves desktop/discover, which needs no token.
func (s *Server) discover(c *call) response {
	var domains []string
	for _, d := range domainNames {
		if d != "WORKGROUP" {
			domains = append(domains, strings.ToLower(d))
		}
	}
	payload := obj{{"discover", obj{
		{"server_data", obj{
			{"license_type", "R"},
			{"base_language", "en_US"},
			{"server_ip", serverAddress},
			{"is_msp", false},
			{"sec_ip", serverAddress},
			{"build_no", serverBuild},
		}},
		{"login_data", obj{
			{"is_local_authentication_only", false},
			{"domain_list", domains},
			{"default_domain", domainNames[domainCORP]},
		}},
	}}}
	return s.success(c, payload, "1.0")
}

// serverProperties serves desktop/serverproperties: the values of the scope filters.
func (s *Server) serverProperties(c *call) response {
	payload := obj{{"serverproperties", obj{
		{"branch_offices", officeNames},
		{"domains", domainNames},
		{"custom_groups", groupNames},
	}}}
	return s.success(c, payload, "1.0")
}
