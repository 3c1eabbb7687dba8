package api

// Computer is one row of som/computers: a computer in the scope of management.
type Computer struct {
	ResourceID    Int  `json:"resource_id"`
	Name          Text `json:"resource_name"`
	FullName      Text `json:"full_name"`
	FQDN          Text `json:"fqdn_name"`
	Domain        Text `json:"domain_netbios_name"`
	IP            Text `json:"ip_address"`
	MAC           Text `json:"mac_address"`
	OSName        Text `json:"os_name"`
	OSVersion     Text `json:"os_version"`
	ServicePack   Text `json:"service_pack"`
	AgentVersion  Text `json:"agent_version"`
	BranchOffice  Text `json:"branch_office_name"`
	Owner         Text `json:"owner"`
	OwnerEmail    Text `json:"owner_email_id"`
	Description   Text `json:"description"`
	Location      Text `json:"location"`
	LoggedOnUsers Text `json:"agent_logged_on_users"`
	Remarks       Text `json:"remarks"` // often an i18n key such as "dc.db.agent.install.success"

	Platform     Platform      `json:"os_platform"`
	Live         LiveStatus    `json:"computer_live_status"`
	Installation InstallStatus `json:"installation_status"`

	LastContact        Time `json:"agent_last_contact_time"`
	AgentInstalledOn   Time `json:"agent_installed_on"`
	AgentUninstalledOn Time `json:"agent_uninstalled_on"` // zero when never uninstalled
	LastSync           Time `json:"last_sync_time"`
	LiveStatusUpdated  Time `json:"live_status_update_time"`
}

type computerFields Computer

// computerWire adds the spellings of older EC samples and of the PMP SoM page
// (live_status, agent_install_status, logged_on_users, last_contact_time).
type computerWire struct {
	computerFields
	ResourceIDText   Int           `json:"resource_id_string"`
	NameDotted       Text          `json:"resource.name"`
	LoggedOnUsersAlt Text          `json:"logged_on_users"`
	PlatformName     Platform      `json:"os_platform_name"`
	LiveAlt          LiveStatus    `json:"live_status"`
	InstallationAlt  InstallStatus `json:"agent_install_status"`
	LastContactAlt   Time          `json:"last_contact_time"`
}

func (w *computerWire) row() Computer {
	c := Computer(w.computerFields)
	c.ResourceID = firstInt(c.ResourceID, w.ResourceIDText)
	c.Name = firstText(c.Name, w.NameDotted)
	c.LoggedOnUsers = firstText(c.LoggedOnUsers, w.LoggedOnUsersAlt)
	c.Platform = firstPlatform(c.Platform, w.PlatformName)
	c.Live = LiveStatus(firstInt(Int(c.Live), Int(w.LiveAlt)))
	c.Installation = InstallStatus(firstInt(Int(c.Installation), Int(w.InstallationAlt)))
	c.LastContact = firstTime(c.LastContact, w.LastContactAlt)
	return c
}

// UnmarshalJSON decodes every documented key spelling of a som/computers row.
func (c *Computer) UnmarshalJSON(b []byte) error {
	return unmarshalRow(b, c, (*computerWire).row)
}
