package pmptest

import (
	"fmt"
	"time"
)

func thirdMonday(start time.Time) []int {
	return []int{nthWeekday(start, time.Monday, 3)}
}

// applePatch fills the fields shared by Apple updates.
func applePatch(rel time.Time, title, file, version string, sev int, mask uint32) patch {
	return patch{
		title: title, file: file, vendor: "Apple", kb: version, patchType: typeSecurity,
		platform: platMac, severity: sev, reboot: true, osMask: mask,
		bulletin: fmt.Sprintf("APPLE-SA-%d-%02d-%02d", rel.Year(), rel.Month(), rel.Day()),
	}
}

func macOS(osFamily int) family {
	name, major, minor, every := "Sequoia", 15, 7, 1
	if osFamily == osMacSonoma {
		name, major, minor, every = "Sonoma", 14, 8, 2
	}
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		v := fmt.Sprintf("%d.%d.%d", major, max(0, minor+floorDiv(dm, 2)), floorMod(dm, 2))
		if every == 2 {
			v = fmt.Sprintf("%d.%d.%d", major, minor, max(0, 2+floorDiv(dm, 2)))
		}
		p := applePatch(rel, "macOS "+name+" "+v, "macOSUpd"+v+".pkg", v, sevCritical,
			1<<osFamily)
		p.size = g.sizeMB(1500, 3200)
		return p
	}
	return family{every: every, days: thirdMonday, build: build}
}

func safari() family {
	build := func(g *catalogGen, rel time.Time, dm, _ int) patch {
		v := fmt.Sprintf("26.%d", max(0, 1+floorDiv(dm, 2)))
		p := applePatch(rel, "Safari "+v, "Safari"+v+".pkg", v, sevImportant, maskMac)
		p.reboot, p.size = false, g.sizeMB(90, 130)
		return p
	}
	return family{every: 2, phase: 1, days: thirdMonday, build: build}
}

// linuxPackage is a distribution package that gets security notices.
type linuxPackage struct {
	name     string // Debian package name, the patch file name on Ubuntu
	rpm      string // RPM package name on Red Hat
	display  string // as it appears in the notice title
	upstream string
	severity int
}

var linuxPackages = []linuxPackage{
	{"linux-image-generic", "kernel", "Linux kernel", "6.8.0", sevImportant},
	{"openssl", "openssl", "OpenSSL", "3.0.13", sevImportant},
	{"openssh-server", "openssh", "OpenSSH", "9.6p1", sevModerate},
	{"curl", "curl", "curl", "8.5.0", sevModerate},
	{"libc6", "glibc", "GNU C Library", "2.39", sevCritical},
	{"sudo", "sudo", "Sudo", "1.9.15p5", sevImportant},
	{"python3.12", "python3", "Python", "3.12.3", sevModerate},
	{"libxml2", "libxml2", "libxml2", "2.9.14", sevLow},
	{"vim", "vim", "Vim", "9.1.0016", sevLow},
	{"git", "git", "Git", "2.43.0", sevModerate},
}

func ubuntu(osFamily int) family {
	release, tag, offset := "Ubuntu 24.04 LTS", "24.04", 0
	if osFamily == osUbuntu2204 {
		release, tag, offset = "Ubuntu 22.04 LTS", "22.04", 1
	}
	build := func(g *catalogGen, rel time.Time, dm, n int) patch {
		pkg := linuxPackages[floorMod(dm*3+n*2+offset, len(linuxPackages))]
		usn := max(1, 7800+dm*55+rel.Day())
		version := fmt.Sprintf("%s-0ubuntu0.%s.%d", pkg.upstream, tag, max(1, 40+dm))
		return patch{
			title: fmt.Sprintf("USN-%d-1: %s vulnerabilities (%s)", usn, pkg.display, release),
			file:  pkg.name, vendor: "Canonical", kb: version,
			bulletin: fmt.Sprintf("USN-%d-1", usn), patchType: typeSecurity,
			platform: platLinux, severity: pkg.severity, uninstall: false,
			reboot: pkg.name == "linux-image-generic" || pkg.name == "libc6",
			osMask: 1 << osFamily, size: g.sizeMB(1, 120),
		}
	}
	return family{every: 1, days: fixedDays(4, 18), build: build}
}

func rhel() family {
	build := func(g *catalogGen, rel time.Time, dm, n int) patch {
		pkg := linuxPackages[floorMod(dm*5+n*3+1, len(linuxPackages))]
		advisory := max(1, 19000+dm*350+rel.Day()*7)
		version := fmt.Sprintf("%s-%d.el9_6", pkg.upstream, max(1, 20+dm))
		title := fmt.Sprintf("RHSA-%d:%d: %s security update (%s)", rel.Year(), advisory,
			pkg.display, severityNames[pkg.severity])
		return patch{
			title: title, file: pkg.rpm + "-" + version + ".x86_64.rpm", vendor: "Red Hat",
			kb: version, bulletin: fmt.Sprintf("RHSA-%d:%d", rel.Year(), advisory),
			patchType: typeSecurity, platform: platLinux, severity: pkg.severity,
			reboot: pkg.rpm == "kernel", osMask: 1 << osRHEL9,
			size: g.sizeMB(1, 90),
		}
	}
	return family{every: 1, days: fixedDays(7, 15, 26), build: build}
}
