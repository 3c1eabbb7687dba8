package pmptest_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"patchdesk/api/pmptest"
)

// hostileMarkers identify the payloads of hostile mode.
var hostileMarkers = map[string]func(string) bool{
	"script":     containsFunc("<script>alert(1)</script>"),
	"img":        containsFunc(`"><img src=x onerror=alert(1)>`),
	"javascript": func(s string) bool { return strings.HasPrefix(s, "javascript:alert(1)") },
	"attribute":  containsFunc(`' onmouseover='alert(1)`),
	"long":       func(s string) bool { return utf8.RuneCountInString(s) >= 2000 },
	"non-ASCII":  containsFunc("Ünïcödé 東京 Ωμέγα"),
	"RTL":        containsFunc("\u202E"),
	"template":   containsFunc("{{.}} ${x}"),
	"percent":    containsFunc("%00"),
}

func containsFunc(part string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, part) }
}

// keptKeys stay valid in hostile mode.
var keptKeys = map[string]bool{
	"status": true, "message_type": true, "message_version": true, "error_code": true,
	"auth_token": true, "resource_id_string": true, "os_platform_name": true,
	"platform_name": true, "bulletin_id": true, "download_status": true,
	"install_error_code": true, "patch_scan_error_code": true, "ro_failure_count": true,
	"ro_yettodownload_count": true, "config_status": true, "deployment_status": true,
	"sqnumber": true,
}

// walkStrings calls visit for every string in v with the member name it belongs to.
func walkStrings(key string, v any, visit func(key, value string)) {
	switch x := v.(type) {
	case string:
		visit(key, x)
	case doc:
		for k, child := range x {
			walkStrings(k, child, visit)
		}
	case []any:
		for _, child := range x {
			walkStrings(key, child, visit)
		}
	}
}

func TestHostileStrings(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 60, Hostile: true})
	token := adminToken(t, s)
	seen := map[string]bool{}
	paths := []string{
		"desktop/discover", "desktop/serverproperties", "patch/summary", "som/summary",
		"patch/allsystems", "patch/allpatches?pagelimit=50", "som/computers",
		"patch/scandetails", "patch/viewconfig", "patch/deploymentpolicies",
		"patch/healthpolicy", "patch/approvalsettings", "patch/dbupdatestatus",
	}
	for _, p := range paths {
		status, _, body := rawGet(t, s, token, "/api/1.4/"+p)
		if status != 200 {
			t.Fatalf("%s: HTTP %d", p, status)
		}
		if bytes.IndexByte(body, 0) >= 0 {
			t.Errorf("%s: body contains a NUL byte", p)
		}
		walkStrings("", decode(t, body), func(key, value string) {
			checkHostileValue(t, p, key, value, seen)
		})
	}
	for name := range hostileMarkers {
		if !seen[name] {
			t.Errorf("payload %s never appeared", name)
		}
	}
}

func checkHostileValue(t *testing.T, path, key, value string, seen map[string]bool) {
	t.Helper()
	found := false
	for name, has := range hostileMarkers {
		if has(value) {
			seen[name], found = true, true
		}
	}
	if keptKeys[key] && found {
		t.Errorf("%s: %s = %.60q carries a payload, want it kept valid", path, key, value)
	}
	if !keptKeys[key] && !found {
		t.Errorf("%s: %s = %q carries no payload", path, key, value)
	}
}

func TestHostileMarkupIsNotEscaped(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 30, Hostile: true})
	_, _, body := rawGet(t, s, adminToken(t, s), "/api/1.4/som/computers")
	if !bytes.Contains(body, []byte("<script>alert(1)</script>")) {
		t.Errorf("body lacks raw <script> markup; a JSON encoder escaped it")
	}
}

func TestHostileKeepsIDsAndPaging(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 80, Hostile: true})
	token := adminToken(t, s)
	systems := listAll(t, s, token, "patch/allsystems", values("pagelimit", "30"))
	if len(systems) != 80 {
		t.Fatalf("got %d systems, want 80", len(systems))
	}
	resid := valueString(systems[0]["resource_id"])
	report := payload(t, getJSON(t, s, token, "/api/1.4/patch/systemreport?resid="+resid))
	if _, ok := report["total"]; !ok {
		t.Errorf("systemreport with a resource id from a hostile page failed: %v", report)
	}
}

func TestHostileFilterValuesRoundTrip(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 200, Hostile: true})
	token := adminToken(t, s)
	props := payload(t, getJSON(t, s, token, "/api/1.4/desktop/serverproperties"))
	domains := props["serverproperties"].(doc)["domains"].([]any)
	for i, d := range domains {
		shownName := str(t, d)
		plain := []string{"CORP", "ENG", "WORKGROUP"}[i]
		withPayload, _ := listPage(t, s, token, "patch/allsystems", values("domainfilter", shownName))
		clean, _ := listPage(t, s, token, "patch/allsystems", values("domainfilter", plain))
		if withPayload != clean || clean == 0 {
			t.Errorf("domain %q: %d rows with the shown name, %d with %q", shownName, withPayload, clean,
				plain)
		}
	}
}

func TestHostileDomainLogin(t *testing.T) {
	s := startServer(t, pmptest.Options{Computers: 10, Hostile: true})
	discover := payload(t, getJSON(t, s, "", "/api/1.4/desktop/discover"))
	domainList := discover["discover"].(doc)["login_data"].(doc)["domain_list"].([]any)
	a := account(t, s, "jdoe")
	a.Domain = str(t, domainList[0])
	if a.Domain == "corp" {
		t.Fatalf("domain_list carries no payload in hostile mode")
	}
	signIn(t, s, a)
}
