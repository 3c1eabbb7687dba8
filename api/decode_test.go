package api

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// bodyDecoder decodes a whole response body the way the matching Client method does.
type bodyDecoder func(body []byte) (any, error)

func okResponse(body []byte) *response {
	return &response{status: http.StatusOK, header: http.Header{}, body: body}
}

func listDecoder[W, T any](ep listEndpoint, convert func(*W) T) bodyDecoder {
	return func(body []byte) (any, error) {
		return decodeList(ep, body, Query{}, convert)
	}
}

// decodeList decodes a list body the way getList does after the HTTP call.
func decodeList[W, T any](ep listEndpoint, body []byte, q Query,
	convert func(*W) T) (*Page[T], error) {
	rq := &request{kind: kindRead, method: http.MethodGet, endpoint: ep.path, keys: ep.keys}

	var env listEnvelope[W]
	key, err := decodeResponse(rq, okResponse(body), &env)
	if err != nil {
		return nil, err
	}
	return newPage(ep.path, env.MessageResponse, env.MessageResponse.rows(key), q, convert)
}

func objectDecoder[W, T any](endpoint, key string, convert func(*W) *T) bodyDecoder {
	return func(body []byte) (any, error) {
		rq := &request{kind: kindRead, method: http.MethodGet, endpoint: endpoint,
			keys: []string{key}}

		var env objectEnvelope[W]
		if _, err := decodeResponse(rq, okResponse(body), &env); err != nil {
			return nil, err
		}
		return convert(env.object(key)), nil
	}
}

func authDecoder(kind callKind, endpoint string) bodyDecoder {
	return func(body []byte) (any, error) {
		rq := &request{kind: kind, method: http.MethodPost, endpoint: endpoint,
			keys: []string{keyAuthentication}}

		var env objectEnvelope[authWire]
		if _, err := decodeResponse(rq, okResponse(body), &env); err != nil {
			return nil, err
		}
		return env.object(keyAuthentication).result(endpoint, "fallback")
	}
}

func discoverDecoder(body []byte) (any, error) {
	return objectDecoder(discoverEndpoint, keyDiscover, (*discoverWire).value)(body)
}

// bodyDecoders maps each sample file in testdata to its decoder.
var bodyDecoders = map[string]bodyDecoder{
	"allsystems.json":         listDecoder(allSystemsEndpoint, (*systemWire).row),
	"allpatches.json":         listDecoder(allPatchesEndpoint, (*patchWire).row),
	"computers.json":          listDecoder(computersEndpoint, (*computerWire).row),
	"systemreport.json":       listDecoder(systemReportEndpoint, (*systemPatchWire).row),
	"allpatchdetails.json":    listDecoder(allPatchDetailsEndpoint, (*patchSystemWire).row),
	"scandetails.json":        listDecoder(scanDetailsEndpoint, (*scanDetailWire).row),
	"deploymentpolicies.json": listDecoder(deploymentPoliciesEndpoint, (*deploymentPolicyWire).row),
	"viewconfig.json":         listDecoder(viewConfigEndpoint, (*deploymentConfigWire).row),
	"serverproperties.json": objectDecoder("desktop/serverproperties", "serverproperties",
		(*serverPropertiesWire).value),
	"patch_summary.json": objectDecoder("patch/summary", "summary", (*patchSummaryWire).value),
	"som_summary.json":   objectDecoder("som/summary", "summary", (*somSummaryWire).value),
	"healthpolicy.json": objectDecoder("patch/healthpolicy", "healthpolicy",
		(*healthPolicyWire).value),
	"dbupdatestatus.json": objectDecoder("patch/dbupdatestatus", "dbupdatestatus",
		func(s *DBUpdateStatus) *DBUpdateStatus { return s }),
	"authentication.json":     authDecoder(kindLogin, authenticationEndpoint),
	"authentication_otp.json": authDecoder(kindLogin, authenticationEndpoint),
	"error.json":              authDecoder(kindLogin, authenticationEndpoint),
	"discover.json":           discoverDecoder,
}

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("reading sample: %v", err)
	}
	return body
}

