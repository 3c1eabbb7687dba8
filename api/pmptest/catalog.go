package pmptest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// patch is one catalogue entry. Patches are stored in release order, so a patch's index
// also orders it by patch_released_time.
type patch struct {
	id         int64
	updateID   int64
	bulletin   string
	title      string // patch_description
	file       string // patch_name
	vendor     string
	kb         string // sqnumber: KB number or product version
	patchType  int
	platform   int
	severity   int
	approval   int
	approvedBy string // first_name: who approved or declined it, "--" for neither
	released   int64
	updated    int64
	size       int64
	reboot     bool // patch_noreboot == 1 means a reboot is required
	uninstall  bool
	downloaded bool
	osMask     uint32 // OS families the patch applies to
	app        uint16 // application that must be installed, 0 for OS patches
}

// thirdParty reports whether the patch counts as third-party (the *_tp_patches counts) rather
// than an operating-system vendor patch (the *_ms_patches counts).
func (p *patch) thirdParty() bool {
	return p.patchType == typeThirdParty
}

// catalogGen is the random source that families draw from while they build patches.
type catalogGen struct {
	rng *rand.Rand
}

// referenceMonth is November 2025 as a month index (year*12 + month-1). Version numbers
// and KB numbers are anchored there, so they follow real-looking sequences for any clock.
const referenceMonth = 2025*12 + 10

func monthIndex(t time.Time) int {
	return t.Year()*12 + int(t.Month()) - 1
}

func monthStart(index int) time.Time {
	return time.Date(index/12, time.Month(index%12+1), 1, 0, 0, 0, 0, time.UTC)
}

// buildCatalog generates the newest count patches released up to now, oldest first.
func buildCatalog(now time.Time, count int, seed int64) []patch {
	g := &catalogGen{rng: rand.New(rand.NewPCG(uint64(seed), 0x9a7c4))}
	var newestFirst []patch
	for m := monthIndex(now); len(newestFirst) < count; m-- {
		month := g.month(m, now)
		take := min(len(month), count-len(newestFirst))
		newestFirst = append(newestFirst, month[:take]...)
	}

	slices.Reverse(newestFirst)
	g.finish(newestFirst, now.UnixMilli())
	return newestFirst
}

// month returns the patches released in month m up to now, newest first.
func (g *catalogGen) month(m int, now time.Time) []patch {
	var out []patch
	start := monthStart(m)
	for _, f := range families {
		if floorMod(m-f.phase, f.every) != 0 {
			continue
		}
		for n, day := range f.days(start) {
			rel := start.AddDate(0, 0, day-1).Add(17 * time.Hour)
			if rel.After(now) {
				continue
			}
			p := f.build(g, rel, m-referenceMonth, n)
			p.released = rel.UnixMilli()
			out = append(out, p)
		}
	}

	slices.SortStableFunc(out, func(a, b patch) int { return cmp.Compare(b.released, a.released) })
	return out
}

// finish assigns ids, third-party bulletin ids, update times and approval state.
func (g *catalogGen) finish(patches []patch, now int64) {
	id := int64(300000)
	tuSeq := map[int]int{}
	for i := range patches {
		p := &patches[i]
		id += 1 + g.rng.Int64N(60)
		p.id = id

		if p.bulletin == "" {
			year := time.UnixMilli(p.released).UTC().Year()
			tuSeq[year]++
			p.bulletin = fmt.Sprintf("TU-%03d", tuSeq[year])
		}

		p.updated = min(now, p.released+g.rng.Int64N(3*dayMS))
		g.approve(p, now)
	}
}

// approve sets the approval state as a site with manual approval would have it. A third of
// last week's patches wait for approval and preview rollups are mostly declined. A few old
// low-impact patches were never approved or were declined.
func (g *catalogGen) approve(p *patch, now int64) {
	age := now - p.released
	u := g.rng.Float64()
	switch {
	case p.patchType == typePreview && u < 0.7:
		p.approval = approvalDeclined
	case age < 7*dayMS && u < 0.35:
		p.approval = approvalNone
	case age >= 7*dayMS && p.severity <= sevModerate && u < 0.06:
		p.approval = approvalNone
	case age >= 7*dayMS && p.severity <= sevModerate && u < 0.10:
		p.approval = approvalDeclined
	default:
		p.approval = approvalApproved
	}

	p.approvedBy = "--"
	if p.approval != approvalNone {
		p.approvedBy = approvers[g.rng.IntN(len(approvers))]
	}
	if p.patchType == typeUpdates && p.approval == approvalApproved {
		p.approvedBy = "DC-SYSTEM-USER"
	}
	p.downloaded = p.approval == approvalApproved && age > dayMS
}

var approvers = []string{"admin", "helpdesk.lead", "DC-SYSTEM-USER"}

// sizeMB returns a random size between lo and hi megabytes, in bytes.
func (g *catalogGen) sizeMB(lo, hi int) int64 {
	return int64(lo+g.rng.IntN(hi-lo+1))<<20 + g.rng.Int64N(1<<20)
}

func floorMod(a, b int) int {
	return ((a % b) + b) % b
}

func floorDiv(a, b int) int {
	return (a - floorMod(a, b)) / b
}

// nthWeekday returns the day of month of the n-th (1-based) weekday wd in start's month.
func nthWeekday(start time.Time, wd time.Weekday, n int) int {
	first := 1 + floorMod(int(wd)-int(start.Weekday()), 7)
	return first + 7*(n-1)
}

// msBulletin returns Microsoft's monthly bulletin id, such as MS25-NOV.
func msBulletin(rel time.Time) string {
	return fmt.Sprintf("MS%02d-%s", rel.Year()%100, monthAbbrev(rel))
}

func monthAbbrev(t time.Time) string {
	return [...]string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
		"NOV", "DEC"}[t.Month()-1]
}
