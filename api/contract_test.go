package api_test

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"patchdesk/api"
	"patchdesk/api/pmptest"
)

// These tests run the client against the PMP simulator over real HTTP.

// simulator is a running pmptest server with the one-time passwords it sent.
type simulator struct {
	*pmptest.Server
	mu   sync.Mutex
	otps map[string]string // user -> latest code
	logs *bytes.Buffer     // client debug log
}

func startSimulator(t *testing.T, opts pmptest.Options) *simulator {
	t.Helper()
	sim := &simulator{otps: map[string]string{}, logs: &bytes.Buffer{}}
	opts.OnOTP = func(user, code string) {
		sim.mu.Lock()
		defer sim.mu.Unlock()
		sim.otps[user] = code
	}
	if opts.Computers == 0 {
		opts.Computers = 300
	}

	s, err := pmptest.Start(opts)
	if err != nil {
		t.Fatalf("pmptest.Start: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	sim.Server = s
	return sim
}

func (sim *simulator) otp(t *testing.T, user string) string {
	t.Helper()
	sim.mu.Lock()
	defer sim.mu.Unlock()
	code, ok := sim.otps[user]
	if !ok {
		t.Fatalf("simulator sent no OTP for %s", user)
	}
	return code
}

// client returns a client for the simulator that logs at debug level into sim.logs.
func (sim *simulator) client(t *testing.T, version string, opts ...api.Option) *api.Client {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(&lockedWriter{buf: sim.logs, mu: &sim.mu},
		&slog.HandlerOptions{Level: slog.LevelDebug}))
	opts = append([]api.Option{api.WithVersion(version), api.WithLogger(logger)}, opts...)

	c, err := api.New(sim.URL(), opts...)
	if err != nil {
		t.Fatalf("api.New: %v", err)
	}
	return c
}

type lockedWriter struct {
	buf *bytes.Buffer
	mu  *sync.Mutex
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (sim *simulator) account(t *testing.T, user string) pmptest.Account {
	t.Helper()
	for _, a := range sim.Accounts() {
		if a.Username == user {
			return a
		}
	}
	t.Fatalf("simulator has no account %q", user)
	return pmptest.Account{}
}

func credentials(a pmptest.Account) api.Credentials {
	return api.Credentials{Username: a.Username, Password: a.Password,
		AuthType: api.AuthType(a.AuthType), Domain: a.Domain}
}

// login signs in as user and returns the token.
func (sim *simulator) login(t *testing.T, c *api.Client, user string) string {
	t.Helper()
	res, err := c.Login(t.Context(), credentials(sim.account(t, user)))
	if err != nil {
		t.Fatalf("Login(%s): %v", user, err)
	}
	if res.Token == "" {
		t.Fatalf("Login(%s): no token, result %v", user, res)
	}
	return res.Token
}

// expectNoSecrets fails when the client log contains a password or an issued token.
func (sim *simulator) expectNoSecrets(t *testing.T) {
	t.Helper()
	sim.mu.Lock()
	logs := sim.logs.String()
	sim.mu.Unlock()

	for _, a := range sim.Accounts() {
		if token := sim.Token(a.Username); token != "" && strings.Contains(logs, token) {
			t.Errorf("client log contains the token of %s", a.Username)
		}
		if len(a.Password) > 5 && strings.Contains(logs, a.Password) {
			t.Errorf("client log contains the password of %s", a.Username)
		}
	}
}

var versions = []string{"1.3", "1.4"}

// otpUsers are the demo accounts with a second factor.
var otpUsers = map[string]bool{"otpuser": true, "newtech": true}

func TestContractLoginEveryAccount(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	if len(sim.Accounts()) < 4 {
		t.Fatalf("accounts: got %d, want at least the 4 demo accounts", len(sim.Accounts()))
	}

	for _, version := range versions {
		c := sim.client(t, version)
		for _, a := range sim.Accounts() {
			t.Run(version+"/"+a.Username, func(t *testing.T) {
				res, err := c.Login(t.Context(), credentials(a))
				if err != nil {
					t.Fatalf("Login: %v", err)
				}

				if otpUsers[a.Username] {
					if res.OTP == nil || res.Token != "" {
						t.Fatalf("got %v, want an OTP challenge only", res)
					}
					return
				}
				if res.OTP != nil {
					t.Fatalf("got OTP challenge %+v, want a token", res.OTP)
				}
				expectEqual(t, "Token", res.Token, sim.Token(a.Username))
				expectEqual(t, "User.Name", res.User.Name, a.Username)
			})
		}
	}
	sim.expectNoSecrets(t)
}

func TestContractLoginRequestForms(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})

	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			sim.login(t, sim.client(t, version), "jdoe")

			reqs := sim.Requests()
			last := reqs[len(reqs)-1]
			expectEqual(t, "Path", last.Path, "/api/"+version+"/desktop/authentication")
			expectEqual(t, "HasAuthorization", last.HasAuthorization, false)
			if version == "1.3" {
				expectEqual(t, "Method", last.Method, "GET")
				expectEqual(t, "password in query", last.Query.Has("password"), true)
				expectEqual(t, "domainName", last.Query.Get("domainName"), "corp")
			} else {
				expectEqual(t, "Method", last.Method, "POST")
				expectEqual(t, "password in query", last.Query.Has("password"), false)
			}
		})
	}
}

