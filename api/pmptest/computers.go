package pmptest

import (
	"math/rand/v2"
)

// computerBuilder generates computers one at a time, in resource id order.
type computerBuilder struct {
	e        *estate
	rng      *rand.Rand
	names    *hostNamer
	ipNext   []int
	nextID   int64
	profiles map[uint32]uint16
	osByKind [4][]int // osTable indexes per kind
	osWeight [4][]int
	scratch  []uint16
}

func newComputerBuilder(e *estate, seed int64) *computerBuilder {
	b := &computerBuilder{
		e: e, rng: newRand(seed, 0xc0ffee), names: newHostNamer(),
		ipNext: make([]int, len(officeNames)), nextID: 30000,
		profiles: make(map[uint32]uint16),
	}
	for i, o := range osTable {
		b.osByKind[o.kind] = append(b.osByKind[o.kind], i)
		b.osWeight[o.kind] = append(b.osWeight[o.kind], o.weight)
	}
	return b
}

func (b *computerBuilder) build(c *computer, i int) {
	r := b.rng
	b.nextID += 1 + r.Int64N(3)
	c.id = b.nextID
	c.kind = uint8(pickWeighted(r, kindWeights))
	c.osIndex = uint8(b.osByKind[c.kind][pickWeighted(r, b.osWeight[c.kind])])
	c.laptop = c.kind == kindDesktop && r.Float64() < 0.55
	c.office = uint8(b.pickOffice())
	c.domain = uint8(pickWeighted(r, domainWeights[c.kind]))
	c.name, c.description = b.hostname(c)
	c.ip = b.nextIP(int(c.office))
	c.macLow = uint32((i+1)*0x9E3779B1) & 0xFFFFFF
	c.apps = b.pickApps(c)
	c.groups = b.pickGroups(c)

	b.agentState(c)
	b.scanState(c)
	b.people(c)
	b.patchState(c)
}

func (b *computerBuilder) pickOffice() int {
	return pickWeighted(b.rng, officeWeights)
}

// hostname returns a host name in the site's naming scheme and a description for servers.
func (b *computerBuilder) hostname(c *computer) (string, string) {
	prefix := officePrefixes[c.office]
	switch c.kind {
	case kindServer:
		role := serverRoles[b.rng.IntN(len(serverRoles))]
		return b.names.name(prefix+"SRV-"+role.code, 2), role.description
	case kindMac:
		if b.rng.Float64() < 0.8 {
			return b.names.name(prefix+"MBP-", 4), "--"
		}
		return b.names.name(prefix+"IMAC-", 4), "--"
	case kindLinux:
		family := c.os().family
		roles := linuxRoles[family]
		stem := "ubu-"
		if family == osRHEL9 {
			stem = "rhel-"
		}
		return b.names.name(stem+roles[b.rng.IntN(len(roles))]+"-", 2), "--"
	}

	if c.laptop {
		return b.names.name(prefix+"LT-", 4), "--"
	}
	return b.names.name(prefix+"WS-", 4), "--"
}

// nextIP hands out addresses from the office's 10.x.0.0/16 range, spilling into the
// following /16 ranges after 62,500 hosts.
func (b *computerBuilder) nextIP(office int) uint32 {
	k := b.ipNext[office]
	b.ipNext[office]++
	second := officeSubnets[office] + k/62500
	third := (k/250)%250 + 1
	fourth := k%250 + 2
	return 10<<24 | uint32(second)<<16 | uint32(third)<<8 | uint32(fourth)
}

func (b *computerBuilder) pickApps(c *computer) uint16 {
	var apps uint16
	for _, s := range appShares {
		share := s.share[c.kind]
		if s.app == appNotepad && c.domain == domainENG {
			share *= 3
		}
		if b.rng.Float64() < share {
			apps |= s.app
		}
	}
	return apps
}

func (b *computerBuilder) pickGroups(c *computer) uint8 {
	groups := uint8(groupAll)
	u := b.rng.Float64()
	if c.kind == kindDesktop && c.domain == domainCORP && u < 0.18 {
		groups |= groupFinance
	}
	if c.domain == domainENG && c.kind != kindServer {
		groups |= groupEngineering
	}
	if c.kind == kindServer && u < 0.7 || c.os().family == osRHEL9 {
		groups |= groupServers
	}
	if c.platform() == platWindows && b.rng.Float64() < 0.05 {
		groups |= groupPilot
	}
	if c.office == officeBerlin && c.laptop {
		groups |= groupBerlinLaptops
	}
	return groups
}

// people sets the logged-on users and the owner. Computers that are not live have no
// logged-on users.
func (b *computerBuilder) people(c *computer) {
	r := b.rng
	person := r.IntN(len(firstNames) * len(lastNames))
	if c.kind == kindDesktop || c.kind == kindMac {
		c.owner = personName(person)
		if r.Float64() < 0.35 {
			c.owner = ""
		}
	}
	if c.live != liveUp {
		return
	}

	switch u := r.Float64(); {
	case c.kind == kindServer && u < 0.3:
		c.users = serviceAccounts[r.IntN(len(serviceAccounts))]
	case c.kind == kindLinux && u < 0.25:
		c.users = []string{"root", "deploy"}[r.IntN(2)]
	case c.kind == kindDesktop && u < 0.05:
		c.users = personName(person) + "," + personName(r.IntN(3600))
	case (c.kind == kindDesktop || c.kind == kindMac) && u < 0.82:
		c.users = personName(person)
	}
}
