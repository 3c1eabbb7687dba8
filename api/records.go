package api

// System is one row of patch/allsystems: a managed computer with its patch health.
type System struct {
	ResourceID         Int          `json:"resource_id"`
	Name               Text         `json:"resource_name"`
	Domain             Text         `json:"domain_netbios_name"`
	IP                 Text         `json:"ip_address"`
	BranchOffice       Text         `json:"branch_office_name"`
	Platform           Platform     `json:"os_platform_name"`
	OSName             Text         `json:"os_name"`
	ServicePack        Text         `json:"service_pack"`
	Health             HealthStatus `json:"resource_health_status"`
	Live               LiveStatus   `json:"computer_live_status"`
	Scan               ScanStatus   `json:"scan_status"`
	LastSuccessfulScan Time         `json:"last_successful_scan"`
	LastPatched        Time         `json:"last_patched_time"`
	LastContact        Time         `json:"agent_last_contact_time"`
	Remarks            Text         `json:"remarks"`
	ScanRemarks        Text         `json:"scan_remarks"`

	// Missing patches by severity.
	Critical  Int `json:"critical_patch_count"`
	Important Int `json:"important_patch_count"`
	Moderate  Int `json:"moderate_patch_count"`
	Low       Int `json:"low_patch_count"`
	Unrated   Int `json:"unrated_patch_count"`

	// Patch counts split into Microsoft (MS) and third-party (TP) patches.
	InstalledMS Int `json:"installed_ms_patches"`
	InstalledTP Int `json:"installed_tp_patches"`
	MissingMS   Int `json:"missing_ms_patches"`
	MissingTP   Int `json:"missing_tp_patches"`
	TotalMS     Int `json:"total_ms_patches"`
	TotalTP     Int `json:"total_tp_patches"`
}

type systemFields System

type systemWire struct {
	systemFields
	NameDotted       Text       `json:"resource.name"`
	DomainDotted     Text       `json:"resource.domain_netbios_name"`
	DomainUnderscore Text       `json:"resource_domain_netbios_name"`
	PlatformID       Platform   `json:"os_platform"`
	PlatformName     Platform   `json:"platform_name"`
	LiveAlt          LiveStatus `json:"live_status"`
	LastContactAlt   Time       `json:"last_contact_time"`
}

func (w *systemWire) row() System {
	s := System(w.systemFields)
	s.Name = firstText(s.Name, w.NameDotted)
	s.Domain = firstText(s.Domain, w.DomainDotted, w.DomainUnderscore)
	s.Platform = firstPlatform(s.Platform, w.PlatformID, w.PlatformName)
	s.Live = LiveStatus(firstInt(Int(s.Live), Int(w.LiveAlt)))
	s.LastContact = firstTime(s.LastContact, w.LastContactAlt)
	return s
}

// UnmarshalJSON decodes every documented key spelling of an allsystems row.
func (s *System) UnmarshalJSON(b []byte) error {
	return unmarshalRow(b, s, (*systemWire).row)
}

// Patch is one row of patch/allpatches: a patch applicable to managed systems.
type Patch struct {
	PatchID    Int            `json:"patch_id"`
	BulletinID Text           `json:"bulletin_id"`
	UpdateName Text           `json:"update_name"`
	Title      Text           `json:"patch_description"`
	FileName   Text           `json:"patch_name"`
	Vendor     Text           `json:"vendor_name"`
	KB         Text           `json:"sqnumber"`
	Platform   Platform       `json:"platform_name"`
	Severity   Severity       `json:"severity"`
	Approval   ApprovalStatus `json:"status_id"`
	ApprovedBy Text           `json:"first_name"`
	Installed  Int            `json:"installed"`
	Missing    Int            `json:"missing"`
	Failed     Int            `json:"failed"`
	Released   Time           `json:"patch_released_time"`
	Updated    Time           `json:"updated_time"`
	Size       Int            `json:"patch_size"` // bytes

	// RebootRequired is true when patch_noreboot is 1: PMP documents 1 as "reboot
	// required" despite the field name.
	RebootRequired     Bool `json:"-"`
	UninstallSupported Bool `json:"-"`
	Downloaded         Bool `json:"-"`
}