// timeEqual compares Time values by instant, because Time embeds time.Time.
var timeEqual = cmp.Comparer(func(a, b Time) bool { return a.Equal(b.Time) })

func ms(v int64) Time { return Time{time.UnixMilli(v).UTC()} }

func valid(v int64) Int { return Int{Value: v, Valid: true} }

func TestSampleFilesHaveDecoders(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if _, ok := bodyDecoders[filepath.Base(file)]; !ok {
			t.Errorf("no decoder for %s", file)
		}
	}
}

func TestDecodeSamples(t *testing.T) {
	for name, decode := range bodyDecoders {
		t.Run(name, func(t *testing.T) {
			_, err := decode(readSample(t, name))
			if name == "error.json" {
				if !errors.Is(err, ErrBadCredentials) {
					t.Errorf("got %v, want ErrBadCredentials", err)
				}
				return
			}
			if err != nil {
				t.Errorf("decoding: %v", err)
			}
		})
	}
}

func TestDecodeAllSystemsSample(t *testing.T) {
	got, err := bodyDecoders["allsystems.json"](readSample(t, "allsystems.json"))
	if err != nil {
		t.Fatal(err)
	}

	want := &Page[System]{Total: 128, Limit: 25, Page: 1, Rows: []System{{
		ResourceID: valid(30917), Name: "WS-0042", Domain: "CORP", IP: "10.20.14.42",
		BranchOffice: "Local Office", Platform: Platform(valid(1)),
		OSName:      "Windows 11 Professional Edition (x64)",
		ServicePack: "Windows 11 Version 24H2 (x64)",
		Health:      HealthStatus(valid(3)), Live: LiveStatus(valid(1)),
		Scan:               ScanStatus(valid(228)),
		LastSuccessfulScan: ms(1762990000000), LastPatched: ms(1762300000000),
		LastContact: ms(1763001234000), Remarks: "dc.db.agent.config.patchscan.success",
		ScanRemarks: "dc.db.agent.config.patchscan.success",
		Critical:    valid(2), Important: valid(3), Moderate: valid(0), Low: valid(0),
		Unrated: valid(1), InstalledMS: valid(41), InstalledTP: valid(9), MissingMS: valid(4),
		MissingTP: valid(2), TotalMS: valid(45), TotalTP: valid(11),
	}}}
	if diff := cmp.Diff(want, got, timeEqual); diff != "" {
		t.Errorf("allsystems mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeAllPatchesSample(t *testing.T) {
	got, err := bodyDecoders["allpatches.json"](readSample(t, "allpatches.json"))
	if err != nil {
		t.Fatal(err)
	}

	want := &Page[Patch]{Total: 2415, Limit: 25, Page: 1, Rows: []Patch{{
		PatchID: valid(412877), BulletinID: "MS25-NOV", UpdateName: "Security Updates",
		Title:    "2025-11 Cumulative Update for Windows 11 24H2 (KB5068861)",
		FileName: "windows11.0-kb5068861-x64.msu", Vendor: "Microsoft", KB: "5068861",
		Platform: Platform(valid(1)), Severity: Severity(valid(4)),
		Approval: ApprovalStatus(valid(211)), ApprovedBy: "DC-SYSTEM-USER",
		Installed: valid(96), Missing: valid(12), Released: ms(1762819200000),
		Updated: ms(1762905600000), Size: valid(612432896),
		RebootRequired: Bool{true, true}, UninstallSupported: Bool{true, true},
		Downloaded: Bool{true, true},
	}}}
	if diff := cmp.Diff(want, got, timeEqual); diff != "" {
		t.Errorf("allpatches mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeComputersSample(t *testing.T) {
	got, err := bodyDecoders["computers.json"](readSample(t, "computers.json"))
	if err != nil {
		t.Fatal(err)
	}

	want := &Page[Computer]{Total: 140, Limit: 25, Page: 1, Rows: []Computer{{
		ResourceID: valid(30917), Name: "WS-0042", FullName: "WS-0042.corp.example",
		FQDN: "WS-0042.corp.example", Domain: "CORP", IP: "10.20.14.42",
		MAC: "00:15:5D:0A:2B:42", OSName: "Windows 11 Professional Edition (x64)",
		OSVersion: "10.0.26100", ServicePack: "Windows 11 Version 24H2 (x64)",
		AgentVersion: "11.4.2516.1", BranchOffice: "Local Office", LoggedOnUsers: "jdoe",
		Remarks: "dc.db.agent.install.success", Platform: Platform(valid(1)),
		Live: LiveStatus(valid(1)), Installation: InstallStatus(valid(22)),
		LastContact: ms(1763001234000), AgentInstalledOn: ms(1701234567890),
		LastSync: ms(1763001000000), LiveStatusUpdated: ms(1763001234000),
	}}}
	if diff := cmp.Diff(want, got, timeEqual); diff != "" {
		t.Errorf("computers mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeSystemReportSample(t *testing.T) {
	got, err := bodyDecoders["systemreport.json"](readSample(t, "systemreport.json"))
	if err != nil {
		t.Fatal(err)
	}

	want := &Page[SystemPatch]{Total: 1, Limit: 25, Page: 1, Rows: []SystemPatch{{
		PatchID: valid(412877), UpdateID: valid(0), FileName: "windows11.0-kb5068861-x64.msu",
		Title:  "2025-11 Cumulative Update for Windows 11 24H2 (KB5068861)",
		Vendor: "Microsoft", BulletinID: "MS25-NOV", UpdateName: "Security Updates",
		Platform: Platform(valid(1)), PatchType: valid(0), Severity: Severity(valid(4)),
		Approval: ApprovalStatus(valid(211)), Status: PatchStatus(valid(202)),
		DeploymentStatus: valid(209), Released: ms(1762819200000),
		ConfigName: "Nov Workstations", RebootRequired: Bool{true, true},
		UninstallSupported: Bool{true, true}, Downloaded: Bool{true, true},
	}}}
	if diff := cmp.Diff(want, got, timeEqual); diff != "" {
		t.Errorf("systemreport mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeAllPatchDetailsSample(t *testing.T) {
	got, err := bodyDecoders["allpatchdetails.json"](readSample(t, "allpatchdetails.json"))
	if err != nil {
		t.Fatal(err)
	}

	want := &Page[PatchSystem]{Total: 2, Limit: 25, Page: 1, Rows: []PatchSystem{{
		ResourceID: valid(30917), Name: "WS-0042", Domain: "CORP", BranchOffice: "Local Office",
		OSName: "Windows 11 Version 24H2 (x64)", BulletinID: "MS25-NOV",
		UpdateName: "Security Updates", KB: "5068861", PatchID: valid(412877),
		Severity: Severity(valid(4)), Status: PatchStatus(valid(202)),
		Released: ms(1762819200000), Updated: ms(1762905600000),
	}}}
	if diff := cmp.Diff(want, got, timeEqual); diff != "" {
		t.Errorf("allpatchdetails mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeScanDetailsSample(t *testing.T) {
	got, err := bodyDecoders["scandetails.json"](readSample(t, "scandetails.json"))
	if err != nil {
		t.Fatal(err)
	}

	want := &Page[ScanDetail]{Total: 128, Limit: 25, Page: 1, Rows: []ScanDetail{{
		ResourceID: valid(30917), Name: "WS-0042", Domain: "CORP", IP: "10.20.14.42",
		BranchOffice: "Local Office", OSName: "Windows 11 Professional Edition (x64)",
		AgentVersion: "11.4.2516.1", ScanRemarks: "dc.db.agent.config.patchscan.success",
		StatusLabel: "dc.common.SCANNING_COMPLETED", Health: HealthStatus(valid(3)),
		Live: LiveStatus(valid(1)), Installation: InstallStatus(valid(22)),
		Scan: ScanStatus(valid(228)), Platform: Platform(valid(1)),
		LastScan: ms(1762990000000), LastSuccessfulScan: ms(1762990000000),
		LastContact: ms(1763001234000), AgentInstalledOn: ms(1701234567890),
	}}}
	if diff := cmp.Diff(want, got, timeEqual); diff != "" {
		t.Errorf("scandetails mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeSmallSamples(t *testing.T) {
	tests := []struct {
		file string
		want any
	}{
		{"deploymentpolicies.json", &Page[DeploymentPolicy]{Total: 2, Limit: 25, Page: 1,
			Rows: []DeploymentPolicy{{TemplateID: valid(1),
				Name: "Deploy any time at the earliest", CreatedBy: "admin",
				Created: ms(1690000000000), Modified: ms(1690000000000),
				Default: Bool{true, true}, Alive: Bool{true, true}}}}},
		{"viewconfig.json", &Page[DeploymentConfig]{Total: 1, Limit: 25, Page: 1,
			Rows: []DeploymentConfig{{ConfigID: valid(9101), CollectionID: valid(9101),
				Name: "Nov Workstations", Targets: valid(96), Platform: Platform(valid(1))}}}},
		{"serverproperties.json", &ServerProperties{
			BranchOffices: []string{"Local Office", "Branch-North"},
			Domains:       []string{"CORP", "WORKGROUP"},
			CustomGroups:  []string{"All Computers Group", "Finance PCs"}}},
		{"healthpolicy.json", &HealthPolicy{
			Vulnerable: HealthThresholds{Critical: valid(0), Important: valid(5),
				Moderate: valid(10), Low: valid(20)},
			HighlyVulnerable: HealthThresholds{Critical: valid(1), Important: valid(6),
				Moderate: valid(11), Low: valid(21)},
			ExcludeThirdParty: Bool{false, true}, OnlyApproved: Bool{false, true}}},
		{"dbupdatestatus.json", &DBUpdateStatus{LastStatus: "Success",
			LastUpdate: ms(1767139200000), NextUpdate: ms(1767225600000),
			AutoUpdateDisabled: Bool{false, true}}},
		{"som_summary.json", &SoMSummary{
			Installation: InstallationCounts{Total: valid(140), Installed: valid(128),
				YetToInstall: valid(7), Failed: valid(3), Uninstalled: valid(2),
				UninstallFailed: valid(0)},
			LastContact: LastContactCounts{Within3Days: valid(119), Days4To7: valid(4),
				Days8To15: valid(2), Days16To30: valid(1), Over30Days: valid(2)},
			Live: LiveCounts{Live: valid(101), Down: valid(25), Unknown: valid(2),
				Present: true}}},
		{"discover.json", &Discover{Domains: []string{"corp"}, DefaultDomain: "CORP",
			BuildNo: "110520", LicenseType: "R", BaseLanguage: "en_US",
			ServerIP: "10.20.0.15"}},
		{"authentication.json", &LoginResult{Token: "9C0F3B1E-52A7-4D1C-8E2B-7A41D06F5C33",
			User: User{ID: 701, Name: "helpdesk1", AuthType: "Local Authentication"}}},
		{"authentication_otp.json", &LoginResult{User: User{Name: "fallback"},
			OTP: &OTPChallenge{UID: "jdoe", NeedsEnrolment: true, RememberDays: 120}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := bodyDecoders[tt.file](readSample(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, timeEqual); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodePatchSummarySample(t *testing.T) {
	got, err := bodyDecoders["patch_summary.json"](readSample(t, "patch_summary.json"))
	if err != nil {
		t.Fatal(err)
	}

	want := &PatchSummary{
		Installed: valid(1840), Applicable: valid(2415), New: valid(57), Missing: valid(575),
		MissingBySeverity: SeverityCounts{Critical: valid(61), Important: valid(212),
			Moderate: valid(40), Low: valid(18), Unrated: valid(244), Total: valid(575)},
		Systems: SystemCounts{Total: valid(128), Healthy: valid(70), Vulnerable: valid(21),
			HighlyVulnerable: valid(35), Unknown: valid(2)},
		Scan: ScanCounts{Scanned: valid(126), Unscanned: valid(2), Succeeded: valid(119),
			Failed: valid(7)},
		DB: DBUpdateStatus{LastStatus: "Success", LastUpdate: ms(1767139200000),
			NextUpdate: ms(1767225600000), AutoUpdateDisabled: Bool{false, true}},
		APD: APDSummary{Tasks: valid(4), NextTask: "Weekly Workstations",
			NextRun: ms(1767312000000)},
	}
	if diff := cmp.Diff(want, got, timeEqual); diff != "" {
		t.Errorf("patch summary mismatch (-want +got):\n%s", diff)
	}
}

// listBody wraps rows in a list envelope.
func listBody(key, extra, rows string) []byte {
	return []byte(`{"status":"success","message_type":"` + key + `","message_response":{` +
		extra + `"` + key + `":[` + rows + `]}}`)
}

func TestDecodeKeyVariants(t *testing.T) {
	tests := []struct {
		name   string
		decode bodyDecoder
		body   []byte
		check  func(t *testing.T, got any)
	}{
		{
			name:   "allsystems dotted name and old live key",
			decode: bodyDecoders["allsystems.json"],
			body: listBody("allsystems", `"total":1,`, `{"resource.name":"WS-1",`+
				`"resource.domain_netbios_name":"CORP","live_status":2,"os_platform":3,`+
				`"last_contact_time":1763001234000}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[System]).Rows[0]
				expectEqual(t, "Name", row.Name, Text("WS-1"))
				expectEqual(t, "Domain", row.Domain, Text("CORP"))
				expectEqual(t, "Live", row.Live.Label(), "Down")
				expectEqual(t, "Platform", row.Platform.Label(), "Linux")
				expectEqual(t, "LastContact", row.LastContact.UnixMilli(), int64(1763001234000))
			},
		},
		{
			name:   "allsystems rows under computers",
			decode: bodyDecoders["allsystems.json"],
			body:   listBody("computers", `"total":"1",`, `{"resource_name":"WS-2"}`),
			check: func(t *testing.T, got any) {
				page := got.(*Page[System])
				expectEqual(t, "Total", page.Total, 1)
				expectEqual(t, "Name", page.Rows[0].Name, Text("WS-2"))
			},
		},
		{
			name:   "scandetails underscore variants",
			decode: bodyDecoders["scandetails.json"],
			body: listBody("scandetails", `"total":1,`, `{"pmreshealthstatus_resource_id":"77",`+
				`"resource_name":"WS-3","logged_on_users":"jdoe","patchstatusdefn_label":"x",`+
				`"os_platform_name":"Mac","agent_install_status":23}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[ScanDetail]).Rows[0]
				expectEqual(t, "ResourceID", row.ResourceID, valid(77))
				expectEqual(t, "Name", row.Name, Text("WS-3"))
				expectEqual(t, "LoggedOnUsers", row.LoggedOnUsers, Text("jdoe"))
				expectEqual(t, "StatusLabel", row.StatusLabel, Text("x"))
				expectEqual(t, "Platform", row.Platform.Label(), "Mac")
				expectEqual(t, "Installation", row.Installation.Label(), "Uninstalled")
			},
		},
		{
			name:   "scandetails dotted resource id",
			decode: bodyDecoders["scandetails.json"],
			body: listBody("scandetails", `"total":1,`,
				`{"pmreshealthstatus.resource_id":78,"resource.name":"WS-4"}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[ScanDetail]).Rows[0]
				expectEqual(t, "ResourceID", row.ResourceID, valid(78))
				expectEqual(t, "Name", row.Name, Text("WS-4"))
			},
		},
		{
			name:   "computers old sample keys",
			decode: bodyDecoders["computers.json"],
			body: listBody("computers", `"total":1,`, `{"resource_id_string":"30917",`+
				`"logged_on_users":"ann","last_contact_time":"1763001234000",`+
				`"live_status":"1","agent_install_status":"22","os_platform_name":"Windows"}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[Computer]).Rows[0]
				expectEqual(t, "ResourceID", row.ResourceID, valid(30917))
				expectEqual(t, "LoggedOnUsers", row.LoggedOnUsers, Text("ann"))
				expectEqual(t, "LastContact", row.LastContact.UnixMilli(), int64(1763001234000))
				expectEqual(t, "Live", row.Live.Label(), "Live")
				expectEqual(t, "Installation", row.Installation.Label(), "Installed")
				expectEqual(t, "Platform", row.Platform.Label(), "Windows")
			},
		},
		{
			name:   "computers prefers agent last contact",
			decode: bodyDecoders["computers.json"],
			body: listBody("computers", `"total":1,`,
				`{"agent_last_contact_time":2000000000000,"last_contact_time":1763001234000}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[Computer]).Rows[0]
				expectEqual(t, "LastContact", row.LastContact.UnixMilli(), int64(2000000000000))
			},
		},
		{
			name:   "allpatchdetails underscore names",
			decode: bodyDecoders["allpatchdetails.json"],
			body: listBody("allpatchdetails", `"total":1,`, `{"resource_name":"WS-5",`+
				`"resource_domain_netbios_name":"LAB","install_error_code":-1,`+
				`"updated_time":1762905600000}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[PatchSystem]).Rows[0]
				expectEqual(t, "Name", row.Name, Text("WS-5"))
				expectEqual(t, "Domain", row.Domain, Text("LAB"))
				expectEqual(t, "InstallErrorCode", row.InstallErrorCode, Int{})
				expectEqual(t, "Updated", row.Updated.UnixMilli(), int64(1762905600000))
			},
		},
		{
			name:   "systemreport underscore config name and dashes",
			decode: bodyDecoders["systemreport.json"],
			body: listBody("systemreport", `"total":1,`, `{"collection_collection_name":"Cfg",`+
				`"download_status":"--","patch_noreboot":"--","install_error_code":"0x80070005",`+
				`"platform_name":"Linux"}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[SystemPatch]).Rows[0]
				expectEqual(t, "ConfigName", row.ConfigName, Text("Cfg"))
				expectEqual(t, "Downloaded", row.Downloaded, Bool{false, true})
				expectEqual(t, "RebootRequired", row.RebootRequired, Bool{})
				expectEqual(t, "InstallErrorCode", row.InstallErrorCode, Int{})
				expectEqual(t, "Platform", row.Platform.Label(), "Linux")
			},
		},
		{
			name:   "allpatches dashes everywhere",
			decode: bodyDecoders["allpatches.json"],
			body: listBody("allpatches", `"total":1,`, `{"patch_id":"--","bulletin_id":"--",`+
				`"severity":"--","status_id":"--","installed":"--","patch_released_time":"--",`+
				`"patch_noreboot":0,"download_status":"--","patch_size":"--"}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[Patch]).Rows[0]
				expectEqual(t, "PatchID", row.PatchID, Int{})
				expectEqual(t, "BulletinID", row.BulletinID, Text(""))
				expectEqual(t, "Severity", row.Severity.Label(), "unknown")
				expectEqual(t, "Approval", row.Approval.Label(), "unknown")
				expectEqual(t, "Installed", row.Installed, Int{})
				expectEqual(t, "Released", row.Released.IsZero(), true)
				expectEqual(t, "RebootRequired", row.RebootRequired, Bool{false, true})
				expectEqual(t, "Downloaded", row.Downloaded, Bool{false, true})
			},
		},
		{
			name:   "allpatches unknown codes stay visible",
			decode: bodyDecoders["allpatches.json"],
			body: listBody("allpatches", `"total":1,`,
				`{"severity":217,"status_id":"213","platform_name":"Solaris"}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[Patch]).Rows[0]
				expectEqual(t, "Severity", row.Severity.Label(), "unknown (code 217)")
				expectEqual(t, "Approval", row.Approval.Label(), "unknown (code 213)")
				expectEqual(t, "Platform", row.Platform.Label(), "unknown")
			},
		},
		{
			name:   "viewconfig platform id and dotted name",
			decode: bodyDecoders["viewconfig.json"],
			body: listBody("viewconfig", `"total":1,`,
				`{"collection.collection_name":"C1","collection_platform_id":2}`),
			check: func(t *testing.T, got any) {
				row := got.(*Page[DeploymentConfig]).Rows[0]
				expectEqual(t, "Name", row.Name, Text("C1"))
				expectEqual(t, "Platform", row.Platform.Label(), "Mac")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.decode(tt.body)
			if err != nil {
				t.Fatalf("decoding: %v", err)
			}
			tt.check(t, got)
		})
	}
}

func TestDecodePaging(t *testing.T) {
	tests := []struct {
		name      string
		extra     string
		query     Query
		wantLimit int
		wantPage  int
	}{
		{"present", `"total":5,"limit":10,"page":2,`, Query{}, 10, 2},
		{"missing uses defaults", `"total":5,`, Query{}, 25, 1},
		{"missing uses request", `"total":5,`, Query{Page: 3, PageLimit: 50}, 50, 3},
		{"strings", `"total":"5","limit":"10","page":"2",`, Query{}, 10, 2},
		{"dashes use request", `"total":5,"limit":"--","page":"--",`, Query{Page: 4}, 25, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := decodeList(allSystemsEndpoint, listBody("allsystems", tt.extra, `{}`),
				tt.query, (*systemWire).row)
			if err != nil {
				t.Fatal(err)
			}
			expectEqual(t, "Total", page.Total, 5)
			expectEqual(t, "Limit", page.Limit, tt.wantLimit)
			expectEqual(t, "Page", page.Page, tt.wantPage)
		})
	}
}

func TestDecodeBadResponses(t *testing.T) {
	decode := bodyDecoders["allsystems.json"]
	tests := []struct {
		name     string
		body     string
		wantText string
	}{
		{"missing list key", `{"status":"success","message_response":{"total":1}}`,
			`missing or null "allsystems" or "computers"`},
		{"null list", `{"status":"success","message_response":{"total":1,"allsystems":null}}`,
			"null"},
		{"missing total", `{"status":"success","message_response":{"allsystems":[]}}`,
			`"total"`},
		{"dash total", `{"status":"success","message_response":{"total":"--","allsystems":[]}}`,
			`"total"`},
		{"missing message_response", `{"status":"success"}`, "message_response"},
		{"missing status", `{"message_response":{"total":0,"allsystems":[]}}`, "status"},
		{"html", `<html><body>Login</body></html>`, "HTML"},
		{"truncated", `{"status":"success","message_response":{"total":1,"allsys`,
			"not valid JSON"},
		{"empty", ``, "empty"},
		{"array", `[1,2]`, "unexpected JSON array"},
		{"list is object", `{"status":"success","message_response":{"total":1,"allsystems":{}}}`,
			"allsystems"},
		{"row field is object",
			`{"status":"success","message_response":{"total":1,"allsystems":[{"resource_id":{}}]}}`,
			"allsystems"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode([]byte(tt.body))
			if !errors.Is(err, ErrBadResponse) {
				t.Fatalf("got %v, want ErrBadResponse", err)
			}
			if !strings.Contains(err.Error(), "patch/allsystems") {
				t.Errorf("error %q does not name the endpoint", err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
		})
	}
}

func TestDecodeEmptyListIsNotError(t *testing.T) {
	got, err := bodyDecoders["allsystems.json"](listBody("allsystems", `"total":128,`, ""))
	if err != nil {
		t.Fatal(err)
	}

	page := got.(*Page[System])
	expectEqual(t, "Total", page.Total, 128)
	expectEqual(t, "len(Rows)", len(page.Rows), 0)
}

func TestDecodeSingleRecord(t *testing.T) {
	var s ScanDetail
	err := s.UnmarshalJSON([]byte(`{"pmreshealthstatus.resource_id":"5","resource_name":"A"}`))
	if err != nil {
		t.Fatal(err)
	}
	expectEqual(t, "ResourceID", s.ResourceID, valid(5))
	expectEqual(t, "Name", s.Name, Text("A"))
}

func expectEqual[T comparable](t *testing.T, field string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %v, want %v", field, got, want)
	}
}