func TestContractWrongPassword(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})

	for _, version := range versions {
		for _, user := range []string{"admin", "jdoe", "nosuchuser"} {
			t.Run(version+"/"+user, func(t *testing.T) {
				cr := api.Credentials{Username: user, Password: "wrong password +/=",
					AuthType: api.LocalAuthentication}
				if user == "jdoe" {
					cr.AuthType, cr.Domain = api.ADAuthentication, "corp"
				}

				_, err := sim.client(t, version).Login(t.Context(), cr)
				if !errors.Is(err, api.ErrBadCredentials) {
					t.Fatalf("got %v, want ErrBadCredentials", err)
				}
				if strings.Contains(err.Error(), "wrong password") {
					t.Errorf("error %q contains the password", err)
				}
			})
		}
	}
}

func TestContractLockout(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")
	a := sim.account(t, "admin")
	wrong := credentials(a)
	wrong.Password = "not-" + a.Password

	for i := 1; i <= 4; i++ {
		if _, err := c.Login(t.Context(), wrong); !errors.Is(err, api.ErrBadCredentials) {
			t.Fatalf("attempt %d: got %v, want ErrBadCredentials", i, err)
		}
	}
	_, err := c.Login(t.Context(), wrong)
	if !errors.Is(err, api.ErrBadCredentials) && !errors.Is(err, api.ErrAccountLocked) {
		t.Fatalf("attempt 5: got %v, want ErrBadCredentials or ErrAccountLocked", err)
	}

	_, err = c.Login(t.Context(), credentials(a))
	if !errors.Is(err, api.ErrAccountLocked) {
		t.Fatalf("correct password while locked: got %v, want ErrAccountLocked", err)
	}
	if errors.Is(err, api.ErrBadCredentials) {
		t.Errorf("got %v, want ErrAccountLocked not to match ErrBadCredentials", err)
	}

	sim.AdvanceClock(15*time.Minute + time.Second)
	sim.login(t, c, "admin")
}

func TestContractOTPFlow(t *testing.T) {
	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			sim := startSimulator(t, pmptest.Options{})
			c := sim.client(t, version)

			res, err := c.Login(t.Context(), credentials(sim.account(t, "otpuser")))
			if err != nil || res.OTP == nil {
				t.Fatalf("Login: got %v, %v, want an OTP challenge", res, err)
			}
			expectEqual(t, "NeedsEnrolment", res.OTP.NeedsEnrolment, false)
			if res.OTP.UID == "" {
				t.Fatal("OTP challenge has no UID")
			}

			code := sim.otp(t, "otpuser")
			done, err := c.ValidateOTP(t.Context(), res.OTP.UID, code)
			if err != nil {
				t.Fatalf("ValidateOTP: %v", err)
			}
			expectEqual(t, "Token", done.Token, sim.Token("otpuser"))
			if _, err := c.PatchSummary(t.Context(), done.Token); err != nil {
				t.Errorf("PatchSummary with the OTP token: %v", err)
			}

			_, err = c.ValidateOTP(t.Context(), res.OTP.UID, code)
			if !errors.Is(err, api.ErrOTPInvalid) {
				t.Errorf("reused OTP: got %v, want ErrOTPInvalid", err)
			}
			sim.expectNoSecrets(t)
		})
	}
}