type patchFields Patch

type patchWire struct {
	patchFields
	PlatformID      Platform       `json:"platform"`
	PlatformOSName  Platform       `json:"os_platform_name"`
	UpdatedAlt      Time           `json:"patch_updated_time"`
	NoReboot        Int            `json:"patch_noreboot"`
	UninstallStatus Int            `json:"patch_uninstall_status"`
	DownloadStatus  downloadStatus `json:"download_status"`
}

func (w *patchWire) row() Patch {
	p := Patch(w.patchFields)
	p.Platform = firstPlatform(p.Platform, w.PlatformID, w.PlatformOSName)
	p.Updated = firstTime(p.Updated, w.UpdatedAlt)
	p.RebootRequired = flag(w.NoReboot)
	p.UninstallSupported = flag(w.UninstallStatus)
	p.Downloaded = w.DownloadStatus.Bool
	return p
}

// UnmarshalJSON decodes every documented key spelling of an allpatches row.
func (p *Patch) UnmarshalJSON(b []byte) error {
	return unmarshalRow(b, p, (*patchWire).row)
}

// SystemPatch is one row of patch/systemreport: a patch on one system.
type SystemPatch struct {
	PatchID          Int            `json:"patch_id"`
	UpdateID         Int            `json:"update_id"` // not unique, use PatchID as key
	FileName         Text           `json:"patch_name"`
	Title            Text           `json:"patch_description"`
	Vendor           Text           `json:"vendor_name"`
	BulletinID       Text           `json:"bulletin_id"`
	UpdateName       Text           `json:"update_name"`
	Platform         Platform       `json:"platform"`
	PatchType        Int            `json:"patch_type"`
	Severity         Severity       `json:"severity"`
	Approval         ApprovalStatus `json:"patch_status"`
	Status           PatchStatus    `json:"affected_patch_status"`
	DeploymentStatus Int            `json:"deployment_status"`
	DeployRemarks    Text           `json:"deploy_remarks"`
	Released         Time           `json:"patch_released_time"`
	ConfigName       Text           `json:"collection.collection_name"`

	// InstallErrorCode is not Valid when PMP sends -1 ("no error") or "--".
	InstallErrorCode   Int  `json:"install_error_code"`
	RebootRequired     Bool `json:"-"`
	UninstallSupported Bool `json:"-"`
	Downloaded         Bool `json:"-"`
}

type systemPatchFields SystemPatch

type systemPatchWire struct {
	systemPatchFields
	PatchIDAlt           Int            `json:"installpatchstatus.patch_id"`
	PlatformName         Platform       `json:"platform_name"`
	ConfigNameUnderscore Text           `json:"collection_collection_name"`
	ConfigNameShort      Text           `json:"collection_name"`
	NoReboot             Int            `json:"patch_noreboot"`
	UninstallStatus      Int            `json:"patch_uninstall_status"`
	DownloadStatus       downloadStatus `json:"download_status"`
}

func (w *systemPatchWire) row() SystemPatch {
	p := SystemPatch(w.systemPatchFields)
	p.PatchID = firstInt(p.PatchID, w.PatchIDAlt)
	p.Platform = firstPlatform(p.Platform, w.PlatformName)
	p.ConfigName = firstText(p.ConfigName, w.ConfigNameUnderscore, w.ConfigNameShort)
	p.InstallErrorCode = errorCode(p.InstallErrorCode)
	p.RebootRequired = flag(w.NoReboot)
	p.UninstallSupported = flag(w.UninstallStatus)
	p.Downloaded = w.DownloadStatus.Bool
	return p
}

// UnmarshalJSON decodes every documented key spelling of a systemreport row.
func (p *SystemPatch) UnmarshalJSON(b []byte) error {
	return unmarshalRow(b, p, (*systemPatchWire).row)
}

