package pmptest

// agentState sets the installation status, live status, agent version and the contact
// and installation times.
func (b *computerBuilder) agentState(c *computer) {
	r, now := b.rng, b.e.now
	c.install = pickInstall(r.Float64())
	c.agent = -1
	c.contact, c.installedOn, c.uninstalledOn = never, never, never
	c.live = liveUnknown
	if c.install == installNone || c.install == installFailed {
		return
	}

	c.agent = int8(pickWeighted(r, agentVersionWeights))
	c.installedOn = now - randMS(r, 20*dayMS, 1100*dayMS)
	switch {
	case c.install == installUninstalled:
		c.uninstalledOn = now - randMS(r, 31*dayMS, 200*dayMS)
		c.contact = c.uninstalledOn - randMS(r, 0, 2*dayMS)
		c.live = liveDown
	case c.install == installDone && r.Float64() < 0.005:
		// Installed moments ago and not yet reported back.
		c.installedOn = now - randMS(r, 0, 2*dayMS)
	default:
		b.contactState(c)
	}

	if c.contact > 0 && c.installedOn >= c.contact {
		c.installedOn = c.contact - randMS(r, dayMS, 30*dayMS)
	}
}

// pickInstall maps u in [0,1) to an installation status with realistic shares.
func pickInstall(u float64) uint16 {
	switch {
	case u < 0.030:
		return installNone
	case u < 0.040:
		return installFailed
	case u < 0.046:
		return installUninstalled
	case u < 0.049:
		return installPendingRemoval
	case u < 0.050:
		return installUninstallFailed
	}
	return installDone
}

// contactState sets live status and last contact for a computer with a working agent.
func (b *computerBuilder) contactState(c *computer) {
	r, now := b.rng, b.e.now
	switch u := r.Float64(); {
	case u < 0.78:
		c.live = liveUp
		c.contact = now - randMS(r, 0, 20*minuteMS)
	case u < 0.98:
		c.live = liveDown
		c.contact = now - downtime(r.Float64(), r.Float64())
	default:
		c.live = liveUnknown
		c.contact = now - randMS(r, dayMS, 45*dayMS)
	}
}

// downtime returns how long ago a down agent was last seen: mostly hours to days, some
// weeks, a few months.
func downtime(u, v float64) int64 {
	span := func(lo, hi int64) int64 { return lo + int64(v*float64(hi-lo)) }
	switch {
	case u < 0.50:
		return span(2*hourMS, 3*dayMS)
	case u < 0.70:
		return span(3*dayMS, 7*dayMS)
	case u < 0.85:
		return span(7*dayMS, 15*dayMS)
	case u < 0.95:
		return span(15*dayMS, 30*dayMS)
	}
	return span(30*dayMS, 120*dayMS)
}

// scanState sets the patch scan status and scan times. Only computers with an agent that
// has reported back can have been scanned.
func (b *computerBuilder) scanState(c *computer) {
	r := b.rng
	c.scan, c.lastScan, c.lastSuccess = scanNever, never, never
	if !c.agentPresent() || c.contact < 0 {
		return
	}

	scanned := c.contact - randMS(r, 0, 12*hourMS)
	switch u := r.Float64(); {
	case u < 0.905:
		c.scan, c.lastScan, c.lastSuccess = scanSuccess, scanned, scanned
	case u < 0.945:
		c.scan, c.lastScan = scanFailed, scanned
		c.scanError = uint8(1 + r.IntN(len(scanErrors)-1))
		if r.Float64() < 0.8 {
			c.lastSuccess = scanned - randMS(r, dayMS, 20*dayMS)
		}
	case u < 0.955:
		c.scan, c.lastScan = scanInProgress, scanned
		if r.Float64() < 0.85 {
			c.lastSuccess = scanned - randMS(r, dayMS, 7*dayMS)
		}
	}

	if c.lastSuccess <= c.installedOn {
		c.lastSuccess = never
	}
}

// scanError is a scan failure as PMP reports it. Index 0 is "no error".
type scanError struct {
	code    int64
	remarks string
}

var scanErrors = []scanError{
	{0, "dc.db.agent.config.patchscan.success"},
	{12029, "dc.patch.scan.error.server_unreachable"},
	{1010, "dc.patch.scan.error.wua_service_disabled"},
	{2, "dc.patch.scan.error.insufficient_disk_space"},
	{1603, "dc.patch.scan.error.agent_crashed"},
}
