package pmptest

import (
	"fmt"
	"time"
)

// deployConfig is a patch deployment configuration (viewconfig). The targeting fields are
// used by the domain and branch office filters but are not part of the record.
type deployConfig struct {
	id                int64
	name              string
	status            string // config_status, one of the configstatusfilter values
	platform          int
	targets           int
	created, modified int64
	kind              int // kind of computer targeted
	domain, office    int // -1 targets all
	month             int // month index of a monthly configuration, -1 otherwise
}

// standingConfigs are configurations that are not tied to a month.
var standingConfigs = []deployConfig{
	{name: "Weekly Workstations", status: "Deployed", kind: kindDesktop, domain: -1, office: -1},
	{name: "Mac Monthly Updates", status: "Deployed", kind: kindMac, domain: -1, office: -1},
	{name: "Linux Security Updates", status: "RetryInProgress", kind: kindLinux, domain: -1,
		office: -1},
	{name: "Chrome Emergency Update", status: "Suspended", kind: kindDesktop, domain: -1,
		office: -1},
	{name: "Berlin Laptops Pilot", status: "Draft", kind: kindDesktop, domain: -1,
		office: officeBerlin},
	{name: "ENG Build Servers", status: "Executed", kind: kindServer, domain: domainENG,
		office: -1},
}

// buildConfigs creates a workstation and a server configuration for each of the last six
// months plus the standing configurations, with target counts taken from the estate.
func buildConfigs(e *estate, now time.Time) []deployConfig {
	var out []deployConfig
	current := monthIndex(now)
	for back := 5; back >= 0; back-- {
		m := current - back
		start := monthStart(m)
		label := fmt.Sprintf("%s %d", start.Month().String()[:3], start.Year())
		for _, kind := range []int{kindDesktop, kindServer} {
			out = append(out, deployConfig{
				name: label + " " + kindLabel(kind), status: monthlyStatus(back, kind),
				kind: kind, domain: -1, office: -1, month: m,
			})
		}
	}
	for _, cf := range standingConfigs {
		cf.month = -1
		out = append(out, cf)
	}

	r := newRand(now.UnixMilli()/dayMS, 0xcf9)
	for i := range out {
		cf := &out[i]
		cf.id = 9101 + int64(i)*3
		cf.platform = kindPlatform(cf.kind)
		cf.created = configCreated(cf, e.now, r.Int64N(20*dayMS))
		cf.modified = min(e.now, cf.created+r.Int64N(5*dayMS))
		cf.targets = e.countTargets(cf)
	}
	return out
}

func kindLabel(kind int) string {
	if kind == kindServer {
		return "Servers"
	}
	return "Workstations"
}

func kindPlatform(kind int) int {
	switch kind {
	case kindMac:
		return platMac
	case kindLinux:
		return platLinux
	}
	return platWindows
}

// monthlyStatus returns the state of a monthly configuration created back months ago.
func monthlyStatus(back, kind int) string {
	switch {
	case back == 0 && kind == kindServer:
		return "Draft"
	case back == 0:
		return "InProgress"
	case back >= 4:
		return "Expired"
	}
	return "Executed"
}

func configCreated(cf *deployConfig, now, jitter int64) int64 {
	if cf.month < 0 {
		return now - 200*dayMS + jitter
	}
	return min(now, monthStart(cf.month).UnixMilli()+8*dayMS+jitter/4)
}

// targetsComputer reports whether the configuration targets c.
func (cf *deployConfig) targetsComputer(c *computer) bool {
	return int(c.kind) == cf.kind && (cf.domain < 0 || int(c.domain) == cf.domain) &&
		(cf.office < 0 || int(c.office) == cf.office)
}

func (e *estate) countTargets(cf *deployConfig) int {
	n := 0
	for i := range e.computers {
		if c := &e.computers[i]; c.agentPresent() && cf.targetsComputer(c) {
			n++
		}
	}
	return n
}

// collectionFor returns the configuration that deployed patch p to c: the monthly one for
// the patch's release month, else a standing one for the computer's kind, else "--".
func (e *estate) collectionFor(c *computer, p *patch) string {
	m := monthIndex(msTime(p.released))
	for i := range e.configs {
		cf := &e.configs[i]
		if cf.month == m && cf.targetsComputer(c) {
			return cf.name
		}
	}
	for i := range e.configs {
		cf := &e.configs[i]
		if cf.month < 0 && cf.domain < 0 && cf.office < 0 && cf.status == "Deployed" &&
			cf.targetsComputer(c) {
			return cf.name
		}
	}
	if c.kind == kindLinux {
		return "Linux Security Updates"
	}
	return "--"
}

// deployPolicy is a deployment policy template (deploymentpolicies).
type deployPolicy struct {
	id                int64
	name              string
	creator           string
	userID            int64
	created, modified int64
	isDefault, alive  bool
}

func buildPolicies(now int64) []deployPolicy {
	return []deployPolicy{
		{1, "Deploy any time at the earliest", "admin", 1, now - 800*dayMS, now - 800*dayMS,
			true, true},
		{2, "Deploy during non-business hours", "admin", 1, now - 640*dayMS, now - 120*dayMS,
			false, true},
		{3, "Weekend server maintenance", "helpdesk.lead", 702, now - 400*dayMS,
			now - 35*dayMS, false, true},
		{4, "Force reboot within 2 hours", "helpdesk.lead", 702, now - 300*dayMS,
			now - 300*dayMS, false, true},
		{5, "Pilot ring - immediate", "admin", 1, now - 90*dayMS, now - 12*dayMS, false, true},
		{6, "Legacy Windows 7 window", "admin", 1, now - 1400*dayMS, now - 900*dayMS,
			false, false},
	}
}