// PatchSystem is one row of patch/allpatchdetails: one patch on one system.
type PatchSystem struct {
	ResourceID    Int         `json:"resource_id"`
	Name          Text        `json:"resource.name"`
	Domain        Text        `json:"resource.domain_netbios_name"`
	BranchOffice  Text        `json:"branch_office_name"`
	OSName        Text        `json:"service_pack"` // OS display name, e.g. "Windows 11 (x64)"
	BulletinID    Text        `json:"bulletin_id"`
	UpdateName    Text        `json:"update_name"`
	KB            Text        `json:"sqnumber"`
	FileName      Text        `json:"patch_name"`
	PatchID       Int         `json:"patch_id"`
	Severity      Severity    `json:"severity"`
	Status        PatchStatus `json:"affected_patch_status"`
	Released      Time        `json:"patch_released_time"`
	Updated       Time        `json:"patch_updated_time"`
	DeployRemarks Text        `json:"deploy_remarks"`

	// InstallErrorCode is not Valid when PMP sends -1 ("no error") or "--".
	InstallErrorCode Int `json:"install_error_code"`
}

type patchSystemFields PatchSystem

type patchSystemWire struct {
	patchSystemFields
	ResourceIDDotted     Int  `json:"resource.resource_id"`
	ResourceIDUnderscore Int  `json:"resource_resource_id"`
	NameUnderscore       Text `json:"resource_name"`
	DomainUnderscore     Text `json:"resource_domain_netbios_name"`
	DomainPlain          Text `json:"domain_netbios_name"`
	OSNamePlain          Text `json:"os_name"`
	UpdatedAlt           Time `json:"updated_time"`
}

func (w *patchSystemWire) row() PatchSystem {
	p := PatchSystem(w.patchSystemFields)
	p.ResourceID = firstInt(p.ResourceID, w.ResourceIDDotted, w.ResourceIDUnderscore)
	p.Name = firstText(p.Name, w.NameUnderscore)
	p.Domain = firstText(p.Domain, w.DomainUnderscore, w.DomainPlain)
	p.OSName = firstText(p.OSName, w.OSNamePlain)
	p.Updated = firstTime(p.Updated, w.UpdatedAlt)
	p.InstallErrorCode = errorCode(p.InstallErrorCode)
	return p
}

// UnmarshalJSON decodes every documented key spelling of an allpatchdetails row.
func (p *PatchSystem) UnmarshalJSON(b []byte) error {
	return unmarshalRow(b, p, (*patchSystemWire).row)
}

// ScanDetail is one row of patch/scandetails: a system with scan and agent details.
type ScanDetail struct {
	ResourceID         Int           `json:"resource_id"`
	Name               Text          `json:"resource.name"`
	Domain             Text          `json:"domain_netbios_name"`
	IP                 Text          `json:"ip_address"`
	BranchOffice       Text          `json:"branch_office_name"`
	OSName             Text          `json:"os_name"`
	AgentVersion       Text          `json:"agent_version"`
	LoggedOnUsers      Text          `json:"agent_logged_on_users"`
	ScanRemarks        Text          `json:"scan_remarks"`
	StatusLabel        Text          `json:"status_label"` // i18n key or text
	Health             HealthStatus  `json:"resource_health_status"`
	Live               LiveStatus    `json:"computer_live_status"`
	Installation       InstallStatus `json:"installation_status"`
	Scan               ScanStatus    `json:"scan_status"`
	Platform           Platform      `json:"os_platform"`
	LastScan           Time          `json:"last_scan_time"`
	LastSuccessfulScan Time          `json:"last_successful_scan"`
	LastContact        Time          `json:"agent_last_contact_time"`
	AgentInstalledOn   Time          `json:"agent_installed_on"`
	ScanErrorCode      Int           `json:"patch_scan_error_code"` // not Valid for -1 or "--"
}

type scanDetailFields ScanDetail

