package pmptest

// patchCounts returns, per patch index, how many computers have it installed, missing and
// failed, over the computers with patch data that keep accepts (nil keeps all).
//
// Applicable counts come from the shared profiles: a computer with profile pr applies to
// pr.patches[:c.applicable], so counting computers per (profile, applicable) and summing
// from the end of each profile list gives each patch's applicable count in one pass.
func (e *estate) patchCounts(keep func(*computer) bool) (installed, missing, failed []int32) {
	n := len(e.patches)
	installed, missing, failed = make([]int32, n), make([]int32, n), make([]int32, n)
	hits := make([][]int32, len(e.profiles))
	for i := range e.computers {
		c := &e.computers[i]
		if !c.hasPatchData() || keep != nil && !keep(c) {
			continue
		}
		if hits[c.profile] == nil {
			hits[c.profile] = make([]int32, len(e.profiles[c.profile].patches)+1)
		}
		hits[c.profile][c.applicable]++
		for _, p := range e.missingOf(c) {
			missing[p]++
		}
		for _, p := range e.failedOf(c) {
			failed[p]++
		}
	}

	for pi, h := range hits {
		addApplicable(installed, e.profiles[pi].patches, h)
	}
	for p := range installed {
		installed[p] -= missing[p] + failed[p]
	}
	return installed, missing, failed
}

// addApplicable adds to applicable[list[pos]] the number of computers whose applicable
// prefix is longer than pos. hits[k] counts computers whose prefix length is k.
func addApplicable(applicable []int32, list []uint16, hits []int32) {
	if hits == nil {
		return
	}
	running := int32(0)
	for pos := len(list) - 1; pos >= 0; pos-- {
		running += hits[pos+1]
		applicable[list[pos]] += running
	}
}
