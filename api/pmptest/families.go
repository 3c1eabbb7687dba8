package pmptest

import (
	"fmt"
	"strconv"
	"time"
)

// family is a product line that releases patches on a schedule. Version and KB numbers are
// computed from dm, the number of months since referenceMonth, so each release of a family
// gets the next number in its sequence.
type family struct {
	every, phase int                         // releases in months where (m-phase) % every == 0
	days         func(start time.Time) []int // days of month with a release
	build        func(g *catalogGen, rel time.Time, dm, n int) patch
}

var families = buildFamilies()

func buildFamilies() []family {
	var out []family
	for _, t := range windowsTargets {
		out = append(out, windowsCU(t))
	}
	out = append(out, windowsPreview(), dotNet(), msrt(), office(), sqlServer(), edge())
	out = append(out, chrome(platWindows), chrome(platMac), firefox(platWindows),
		firefox(platMac), adobeReader(platWindows), adobeReader(platMac), java(), sevenZip(),
		notepadPlusPlus(), zoom(platWindows), zoom(platMac), vlc())
	out = append(out, macOS(osMacSequoia), macOS(osMacSonoma), safari())
	out = append(out, ubuntu(osUbuntu2404), ubuntu(osUbuntu2204), rhel())
	return out
}

func patchTuesday(start time.Time) []int {
	return []int{nthWeekday(start, time.Tuesday, 2)}
}

func fixedDays(days ...int) func(time.Time) []int {
	return func(time.Time) []int { return days }
}

// windowsTarget is one Windows release that gets a monthly cumulative update.
type windowsTarget struct {
	family  int
	label   string
	file    string
	kbShift int
}

var windowsTargets = []windowsTarget{
	{osWin11v24H2, "Windows 11 Version 24H2", "windows11.0", 0},
	{osWin11v23H2, "Windows 11 Version 23H2", "windows11.0", 3},
	{osWin10v22H2, "Windows 10 Version 22H2", "windows10.0", 5},
	{osServer2025, "Microsoft server operating system version 24H2", "windows11.0", 7},
	{osServer2022, "Microsoft server operating system version 21H2", "windows10.0", 11},
	{osServer2019, "Windows Server 2019", "windows10.0", 13},
	{osServer2016, "Windows Server 2016", "windows10.0", 17},
}

func kbNumber(dm, shift int) int {
	return 5068861 + dm*1291 + shift*43
}

// msPatch fills the fields shared by Microsoft operating-system and product updates.
func msPatch(rel time.Time, kb int, title, file string, sev int, mask uint32) patch {
	return patch{
		title: title, file: file, vendor: "Microsoft", kb: strconv.Itoa(kb),
		bulletin: msBulletin(rel), patchType: typeSecurity, platform: platWindows,
		severity: sev, reboot: true, uninstall: true, osMask: mask,
	}
}

func windowsCU(t windowsTarget) family {
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		kb := kbNumber(dm, t.kbShift)
		title := fmt.Sprintf("%d-%02d Cumulative Update for %s for x64-based Systems (KB%d)",
			rel.Year(), rel.Month(), t.label, kb)
		p := msPatch(rel, kb, title, fmt.Sprintf("%s-kb%d-x64.msu", t.file, kb), sevCritical,
			1<<t.family)
		p.size = g.sizeMB(550, 950)
		return p
	}
	return family{every: 1, days: patchTuesday, build: build}
}

func windowsPreview() family {
	days := func(start time.Time) []int { return []int{nthWeekday(start, time.Tuesday, 4)} }
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		kb := kbNumber(dm, 60)
		title := fmt.Sprintf("%d-%02d Cumulative Update Preview for Windows 11 Version 24H2 "+
			"for x64-based Systems (KB%d)", rel.Year(), rel.Month(), kb)
		p := msPatch(rel, kb, title, fmt.Sprintf("windows11.0-kb%d-x64.msu", kb), sevUnrated,
			1<<osWin11v24H2)
		p.patchType = typePreview
		p.size = g.sizeMB(550, 950)
		return p
	}
	return family{every: 1, days: days, build: build}
}

func dotNet() family {
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		kb := kbNumber(dm, 90)
		title := fmt.Sprintf("%d-%02d Cumulative Update for .NET Framework 3.5 and 4.8.1 "+
			"for x64 (KB%d)", rel.Year(), rel.Month(), kb)
		p := msPatch(rel, kb, title, fmt.Sprintf("ndp481-kb%d-x64.msu", kb), sevImportant,
			maskWindows)
		p.size = g.sizeMB(60, 95)
		return p
	}
	return family{every: 1, days: patchTuesday, build: build}
}

func msrt() family {
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		title := fmt.Sprintf("Windows Malicious Software Removal Tool x64 - v5.%d (KB890830)",
			max(1, 137+dm))
		p := msPatch(rel, 890830, title, "windows-kb890830-x64.exe", sevUnrated, maskWindows)
		p.patchType = typeUpdates
		p.reboot, p.uninstall = false, false
		p.size = g.sizeMB(70, 80)
		return p
	}
	return family{every: 1, days: patchTuesday, build: build}
}

func office() family {
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		prev := rel.AddDate(0, -1, 0)
		channel := (prev.Year()%100)*100 + int(prev.Month())
		build := fmt.Sprintf("%d.%d", 19328+dm*100, 20190+rel.Day())
		title := fmt.Sprintf("Microsoft 365 Apps Update - Current Channel Version %d (Build %s)",
			channel, build)
		sev := sevImportant
		if floorMod(dm, 2) == 0 {
			sev = sevCritical
		}
		p := msPatch(rel, 0, title, "officec2r-"+build+"-x64.exe", sev, maskWinDesktop)
		p.kb = "16.0." + build
		p.app, p.reboot, p.uninstall = appOffice, false, false
		p.size = g.sizeMB(180, 420)
		return p
	}
	return family{every: 1, days: patchTuesday, build: build}
}

func sqlServer() family {
	days := func(start time.Time) []int { return []int{nthWeekday(start, time.Thursday, 2)} }
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		kb := 5054833 + dm*777
		title := fmt.Sprintf("Cumulative Update %d for SQL Server 2019 (KB%d)",
			max(1, 32+floorDiv(dm, 2)), kb)
		p := msPatch(rel, kb, title, fmt.Sprintf("SQLServer2019-KB%d-x64.exe", kb),
			sevImportant, maskWinServer)
		p.app = appSQL
		p.size = g.sizeMB(400, 620)
		return p
	}
	return family{every: 2, days: days, build: build}
}
