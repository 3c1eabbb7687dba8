package pmptest

import (
	"slices"
	"sort"
)

// profile is the set of patches that apply to one OS family with one set of installed
// applications. Computers share profiles, so the computers x patches matrix is never built.
type profile struct {
	family  int
	apps    uint16
	patches []uint16 // ascending patch indexes
	bits    []uint64 // the same set as a bitmap
}

func (pr *profile) has(p uint16) bool {
	return pr.bits[p/64]&(1<<(p%64)) != 0
}

// appliesTo reports whether p applies to computers of an OS family with the given apps.
func (p *patch) appliesTo(family int, apps uint16) bool {
	if p.osMask&(1<<family) == 0 {
		return false
	}
	return p.app == 0 || apps&p.app != 0
}

// profileFor returns the index of the profile for c's OS family and apps, creating it on
// first use.
func (b *computerBuilder) profileFor(c *computer) uint16 {
	family := c.os().family
	key := uint32(family)<<16 | uint32(c.apps)
	if idx, ok := b.profiles[key]; ok {
		return idx
	}

	e := b.e
	pr := profile{family: family, apps: c.apps, bits: make([]uint64, (len(e.patches)+63)/64)}
	for i := range e.patches {
		if e.patches[i].appliesTo(family, c.apps) {
			pr.patches = append(pr.patches, uint16(i))
			pr.bits[i/64] |= 1 << (i % 64)
		}
	}

	idx := uint16(len(e.profiles))
	e.profiles = append(e.profiles, pr)
	b.profiles[key] = idx
	return idx
}

// patchState decides each applicable patch's status, stores the missing and failed ones and
// derives the per-severity counts, the MS/third-party counts and the health status.
func (b *computerBuilder) patchState(c *computer) {
	e := b.e
	c.profile = b.profileFor(c)
	c.missOff = uint32(len(e.pool))
	c.health, c.patched = healthUnknown, never
	if !c.hasPatchData() {
		return
	}

	pr := &e.profiles[c.profile]
	c.cut = uint16(sort.Search(len(e.patches), func(i int) bool {
		return e.patches[i].released > c.lastSuccess
	}))
	c.applicable = uint16(sort.Search(len(pr.patches), func(i int) bool {
		return pr.patches[i] >= c.cut
	}))

	lag := b.lagDays()
	missing, failed := b.scratch[:0], []uint16(nil)
	for _, idx := range pr.patches[:c.applicable] {
		p := &e.patches[idx]
		status := b.decide(c, p, lag)
		c.count(p, status)
		switch status {
		case statusMissing:
			missing = append(missing, idx)
		case statusFailed:
			failed = append(failed, idx)
		}
	}

	c.missN, c.failN = uint16(len(missing)), uint16(len(failed))
	e.pool = append(append(e.pool, missing...), failed...)
	b.scratch = missing
	c.health = e.policy.classify(c.missingBy)
	b.lastPatched(c, lag)
}

// count adds one applicable patch with the given status to c's counters.
func (c *computer) count(p *patch, status int) {
	installed := status == statusInstalled
	switch {
	case installed && p.thirdParty():
		c.instTP++
	case installed:
		c.instMS++
	case p.thirdParty():
		c.missTP++
		c.missingBy[p.severity]++
	default:
		c.missMS++
		c.missingBy[p.severity]++
	}
}

// lagDays returns how many days behind its last successful scan the computer's patching
// ran: most keep up within days, some take weeks, a few are neglected for months.
func (b *computerBuilder) lagDays() float64 {
	r := b.rng
	switch u := r.Float64(); {
	case u < 0.60:
		return r.Float64() * 4
	case u < 0.82:
		return 4 + r.Float64()*14
	case u < 0.95:
		return 18 + r.Float64()*45
	}
	return 63 + r.Float64()*150
}

// decide returns the status of patch p on computer c, whose patching runs lag days behind.
// Patches younger than the lag at the last scan are mostly missing. Unapproved and declined
// patches are never deployed, so they stay missing on most computers.
func (b *computerBuilder) decide(c *computer, p *patch, lag float64) int {
	r := b.rng
	age := float64(c.lastSuccess-p.released) / float64(dayMS)
	missing := false
	switch {
	case p.approval == approvalDeclined:
		missing = r.Float64() < 0.6
	case p.approval == approvalNone:
		missing = r.Float64() < 0.92
	case age < lag:
		missing = r.Float64() < 0.93
	case age < 90:
		missing = r.Float64() < 0.003
	}

	if !missing {
		return statusInstalled
	}
	if p.approval == approvalApproved && age > 3 && r.Float64() < 0.12 {
		return statusFailed
	}
	return statusMissing
}

// lastPatched sets when a patch was last installed: about half the lag before now, never
// before the agent was installed and never after the last successful scan.
func (b *computerBuilder) lastPatched(c *computer, lag float64) {
	if c.instMS+c.instTP == 0 {
		return
	}
	at := b.e.now - int64((lag*0.5+b.rng.Float64()*2)*float64(dayMS))
	c.patched = max(min(at, c.lastSuccess), c.installedOn+hourMS)
}

// missingOf returns the indexes of the patches missing (status 202) on c.
func (e *estate) missingOf(c *computer) []uint16 {
	return e.pool[c.missOff : c.missOff+uint32(c.missN)]
}

// failedOf returns the indexes of the patches that failed to install (status 206) on c.
func (e *estate) failedOf(c *computer) []uint16 {
	start := c.missOff + uint32(c.missN)
	return e.pool[start : start+uint32(c.failN)]
}

// applies reports whether patch p was reported as applicable by c's last successful scan.
func (e *estate) applies(c *computer, p uint16) bool {
	return c.hasPatchData() && p < c.cut && e.profiles[c.profile].has(p)
}

// statusOf returns the status of patch p on c, or 0 when p does not apply to c.
func (e *estate) statusOf(c *computer, p uint16) int {
	if !e.applies(c, p) {
		return 0
	}
	if _, found := slices.BinarySearch(e.missingOf(c), p); found {
		return statusMissing
	}
	if _, found := slices.BinarySearch(e.failedOf(c), p); found {
		return statusFailed
	}
	return statusInstalled
}

// applicableOf returns the indexes of the patches that apply to c, ascending.
func (e *estate) applicableOf(c *computer) []uint16 {
	if !c.hasPatchData() {
		return nil
	}
	return e.profiles[c.profile].patches[:c.applicable]
}