// otherCode returns a six-digit code that differs from code in every digit.
func otherCode(code string) string {
	var b strings.Builder
	for _, r := range code {
		b.WriteRune('0' + (r-'0'+5)%10)
	}
	return b.String()
}

func TestContractOTPRejected(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")

	tests := []struct {
		name    string
		prepare func()
		code    func(real string) string
	}{
		{"wrong code", func() {}, otherCode},
		{"expired code", func() { sim.AdvanceClock(6 * time.Minute) },
			func(r string) string { return r }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Login(t.Context(), credentials(sim.account(t, "otpuser")))
			if err != nil || res.OTP == nil {
				t.Fatalf("Login: got %v, %v, want an OTP challenge", res, err)
			}
			tt.prepare()

			_, err = c.ValidateOTP(t.Context(), res.OTP.UID, tt.code(sim.otp(t, "otpuser")))
			if !errors.Is(err, api.ErrOTPInvalid) {
				t.Errorf("got %v, want ErrOTPInvalid", err)
			}
		})
	}
}

func TestContractOTPEnrolment(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")

	res, err := c.Login(t.Context(), credentials(sim.account(t, "newtech")))
	if err != nil || res.OTP == nil {
		t.Fatalf("Login: got %v, %v, want an OTP challenge", res, err)
	}
	expectEqual(t, "NeedsEnrolment", res.OTP.NeedsEnrolment, true)
	if res.OTP.Message == "" {
		t.Error("enrolment challenge has no message")
	}

	done, err := c.ValidateOTP(t.Context(), res.OTP.UID, sim.otp(t, "newtech"))
	if err != nil {
		t.Fatalf("ValidateOTP: %v", err)
	}
	expectEqual(t, "Token", done.Token, sim.Token("newtech"))
}

func TestContractExpiredToken(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")
	token := sim.login(t, c, "admin")

	if _, err := c.PatchSummary(t.Context(), token); err != nil {
		t.Fatalf("PatchSummary before expiry: %v", err)
	}
	sim.ExpireTokens()

	if _, err := c.PatchSummary(t.Context(), token); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("PatchSummary: got %v, want ErrUnauthorized", err)
	}
	if _, err := c.AllSystems(t.Context(), token, api.Query{}); !errors.Is(err,
		api.ErrUnauthorized) {
		t.Errorf("AllSystems: got %v, want ErrUnauthorized", err)
	}
	if _, err := c.AllSystems(t.Context(), "UNKNOWN-TOKEN", api.Query{}); !errors.Is(err,
		api.ErrUnauthorized) {
		t.Errorf("AllSystems with unknown token: got %v, want ErrUnauthorized", err)
	}
}

func TestContractDiscover(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})

	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			d, err := sim.client(t, version).Discover(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			expectEqual(t, "LocalOnly", d.LocalOnly, false)
			for _, a := range sim.Accounts() {
				if a.Domain != "" && !slices.Contains(d.Domains, a.Domain) {
					t.Errorf("Domains %v do not contain %q of %s", d.Domains, a.Domain,
						a.Username)
				}
			}
		})
	}
}

func TestContractReadEndpoints(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})

	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			c := sim.client(t, version)
			token := sim.login(t, c, "admin")
			checkSummaries(t, c, token)
			checkSystems(t, c, token)
			checkPatches(t, c, token)
			checkComputers(t, c, token)
			checkSmallLists(t, c, token)
		})
	}
	sim.expectNoSecrets(t)
}

func checkSummaries(t *testing.T, c *api.Client, token string) {
	t.Helper()
	props, err := c.ServerProperties(t.Context(), token)
	if err != nil {
		t.Fatalf("ServerProperties: %v", err)
	}
	if len(props.Domains) == 0 || len(props.BranchOffices) == 0 {
		t.Errorf("ServerProperties: got %+v, want domains and branch offices", props)
	}

	ps, err := c.PatchSummary(t.Context(), token)
	if err != nil {
		t.Fatalf("PatchSummary: %v", err)
	}
	for name, n := range map[string]api.Int{"Installed": ps.Installed, "Missing": ps.Missing,
		"Systems.Total": ps.Systems.Total, "Critical": ps.MissingBySeverity.Critical} {
		if !n.Valid {
			t.Errorf("PatchSummary.%s is not valid", name)
		}
	}

	som, err := c.SoMSummary(t.Context(), token)
	if err != nil {
		t.Fatalf("SoMSummary: %v", err)
	}
	if !som.Installation.Total.Valid || som.Installation.Total.Value <= 0 {
		t.Errorf("SoMSummary.Installation.Total = %+v, want > 0", som.Installation.Total)
	}

	hp, err := c.HealthPolicy(t.Context(), token)
	if err != nil {
		t.Fatalf("HealthPolicy: %v", err)
	}
	if !hp.HighlyVulnerable.Critical.Valid {
		t.Errorf("HealthPolicy: got %+v, want thresholds", hp)
	}

	db, err := c.DBUpdateStatus(t.Context(), token)
	if err != nil {
		t.Fatalf("DBUpdateStatus: %v", err)
	}
	if db.LastStatus == "" || db.LastUpdate.IsZero() {
		t.Errorf("DBUpdateStatus: got %+v, want status and time", db)
	}
}