type scanDetailWire struct {
	scanDetailFields
	HealthResourceID           Int           `json:"pmreshealthstatus.resource_id"`
	HealthResourceIDUnderscore Int           `json:"pmreshealthstatus_resource_id"`
	NameUnderscore             Text          `json:"resource_name"`
	DomainDotted               Text          `json:"resource.domain_netbios_name"`
	LoggedOnUsersAlt           Text          `json:"logged_on_users"`
	StatusLabelDotted          Text          `json:"patchstatusdefn.label"`
	StatusLabelUnderscore      Text          `json:"patchstatusdefn_label"`
	PatchStatusLabel           Text          `json:"patch_status_label"`
	LiveAlt                    LiveStatus    `json:"live_status"`
	InstallationAlt            InstallStatus `json:"agent_install_status"`
	PlatformName               Platform      `json:"os_platform_name"`
	PlatformID                 Platform      `json:"os_platform_id"`
	LastContactAlt             Time          `json:"last_contact_time"`
}

func (w *scanDetailWire) row() ScanDetail {
	s := ScanDetail(w.scanDetailFields)
	s.ResourceID = firstInt(s.ResourceID, w.HealthResourceID, w.HealthResourceIDUnderscore)
	s.Name = firstText(s.Name, w.NameUnderscore)
	s.Domain = firstText(s.Domain, w.DomainDotted)
	s.LoggedOnUsers = firstText(s.LoggedOnUsers, w.LoggedOnUsersAlt)
	s.StatusLabel = firstText(s.StatusLabel, w.StatusLabelDotted, w.StatusLabelUnderscore,
		w.PatchStatusLabel)
	s.Live = LiveStatus(firstInt(Int(s.Live), Int(w.LiveAlt)))
	s.Installation = InstallStatus(firstInt(Int(s.Installation), Int(w.InstallationAlt)))
	s.Platform = firstPlatform(s.Platform, w.PlatformName, w.PlatformID)
	s.LastContact = firstTime(s.LastContact, w.LastContactAlt)
	s.ScanErrorCode = errorCode(s.ScanErrorCode)
	return s
}

// UnmarshalJSON decodes every documented key spelling of a scandetails row.
func (s *ScanDetail) UnmarshalJSON(b []byte) error {
	return unmarshalRow(b, s, (*scanDetailWire).row)
}

// DeploymentPolicy is one row of patch/deploymentpolicies.
type DeploymentPolicy struct {
	TemplateID Int  `json:"template_id"` // DeploymentPolicyTemplateID of installpatch
	Name       Text `json:"template_name"`
	CreatedBy  Text `json:"first_name"`
	Created    Time `json:"creation_time"`
	Modified   Time `json:"modified_time"`
	Default    Bool `json:"set_as_default"`
	Alive      Bool `json:"is_template_alive"`
}

type deploymentPolicyWire struct {
	DeploymentPolicy
}

func (w *deploymentPolicyWire) row() DeploymentPolicy { return w.DeploymentPolicy }

// DeploymentConfig is one row of patch/viewconfig: a deployment configuration.
type DeploymentConfig struct {
	ConfigID     Int      `json:"config_id"`
	CollectionID Int      `json:"collection_id"`
	Name         Text     `json:"collection_name"`
	Status       Text     `json:"config_status"`
	Targets      Int      `json:"total_target_count"`
	Platform     Platform `json:"os_platform_name"`
	Created      Time     `json:"created_time"`
	Modified     Time     `json:"modified_time"`
}

type deploymentConfigFields DeploymentConfig

type deploymentConfigWire struct {
	deploymentConfigFields
	NameDotted   Text     `json:"collection.collection_name"`
	PlatformID   Platform `json:"collection_platform_id"`
	CreatedAlt   Time     `json:"creation_time"`
	StatusDotted Text     `json:"configstatusdefn.label"`
}

func (w *deploymentConfigWire) row() DeploymentConfig {
	d := DeploymentConfig(w.deploymentConfigFields)
	d.Name = firstText(d.Name, w.NameDotted)
	d.Platform = firstPlatform(d.Platform, w.PlatformID)
	d.Created = firstTime(d.Created, w.CreatedAlt)
	d.Status = firstText(d.Status, w.StatusDotted)
	return d
}

// UnmarshalJSON decodes every documented key spelling of a viewconfig row.
func (d *DeploymentConfig) UnmarshalJSON(b []byte) error {
	return unmarshalRow(b, d, (*deploymentConfigWire).row)
}
