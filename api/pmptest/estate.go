package pmptest

import (
	"math/rand/v2"
	"time"
)

// computer is one managed computer. Patch status is stored compactly: the applicable patches
// come from the shared profile (cut at the last successful scan), and only the missing and
// failed patch indexes are stored per computer, in estate.pool.
type computer struct {
	id          int64
	name        string
	users       string // agent_logged_on_users, "" when no user is logged on
	owner       string // first.last login of the owner, "" when unassigned
	description string
	ip          uint32
	macLow      uint32 // low 24 bits of the MAC address, unique per computer
	osIndex     uint8  // index into osTable
	kind        uint8
	laptop      bool
	domain      uint8
	office      uint8
	groups      uint8
	agent       int8  // index into agentVersions, -1 when no agent was ever installed
	scanError   uint8 // index into scanErrors when the last scan failed
	install     uint16
	live        uint16
	scan        uint16
	health      uint16
	apps        uint16
	profile     uint16    // index into estate.profiles
	cut         uint16    // patches with an index below cut were released before the last scan
	applicable  uint16    // number of applicable patches: profile.patches[:applicable]
	missOff     uint32    // missing then failed patch indexes start at pool[missOff]
	missN       uint16    // missing patches (status 202)
	failN       uint16    // failed patches (status 206)
	missingBy   [5]uint16 // not installed (missing or failed) by severity code
	instMS      uint16
	instTP      uint16
	missMS      uint16 // not installed OS-vendor patches, failed ones included
	missTP      uint16 // not installed third-party patches, failed ones included

	contact, lastScan, lastSuccess, patched, installedOn, uninstalledOn int64
}

// hasPatchData reports whether a successful scan reported this computer's patches.
func (c *computer) hasPatchData() bool {
	return c.lastSuccess > 0
}

func (c *computer) os() *osInfo {
	return &osTable[c.osIndex]
}

func (c *computer) platform() int {
	return osTable[c.osIndex].platform
}

// agentPresent reports whether an agent is installed now, whatever its state.
func (c *computer) agentPresent() bool {
	switch c.install {
	case installDone, installPendingRemoval, installUninstallFailed:
		return true
	}
	return false
}

// estate is the generated, read-only data behind every endpoint.
type estate struct {
	now       int64
	computers []computer
	patches   []patch
	profiles  []profile
	pool      []uint16

	// Per patch, over all computers with patch data.
	installed, missing, failed []int32

	patchIndex    map[int64]int32
	computerIndex map[int64]int32

	configs  []deployConfig
	policies []deployPolicy
	policy   healthPolicy
}

// buildEstate generates the estate for o, which must already carry its defaults.
func buildEstate(o Options) *estate {
	e := &estate{now: o.Now.UnixMilli(), policy: defaultHealthPolicy}
	e.patches = buildCatalog(o.Now, o.Patches, o.Seed)
	e.patchIndex = make(map[int64]int32, len(e.patches))
	for i := range e.patches {
		e.patchIndex[e.patches[i].id] = int32(i)
	}

	b := newComputerBuilder(e, o.Seed)
	e.computers = make([]computer, o.Computers)
	e.computerIndex = make(map[int64]int32, o.Computers)
	for i := range e.computers {
		b.build(&e.computers[i], i)
		e.computerIndex[e.computers[i].id] = int32(i)
	}

	e.installed, e.missing, e.failed = e.patchCounts(nil)
	e.configs = buildConfigs(e, o.Now)
	e.policies = buildPolicies(e.now)
	return e
}

// newRand returns a PCG source for one part of the estate, so parts stay stable when
// another part's size changes.
func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

// pickWeighted returns an index into weights, chosen with probability proportional to
// its weight.
func pickWeighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}

	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// randMS returns a random duration in [lo, hi) milliseconds.
func randMS(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.Int64N(hi-lo)
}

func msTime(ms int64) time.Time {
	return time.UnixMilli(ms).UTC()
}