func checkSystems(t *testing.T, c *api.Client, token string) {
	t.Helper()
	page, err := c.AllSystems(t.Context(), token, api.Query{})
	if err != nil {
		t.Fatalf("AllSystems: %v", err)
	}
	expectPage(t, "AllSystems", page.Total, page.Limit, page.Page, len(page.Rows), 25, 1)

	ps, err := c.PatchSummary(t.Context(), token)
	if err != nil {
		t.Fatal(err)
	}
	expectEqual(t, "AllSystems.Total vs PatchSummary.Systems.Total", int64(page.Total),
		ps.Systems.Total.Value)

	for _, s := range page.Rows {
		if !s.ResourceID.Valid || s.Name == "" {
			t.Errorf("AllSystems row without id or name: %+v", s)
		}
		expectKnown(t, "AllSystems Health", s.Health.Known(), s.Health.Label())
		expectKnown(t, "AllSystems Platform", s.Platform.Known(), s.Platform.Label())
		expectKnown(t, "AllSystems Live", s.Live.Known(), s.Live.Label())
	}

	report, err := c.SystemReport(t.Context(), token, page.Rows[0].ResourceID.Value, api.Query{})
	if err != nil {
		t.Fatalf("SystemReport: %v", err)
	}
	for _, p := range report.Rows {
		expectKnown(t, "SystemReport Severity", p.Severity.Known(), p.Severity.Label())
		expectKnown(t, "SystemReport Status", p.Status.Known(), p.Status.Label())
		expectKnown(t, "SystemReport Approval", p.Approval.Known(), p.Approval.Label())
	}

	scans, err := c.ScanDetails(t.Context(), token, api.Query{PageLimit: 50})
	if err != nil {
		t.Fatalf("ScanDetails: %v", err)
	}
	expectPage(t, "ScanDetails", scans.Total, scans.Limit, scans.Page, len(scans.Rows), 50, 1)
	for _, s := range scans.Rows {
		if !s.ResourceID.Valid || s.Name == "" {
			t.Errorf("ScanDetails row without id or name: %+v", s)
		}
		expectKnown(t, "ScanDetails Scan", s.Scan.Known(), s.Scan.Label())
	}
}

func checkPatches(t *testing.T, c *api.Client, token string) {
	t.Helper()
	patches, err := c.AllPatches(t.Context(), token, api.Query{PageLimit: 100})
	if err != nil {
		t.Fatalf("AllPatches: %v", err)
	}
	expectPage(t, "AllPatches", patches.Total, patches.Limit, patches.Page, len(patches.Rows),
		100, 1)
	for _, p := range patches.Rows {
		if !p.PatchID.Valid || p.BulletinID == "" {
			t.Errorf("AllPatches row without id or bulletin: %+v", p)
		}
		expectKnown(t, "AllPatches Severity", p.Severity.Known(), p.Severity.Label())
		expectKnown(t, "AllPatches Approval", p.Approval.Known(), p.Approval.Label())
		if !p.Downloaded.Valid || !p.RebootRequired.Valid {
			t.Errorf("AllPatches %v: Downloaded %+v, RebootRequired %+v, want both valid",
				p.PatchID, p.Downloaded, p.RebootRequired)
		}
	}

	details, err := c.AllPatchDetails(t.Context(), token, patches.Rows[0].PatchID.Value,
		api.Query{})
	if err != nil {
		t.Fatalf("AllPatchDetails: %v", err)
	}
	for _, d := range details.Rows {
		if d.Name == "" || d.PatchID != patches.Rows[0].PatchID {
			t.Errorf("AllPatchDetails row: got %+v, want name and patch %v", d,
				patches.Rows[0].PatchID)
		}
		expectKnown(t, "AllPatchDetails Status", d.Status.Known(), d.Status.Label())
	}
}

