package pmptest

// healthPolicy is the system health policy served by patch/healthpolicy. Thresholds are
// per severity in the order critical, important, moderate, low.
type healthPolicy struct {
	vulnerable, highly [4]int
	excludeThirdParty  bool
	onlyApproved       bool
}

// defaultHealthPolicy excludes no patches, so the per-severity counts of allsystems are
// exactly the counts that the policy grades.
var defaultHealthPolicy = healthPolicy{
	vulnerable: [4]int{0, 5, 10, 20},
	highly:     [4]int{1, 6, 11, 21},
}

// classify grades a computer from its not-installed counts indexed by severity code. A
// computer is highly vulnerable when any count exceeds its highly-vulnerable threshold,
// vulnerable when any count exceeds its vulnerable threshold, and healthy otherwise.
// Unrated patches never change the grade.
func (h healthPolicy) classify(missingBy [5]uint16) uint16 {
	counts := [4]int{
		int(missingBy[sevCritical]), int(missingBy[sevImportant]),
		int(missingBy[sevModerate]), int(missingBy[sevLow]),
	}
	switch {
	case exceedsAny(counts, h.highly):
		return healthHigh
	case exceedsAny(counts, h.vulnerable):
		return healthVulnerable
	}
	return healthHealthy
}

func exceedsAny(counts, limits [4]int) bool {
	for i := range counts {
		if counts[i] > limits[i] {
			return true
		}
	}
	return false
}
