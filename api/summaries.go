package api

// ServerProperties lists the values PMP accepts in the domainfilter, branchofficefilter
// and customgroupfilter parameters.
type ServerProperties struct {
	BranchOffices []string
	Domains       []string
	CustomGroups  []string
}

type serverPropertiesWire struct {
	BranchOffices []Text `json:"branch_offices"`
	Domains       []Text `json:"domains"`
	CustomGroups  []Text `json:"custom_groups"`
}

func (w *serverPropertiesWire) value() *ServerProperties {
	return &ServerProperties{
		BranchOffices: texts(w.BranchOffices),
		Domains:       texts(w.Domains),
		CustomGroups:  texts(w.CustomGroups),
	}
}

// texts converts a list, dropping empty entries ("--" or null).
func texts(values []Text) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != "" {
			out = append(out, string(v))
		}
	}
	return out
}

// PatchSummary is patch/summary: the patch, system, scan, vulnerability database and
// automatic deployment counters of the whole estate.
type PatchSummary struct {
	Installed  Int `json:"installed_patches"`
	Applicable Int `json:"applicable_patches"`
	New        Int `json:"new_patches"`
	Missing    Int `json:"missing_patches"`

	MissingBySeverity SeverityCounts
	Systems           SystemCounts
	Scan              ScanCounts
	DB                DBUpdateStatus
	APD               APDSummary
}

// SeverityCounts counts missing patches by severity.
type SeverityCounts struct {
	Critical  Int `json:"critical_count"`
	Important Int `json:"important_count"`
	Moderate  Int `json:"moderate_count"`
	Low       Int `json:"low_count"`
	Unrated   Int `json:"unrated_count"`
	Total     Int `json:"total_count"`
}

// SystemCounts counts systems by health. Vulnerable is PMP's
// moderately_vulnerable_systems, health code 2.
type SystemCounts struct {
	Total            Int `json:"total_systems"`
	Healthy          Int `json:"healthy_systems"`
	Vulnerable       Int `json:"moderately_vulnerable_systems"`
	HighlyVulnerable Int `json:"highly_vulnerable_systems"`
	Unknown          Int `json:"health_unknown_systems"`
}

// ScanCounts counts systems by patch scan result.
type ScanCounts struct {
	Scanned   Int `json:"scanned_systems"`
	Unscanned Int `json:"unscanned_system_count"`
	Succeeded Int `json:"scan_success_count"`
	Failed    Int `json:"scan_failure_count"`
}

// APDSummary describes automatic patch deployment tasks.
type APDSummary struct {
	Tasks    Int  `json:"number_of_apd_tasks"`
	NextTask Text `json:"next_task"` // task name
	NextRun  Time `json:"next_task_scheduled_time"`
}

type patchSummaryWire struct {
	Patches struct {
		Installed  Int `json:"installed_patches"`
		Applicable Int `json:"applicable_patches"`
		New        Int `json:"new_patches"`
		Missing    Int `json:"missing_patches"`
	} `json:"patch_summary"`
	MissingBySeverity SeverityCounts `json:"missing_patch_severity_summary"`
	Systems           SystemCounts   `json:"system_summary"`
	Scan              ScanCounts     `json:"patch_scan_summary"`
	DB                DBUpdateStatus `json:"vulnerability_db_summary"`
	APD               APDSummary     `json:"apd_summary"`
}

func (w *patchSummaryWire) value() *PatchSummary {
	return &PatchSummary{
		Installed:         w.Patches.Installed,
		Applicable:        w.Patches.Applicable,
		New:               w.Patches.New,
		Missing:           w.Patches.Missing,
		MissingBySeverity: w.MissingBySeverity,
		Systems:           w.Systems,
		Scan:              w.Scan,
		DB:                w.DB,
		APD:               w.APD,
	}
}

// SoMSummary is som/summary: agent installation, last contact and live status counters.
type SoMSummary struct {
	Installation InstallationCounts
	LastContact  LastContactCounts
	Live         LiveCounts
}

// InstallationCounts counts computers by agent installation status.
type InstallationCounts struct {
	Total           Int `json:"total"`
	Installed       Int `json:"installed"`
	YetToInstall    Int `json:"yet_to_install"`
	Failed          Int `json:"installation_failed"`
	Uninstalled     Int `json:"uninstalled"`
	UninstallFailed Int `json:"uninstallation_failed"`
}

// LastContactCounts counts computers by the age of their last agent contact.
type LastContactCounts struct {
	Within3Days Int `json:"equal_3_day"`
	Days4To7    Int `json:"4_day_to_7_day"`
	Days8To15   Int `json:"8_day_to_15_day"`
	Days16To30  Int `json:"16_day_to_30_day"`
	Over30Days  Int `json:"greater_30_day"`
}

// LiveCounts counts computers by agent live status. Present is false when PMP sent no
// live_status_summary, which the 1.3 form of som/summary omits.
type LiveCounts struct {
	Live    Int  `json:"live"`
	Down    Int  `json:"down"`
	Unknown Int  `json:"unknown"`
	Present bool `json:"-"`
}

type somSummaryWire struct {
	Installation InstallationCounts `json:"installation_status_summary"`
	LastContact  LastContactCounts  `json:"last_contact_time_summary"`
	Live         *LiveCounts        `json:"live_status_summary"`
}

func (w *somSummaryWire) value() *SoMSummary {
	s := &SoMSummary{Installation: w.Installation, LastContact: w.LastContact}
	if w.Live != nil {
		s.Live = *w.Live
		s.Live.Present = true
	}
	return s
}

// HealthPolicy is patch/healthpolicy: the missing-patch thresholds that make a system
// "Vulnerable" or "Highly vulnerable".
type HealthPolicy struct {
	Vulnerable        HealthThresholds `json:"vulnerable"`
	HighlyVulnerable  HealthThresholds `json:"highly_vulnerable"`
	ExcludeThirdParty Bool             `json:"-"`
	OnlyApproved      Bool             `json:"-"`
}

// HealthThresholds holds missing-patch counts per severity.
type HealthThresholds struct {
	Critical  Int `json:"critical"`
	Important Int `json:"important"`
	Moderate  Int `json:"moderate"`
	Low       Int `json:"low"`
}

type healthPolicyWire struct {
	HealthPolicy
	Advanced struct {
		ExcludeThirdParty Bool `json:"exclude_tp_apps"`
		OnlyApproved      Bool `json:"consider_only_approved"`
	} `json:"advanced_settings"`
}

func (w *healthPolicyWire) value() *HealthPolicy {
	p := w.HealthPolicy
	p.ExcludeThirdParty = w.Advanced.ExcludeThirdParty
	p.OnlyApproved = w.Advanced.OnlyApproved
	return &p
}

// DBUpdateStatus is patch/dbupdatestatus: the state of the vulnerability database
// updates.
type DBUpdateStatus struct {
	LastStatus         Text `json:"last_db_update_status"` // "Success" or "Failed"
	LastUpdate         Time `json:"last_db_update_time"`
	NextUpdate         Time `json:"next_db_update_scheduled_time"`
	AutoUpdateDisabled Bool `json:"is_auto_db_update_disabled"`
}