func checkComputers(t *testing.T, c *api.Client, token string) {
	t.Helper()
	page, err := c.Computers(t.Context(), token, api.Query{})
	if err != nil {
		t.Fatalf("Computers: %v", err)
	}
	expectPage(t, "Computers", page.Total, page.Limit, page.Page, len(page.Rows), 25, 1)

	som, err := c.SoMSummary(t.Context(), token)
	if err != nil {
		t.Fatal(err)
	}
	expectEqual(t, "Computers.Total vs SoMSummary.Installation.Total", int64(page.Total),
		som.Installation.Total.Value)

	for _, row := range page.Rows {
		if !row.ResourceID.Valid || row.Name == "" {
			t.Errorf("Computers row without id or name: %+v", row)
		}
		expectKnown(t, "Computers Installation", row.Installation.Known(),
			row.Installation.Label())
	}
}

func checkSmallLists(t *testing.T, c *api.Client, token string) {
	t.Helper()
	policies, err := c.DeploymentPolicies(t.Context(), token, api.Query{})
	if err != nil {
		t.Fatalf("DeploymentPolicies: %v", err)
	}
	if policies.Total == 0 || len(policies.Rows) == 0 || policies.Rows[0].Name == "" {
		t.Errorf("DeploymentPolicies: got %+v, want named policies", policies)
	}

	configs, err := c.ViewConfig(t.Context(), token, api.Query{})
	if err != nil {
		t.Fatalf("ViewConfig: %v", err)
	}
	for _, cfg := range configs.Rows {
		if !cfg.ConfigID.Valid || cfg.Name == "" {
			t.Errorf("ViewConfig row without id or name: %+v", cfg)
		}
	}
}

func expectPage(t *testing.T, name string, total, limit, page, rows, wantLimit,
	wantPage int) {
	t.Helper()
	expectEqual(t, name+" Limit", limit, wantLimit)
	expectEqual(t, name+" Page", page, wantPage)
	expectEqual(t, name+" rows", rows, min(total, wantLimit))
	if total <= 0 {
		t.Errorf("%s Total = %d, want > 0", name, total)
	}
}

func expectKnown(t *testing.T, field string, known bool, label string) {
	t.Helper()
	if !known {
		t.Errorf("%s = %q, want a documented code", field, label)
	}
}

