package pmptest

// Operating-system families that decide which patches apply to a computer.
const (
	osWin11v24H2 = iota
	osWin11v23H2
	osWin10v22H2
	osServer2025
	osServer2022
	osServer2019
	osServer2016
	osMacSequoia
	osMacSonoma
	osUbuntu2404
	osUbuntu2204
	osRHEL9
)

// Family masks used by patch families.
const (
	maskWinDesktop = 1<<osWin11v24H2 | 1<<osWin11v23H2 | 1<<osWin10v22H2
	maskWinServer  = 1<<osServer2025 | 1<<osServer2022 | 1<<osServer2019 | 1<<osServer2016
	maskWindows    = maskWinDesktop | maskWinServer
	maskMac        = 1<<osMacSequoia | 1<<osMacSonoma
)

// Computer kinds, chosen first when a computer is generated.
const (
	kindDesktop = iota
	kindServer
	kindMac
	kindLinux
)

// kindWeights are the relative shares of the computer kinds, in kind order.
var kindWeights = []int{74, 13, 8, 5}

// osInfo is one operating-system build as PMP reports it.
type osInfo struct {
	family   int
	name     string // os_name
	version  string // os_version
	display  string // service_pack: PMP's display name of the OS
	platform int
	kind     int
	weight   int // relative share within the kind
}

var osTable = []osInfo{
	{osWin11v24H2, "Windows 11 Professional Edition (x64)", "10.0.26100",
		"Windows 11 Version 24H2 (x64)", platWindows, kindDesktop, 30},
	{osWin11v24H2, "Windows 11 Enterprise Edition (x64)", "10.0.26100",
		"Windows 11 Version 24H2 (x64)", platWindows, kindDesktop, 12},
	{osWin11v23H2, "Windows 11 Professional Edition (x64)", "10.0.22631",
		"Windows 11 Version 23H2 (x64)", platWindows, kindDesktop, 14},
	{osWin10v22H2, "Windows 10 Professional Edition (x64)", "10.0.19045",
		"Windows 10 Version 22H2 (x64)", platWindows, kindDesktop, 16},
	{osWin10v22H2, "Windows 10 Enterprise Edition (x64)", "10.0.19045",
		"Windows 10 Version 22H2 (x64)", platWindows, kindDesktop, 6},
	{osServer2025, "Windows Server 2025 Standard Edition (x64)", "10.0.26100",
		"Windows Server 2025 (x64)", platWindows, kindServer, 2},
	{osServer2022, "Windows Server 2022 Standard Edition (x64)", "10.0.20348",
		"Windows Server 2022 (x64)", platWindows, kindServer, 6},
	{osServer2022, "Windows Server 2022 Datacenter Edition (x64)", "10.0.20348",
		"Windows Server 2022 (x64)", platWindows, kindServer, 3},
	{osServer2019, "Windows Server 2019 Standard Edition (x64)", "10.0.17763",
		"Windows Server 2019 (x64)", platWindows, kindServer, 4},
	{osServer2016, "Windows Server 2016 Standard Edition (x64)", "10.0.14393",
		"Windows Server 2016 (x64)", platWindows, kindServer, 2},
	{osMacSequoia, "macOS Sequoia 15.6.1", "15.6.1", "macOS 15 Sequoia (arm64)",
		platMac, kindMac, 6},
	{osMacSonoma, "macOS Sonoma 14.7.6", "14.7.6", "macOS 14 Sonoma (x64)",
		platMac, kindMac, 3},
	{osUbuntu2404, "Ubuntu 24.04.3 LTS", "24.04", "Ubuntu 24.04 LTS (x64)",
		platLinux, kindLinux, 3},
	{osUbuntu2204, "Ubuntu 22.04.5 LTS", "22.04", "Ubuntu 22.04 LTS (x64)",
		platLinux, kindLinux, 2},
	{osRHEL9, "Red Hat Enterprise Linux 9.6", "9.6", "Red Hat Enterprise Linux 9 (x64)",
		platLinux, kindLinux, 2},
}

// Installed applications that third-party and product patches require.
const (
	appOffice uint16 = 1 << iota
	appChrome
	appFirefox
	appAdobe
	appJava
	app7Zip
	appNotepad
	appZoom
	appVLC
	appSQL
)

// appShare is the chance that a computer of a kind has an application installed.
type appShare struct {
	app   uint16
	share [4]float64 // by kind: desktop, server, Mac, Linux
}

var appShares = []appShare{
	{appOffice, [4]float64{0.85, 0.05, 0, 0}},
	{appChrome, [4]float64{0.75, 0.15, 0.70, 0}},
	{appFirefox, [4]float64{0.30, 0.02, 0.25, 0}},
	{appAdobe, [4]float64{0.60, 0.10, 0.40, 0}},
	{appJava, [4]float64{0.15, 0.20, 0, 0}},
	{app7Zip, [4]float64{0.35, 0.40, 0, 0}},
	{appNotepad, [4]float64{0.20, 0.30, 0, 0}},
	{appZoom, [4]float64{0.55, 0, 0.65, 0}},
	{appVLC, [4]float64{0.20, 0, 0, 0}},
	{appSQL, [4]float64{0, 0.25, 0, 0}},
}

// Agent versions with their relative shares. Older versions are rarer.
var agentVersions = []string{"11.4.2516.1", "11.4.2508.3", "11.3.2440.10", "11.2.2345.5"}

var agentVersionWeights = []int{60, 25, 10, 5}

// agentDirs are agent_installed_dir values by platform.
var agentDirs = [...]string{
	platWindows: `C:\Program Files (x86)\ManageEngine\UEMS_Agent`,
	platMac:     "/Library/ManageEngine/UEMS_Agent",
	platLinux:   "/usr/local/manageengine/uems_agent",
}
