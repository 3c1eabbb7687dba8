package pmptest

import (
	"fmt"
	"strings"
	"time"
)

// tpPatch fills the fields shared by third-party application updates. Their bulletin ids
// (TU-nnn) are numbered per year once the whole catalogue is known.
func tpPatch(vendor, title, file, version string, platform, sev int, app uint16) patch {
	mask := uint32(maskWindows)
	if platform == platMac {
		mask = maskMac
	}
	return patch{
		title: title, file: file, vendor: vendor, kb: version, patchType: typeThirdParty,
		platform: platform, severity: sev, uninstall: true, osMask: mask, app: app,
	}
}

// platformTitle adds the platform to a product name the way PMP titles third-party patches.
func platformTitle(product, version string, platform int) string {
	if platform == platMac {
		return fmt.Sprintf("%s for Mac (%s)", product, version)
	}
	return fmt.Sprintf("%s (%s) (x64)", product, version)
}

// newMajorSeverity rates a browser's monthly major release critical and its point release
// important.
func newMajorSeverity(n int) int {
	if n == 0 {
		return sevCritical
	}
	return sevImportant
}

func edge() family {
	build := func(g *catalogGen, rel time.Time, dm, n int) patch {
		v := fmt.Sprintf("%d.0.%d.%d", 142+dm, 3595+dm*65, 40+n*25+rel.Day()%10)
		p := tpPatch("Microsoft", platformTitle("Microsoft Edge", v, platWindows),
			"MicrosoftEdgeEnterpriseX64.msi", v, platWindows, sevImportant, 0)
		p.updateID, p.size = 1003, g.sizeMB(150, 180)
		return p
	}
	return family{every: 1, days: fixedDays(6, 20), build: build}
}

func chrome(platform int) family {
	file := "googlechromestandaloneenterprise64.msi"
	if platform == platMac {
		file = "googlechrome.dmg"
	}
	build := func(g *catalogGen, rel time.Time, dm, n int) patch {
		v := fmt.Sprintf("%d.0.%d.%d", 142+dm, 7444+dm*60, 59+n*76+rel.Day()%7)
		p := tpPatch("Google", platformTitle("Google Chrome", v, platform), file, v, platform,
			newMajorSeverity(n), appChrome)
		p.updateID, p.size = 1001, g.sizeMB(110, 135)
		return p
	}
	return family{every: 1, days: fixedDays(4, 18), build: build}
}

func firefox(platform int) family {
	days := fixedDays(11, 25)
	if platform == platMac {
		days = fixedDays(11)
	}
	build := func(g *catalogGen, rel time.Time, dm, n int) patch {
		v := fmt.Sprintf("%d.0", 145+dm)
		if n == 1 {
			v += ".1"
		}
		file := "Firefox Setup " + v + ".msi"
		if platform == platMac {
			file = "Firefox " + v + ".dmg"
		}
		p := tpPatch("Mozilla", platformTitle("Mozilla Firefox", v, platform), file, v,
			platform, newMajorSeverity(n), appFirefox)
		p.updateID, p.size = 1002, g.sizeMB(60, 140)
		return p
	}
	return family{every: 1, days: days, build: build}
}

func adobeReader(platform int) family {
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		v := fmt.Sprintf("%d.001.%d", rel.Year()%100, 20937+dm*30)
		compact := strings.ReplaceAll(v, ".", "")
		file := "AcroRdrDCx64Upd" + compact + ".msp"
		if platform == platMac {
			file = "AcroRdrDCUpd" + compact + "_MUI.dmg"
		}
		sev := sevCritical
		if floorMod(dm, 3) == 1 {
			sev = sevImportant
		}
		p := tpPatch("Adobe", platformTitle("Adobe Acrobat Reader DC", v, platform), file, v,
			platform, sev, appAdobe)
		p.updateID, p.uninstall, p.size = 1004, false, g.sizeMB(380, 620)
		return p
	}
	return family{every: 1, days: patchTuesday, build: build}
}

func java() family {
	days := func(start time.Time) []int { return []int{nthWeekday(start, time.Tuesday, 3)} }
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		update := max(11, 471+10*floorDiv(dm+1, 3))
		v := fmt.Sprintf("8u%d", update)
		p := tpPatch("Oracle", fmt.Sprintf("Java 8 Update %d (x64)", update),
			fmt.Sprintf("jre-8u%d-windows-x64.exe", update), v, platWindows, sevImportant, appJava)
		p.updateID, p.size = 1005, g.sizeMB(38, 46)
		return p
	}
	return family{every: 3, phase: 0, days: days, build: build}
}

func sevenZip() family {
	build := func(g *catalogGen, rel time.Time, _, _ int) patch {
		v := fmt.Sprintf("%d.%02d", rel.Year()%100, 1+int(rel.Month()-1)/4)
		file := "7z" + strings.ReplaceAll(v, ".", "") + "-x64.exe"
		p := tpPatch("Igor Pavlov", platformTitle("7-Zip", v, platWindows), file, v,
			platWindows, sevModerate, app7Zip)
		p.updateID, p.size = 1006, g.sizeMB(1, 2)
		return p
	}
	return family{every: 4, phase: 1, days: fixedDays(3), build: build}
}

func notepadPlusPlus() family {
	build := func(g *catalogGen, _ time.Time, dm, _ int) patch {
		s := max(1, 87+floorDiv(dm, 2))
		v := fmt.Sprintf("8.%d.%d", s/10, s%10)
		p := tpPatch("Notepad++", platformTitle("Notepad++", v, platWindows),
			"npp."+v+".Installer.x64.exe", v, platWindows, sevModerate, appNotepad)
		p.updateID, p.size = 1007, g.sizeMB(5, 7)
		return p
	}
	return family{every: 2, phase: 0, days: fixedDays(14), build: build}
}

func zoom(platform int) family {
	file := "ZoomInstallerFull.msi"
	if platform == platMac {
		file = "zoomusInstallerFull.pkg"
	}
	build := func(g *catalogGen, _ time.Time, dm, _ int) patch {
		v := fmt.Sprintf("6.%d.%d", max(0, 6+floorDiv(dm, 3)), floorMod(dm, 3)*5)
		p := tpPatch("Zoom Video Communications", platformTitle("Zoom Workplace", v, platform),
			file, v, platform, sevImportant, appZoom)
		p.updateID, p.size = 1008, g.sizeMB(80, 120)
		return p
	}
	return family{every: 1, days: fixedDays(22), build: build}
}

func vlc() family {
	build := func(g *catalogGen, _ time.Time, dm, _ int) patch {
		v := fmt.Sprintf("3.0.%d", max(1, 21+floorDiv(dm, 4)))
		p := tpPatch("VideoLAN", platformTitle("VLC media player", v, platWindows),
			"vlc-"+v+"-win64.msi", v, platWindows, sevModerate, appVLC)
		p.updateID, p.size = 1009, g.sizeMB(40, 45)
		return p
	}
	return family{every: 4, phase: 2, days: fixedDays(9), build: build}
}