func TestContractPaging(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{Computers: 1500})
	c := sim.client(t, "1.4")
	token := sim.login(t, c, "admin")

	first, err := c.Computers(t.Context(), token, api.Query{PageLimit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if first.Total <= 1000 {
		t.Fatalf("Total = %d, want more than 1000 computers", first.Total)
	}
	expectPage(t, "page 1", first.Total, first.Limit, first.Page, len(first.Rows), 1000, 1)

	second, err := c.Computers(t.Context(), token, api.Query{Page: 2, PageLimit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	expectEqual(t, "page 2 rows", len(second.Rows), first.Total-1000)
	expectEqual(t, "page 2 Total", second.Total, first.Total)

	ids := map[int64]bool{}
	for _, row := range append(first.Rows, second.Rows...) {
		ids[row.ResourceID.Value] = true
	}
	expectEqual(t, "distinct ids", len(ids), first.Total)

	past, err := c.Computers(t.Context(), token, api.Query{Page: 99, PageLimit: 1000})
	if err != nil {
		t.Fatalf("page past the end: %v", err)
	}
	expectEqual(t, "past end rows", len(past.Rows), 0)
	expectEqual(t, "past end Total", past.Total, first.Total)
	expectEqual(t, "past end Page", past.Page, 99)
}

func TestContractPagingCoversAllSystems(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.3")
	token := sim.login(t, c, "admin")

	ids := map[int64]bool{}
	total := -1
	for page := 1; page <= 100; page++ {
		p, err := c.AllSystems(t.Context(), token, api.Query{Page: page, PageLimit: 70})
		if err != nil {
			t.Fatal(err)
		}
		total = p.Total
		for _, row := range p.Rows {
			if ids[row.ResourceID.Value] {
				t.Errorf("resource %d on two pages", row.ResourceID.Value)
			}
			ids[row.ResourceID.Value] = true
		}
		if len(p.Rows) == 0 || len(ids) >= total {
			break
		}
	}
	expectEqual(t, "rows collected", len(ids), total)
}

func TestContractSearch(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")
	token := sim.login(t, c, "admin")

	all, err := c.Computers(t.Context(), token, api.Query{PageLimit: 5})
	if err != nil {
		t.Fatal(err)
	}
	name := string(all.Rows[len(all.Rows)-1].Name)
	needle := name[1 : len(name)-1]

	for _, value := range []string{needle, strings.ToLower(needle), strings.ToUpper(needle)} {
		t.Run(value, func(t *testing.T) {
			q := api.Query{SearchColumn: "resource_name", SearchValue: value, PageLimit: 1000}
			got, err := c.Computers(t.Context(), token, q)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total == 0 || got.Total >= all.Total {
				t.Errorf("Total = %d, want between 1 and %d", got.Total, all.Total-1)
			}
			found := false
			for _, row := range got.Rows {
				lower := strings.ToLower(string(row.Name))
				if !strings.Contains(lower, strings.ToLower(needle)) {
					t.Errorf("row %q does not contain %q", row.Name, needle)
				}
				found = found || string(row.Name) == name
			}
			if !found {
				t.Errorf("search for %q did not return %q", value, name)
			}
		})
	}
}

func TestContractSort(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")
	token := sim.login(t, c, "admin")

	for _, order := range []string{"ASC", "DESC"} {
		t.Run(order, func(t *testing.T) {
			q := api.Query{OrderBy: "resource_name", SortOrder: order, PageLimit: 200}
			page, err := c.AllSystems(t.Context(), token, q)
			if err != nil {
				t.Fatal(err)
			}

			names := make([]string, len(page.Rows))
			for i, row := range page.Rows {
				names[i] = strings.ToLower(string(row.Name))
			}
			if order == "DESC" {
				slices.Reverse(names)
			}
			if !slices.IsSorted(names) {
				t.Errorf("names are not sorted %s: %v", order, names[:min(10, len(names))])
			}
		})
	}
}

func TestContractFilters(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")
	token := sim.login(t, c, "admin")

	summary, err := c.PatchSummary(t.Context(), token)
	if err != nil {
		t.Fatal(err)
	}
	props, err := c.ServerProperties(t.Context(), token)
	if err != nil {
		t.Fatal(err)
	}
	domain := props.Domains[0]

	tests := []struct {
		name      string
		filters   map[string]string
		wantTotal int64 // -1 when not cross-checked
		check     func(s api.System) bool
	}{
		{"highly vulnerable", map[string]string{"healthfilter": "3"},
			summary.Systems.HighlyVulnerable.Value,
			func(s api.System) bool { return s.Health.Value == 3 }},
		{"healthy", map[string]string{"healthfilter": "1"}, summary.Systems.Healthy.Value,
			func(s api.System) bool { return s.Health.Value == 1 }},
		{"domain", map[string]string{"domainfilter": domain}, -1,
			func(s api.System) bool { return strings.EqualFold(string(s.Domain), domain) }},
		{"down", map[string]string{"livestatusfilter": "2"}, -1,
			func(s api.System) bool { return s.Live.Value == 2 }},
		{"unknown domain", map[string]string{"domainfilter": "NO-SUCH-DOMAIN"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := c.AllSystems(t.Context(), token,
				api.Query{Filters: tt.filters, PageLimit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantTotal >= 0 {
				expectEqual(t, "Total", int64(page.Total), tt.wantTotal)
			}
			for _, row := range page.Rows {
				if tt.check != nil && !tt.check(row) {
					t.Errorf("row %s does not match filter %v", row.Name, tt.filters)
				}
			}
		})
	}
}

func TestContractBadParameter(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	c := sim.client(t, "1.4")
	token := sim.login(t, c, "admin")

	q := api.Query{Filters: map[string]string{"healthfilter": "not-a-number"}}
	_, err := c.AllSystems(t.Context(), token, q)

	var apiErr *api.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want *api.APIError", err)
	}
	if apiErr.Code == "" || apiErr.Description == "" {
		t.Errorf("got %+v, want an error code and description", apiErr)
	}
	for _, sentinel := range []error{api.ErrUnauthorized, api.ErrBadCredentials,
		api.ErrBadResponse} {
		if errors.Is(err, sentinel) {
			t.Errorf("got %v, want it not to match %v", err, sentinel)
		}
	}
}

func TestContractFaults(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{})
	sim.SetFaultDelay(100 * time.Millisecond)
	c := sim.client(t, "1.4", api.WithTimeout(time.Second))
	token := sim.login(t, c, "admin")

	tests := []struct {
		fault pmptest.Fault
		check func(t *testing.T, err error)
	}{
		{pmptest.FaultNone, expectNoError},
		{pmptest.FaultSlow, expectNoError},
		{pmptest.FaultHang, expectSentinel(api.ErrTimeout)},
		{pmptest.FaultHTTP500, expectAPIError(500, "INTERNAL_ERROR")},
		{pmptest.FaultUnknownError, expectAPIError(200, "19999")},
		{pmptest.FaultHTML, expectSentinel(api.ErrBadResponse)},
		{pmptest.FaultTruncated, expectSentinel(api.ErrBadResponse)},
		{pmptest.FaultHuge, expectSentinel(api.ErrBadResponse)},
		{pmptest.FaultRateLimited, expectSentinel(api.ErrRateLimited)},
	}
	for _, tt := range tests {
		t.Run(tt.fault.String(), func(t *testing.T) {
			sim.SetFault("patch/allsystems", tt.fault)
			defer sim.ClearFaults()

			_, err := c.AllSystems(t.Context(), token, api.Query{})
			tt.check(t, err)
			if err != nil && !strings.Contains(err.Error(), "patch/allsystems") {
				t.Errorf("error %q does not name the endpoint", err)
			}
		})
	}
}

func expectNoError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("got %v, want no error", err)
	}
}

func expectSentinel(want error) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		if !errors.Is(err, want) {
			t.Errorf("got %v, want %v", err, want)
		}
	}
}

func expectAPIError(status int, code string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var apiErr *api.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("got %v, want *api.APIError", err)
		}
		expectEqual(t, "HTTPStatus", apiErr.HTTPStatus, status)
		expectEqual(t, "Code", apiErr.Code, code)
	}
}

func TestContractTLS(t *testing.T) {
	s, err := pmptest.StartTLS(pmptest.Options{Computers: 50})
	if err != nil {
		t.Fatalf("pmptest.StartTLS: %v", err)
	}
	defer s.Close()

	caFile := filepath.Join(t.TempDir(), "pmp-ca.pem")
	if err := os.WriteFile(caFile, s.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		options api.TLSOptions
		wantErr error
	}{
		{"system roots only", api.TLSOptions{}, api.ErrTLS},
		{"CA file", api.TLSOptions{CAFile: caFile}, nil},
		{"pinned leaf", api.TLSOptions{PinSHA256: s.LeafSHA256()}, nil},
		{"wrong pin", api.TLSOptions{PinSHA256: strings.Repeat("0", 64)}, api.ErrTLS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hc, err := api.NewHTTPClient(tt.options)
			if err != nil {
				t.Fatal(err)
			}
			defer hc.CloseIdleConnections()

			c, err := api.New(s.URL(), api.WithHTTPClient(hc))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Discover(t.Context())
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestContractHostileStrings(t *testing.T) {
	sim := startSimulator(t, pmptest.Options{Hostile: true})
	c := sim.client(t, "1.4")
	token := sim.login(t, c, "admin")

	calls := map[string]func() error{
		"AllSystems": func() error {
			_, err := c.AllSystems(t.Context(), token, api.Query{PageLimit: 200})
			return err
		},
		"AllPatches": func() error {
			_, err := c.AllPatches(t.Context(), token, api.Query{PageLimit: 200})
			return err
		},
		"Computers": func() error {
			_, err := c.Computers(t.Context(), token, api.Query{PageLimit: 200})
			return err
		},
		"ScanDetails": func() error {
			_, err := c.ScanDetails(t.Context(), token, api.Query{PageLimit: 200})
			return err
		},
		"ViewConfig": func() error {
			_, err := c.ViewConfig(t.Context(), token, api.Query{})
			return err
		},
		"ServerProperties": func() error {
			_, err := c.ServerProperties(t.Context(), token)
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		})
	}
}

func expectEqual[T comparable](t *testing.T, field string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %v, want %v", field, got, want)
	}
}
