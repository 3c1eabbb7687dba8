package pmptest_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

// otpInbox collects the codes the simulator hands to Options.OnOTP.
type otpInbox struct {
	mu    sync.Mutex
	codes map[string][]string
}

func (b *otpInbox) receive(user, code string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.codes == nil {
		b.codes = make(map[string][]string)
	}
	b.codes[user] = append(b.codes[user], code)
}

func (b *otpInbox) last(t *testing.T, user string) string {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	codes := b.codes[user]
	if len(codes) == 0 {
		t.Fatalf("no OTP was sent to %s", user)
	}
	return codes[len(codes)-1]
}

func startOTPServer(t *testing.T, opts pmptest.Options) (*pmptest.Server, *otpInbox) {
	t.Helper()
	inbox := &otpInbox{}
	opts.OnOTP = inbox.receive
	opts.Computers = 10
	return startServer(t, opts), inbox
}

// twoFactorStep signs in as user and returns two_factor_data, failing if a token came back.
func twoFactorStep(t *testing.T, s *pmptest.Server, user string) doc {
	t.Helper()
	a := account(t, s, user)
	d := loginPostJSON(t, s, "1.4", loginFields(a, a.Password))
	auth := payload(t, d)["authentication"].(doc)
	if _, ok := auth["auth_data"]; ok {
		t.Fatalf("sign-in of %s returned auth_data, want the OTP step", user)
	}
	return auth["two_factor_data"].(doc)
}

func validateOTP(t *testing.T, s *pmptest.Server, version, uid, otp string, remember any) doc {
	t.Helper()
	return postJSON(t, s, "/api/"+version+"/desktop/authentication/otpValidate",
		map[string]any{"uid": uid, "otp": otp, "rememberme_enabled": remember})
}

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

func TestOTPMailedCode(t *testing.T) {
	s, inbox := startOTPServer(t, pmptest.Options{})
	tf := twoFactorStep(t, s, "otpuser")
	checks := []struct {
		key  string
		want any
	}{
		{"is_TwoFactor_Enabled", true},
		{"OTP_Validation_Required", true},
		{"unique_userID", "otpuser"},
	}
	for _, c := range checks {
		if got := tf[c.key]; got != c.want {
			t.Errorf("%s = %v, want %v", c.key, got, c.want)
		}
	}
	if _, ok := tf["google_authenticator_key"]; ok {
		t.Errorf("google_authenticator_key present for an enrolled user")
	}
	if msg := str(t, tf["message"]); !strings.HasPrefix(msg, "Mail has been sent to the mail address") {
		t.Errorf("message = %q, want the mail notice", msg)
	}
	if days := num(t, tf["remember_token_days"]); days <= 0 {
		t.Errorf("remember_token_days = %d, want > 0", days)
	}

	code := inbox.last(t, "otpuser")
	if !sixDigits.MatchString(code) {
		t.Fatalf("OTP %q is not six digits", code)
	}
	d := validateOTP(t, s, "1.4", str(t, tf["unique_userID"]), code, false)
	checkSignedIn2FA(t, s, d, "otpuser")

	again := validateOTP(t, s, "1.4", "otpuser", code, false)
	if got := errorCode(t, again); got == "" {
		t.Errorf("reusing an OTP succeeded, want an error")
	}
}

func checkSignedIn2FA(t *testing.T, s *pmptest.Server, d doc, user string) {
	t.Helper()
	auth := payload(t, d)["authentication"].(doc)
	token := str(t, auth["auth_data"].(doc)["auth_token"])
	if got := s.Token(user); got != token {
		t.Errorf("Token(%s) = %q, want %q", user, got, token)
	}
	if got := errorCode(t, getJSON(t, s, token, "/api/1.4/patch/summary")); got != "" {
		t.Errorf("token after OTP: got error %q, want success", got)
	}
}

func TestOTPWrongCode(t *testing.T) {
	cases := []struct {
		name, option, want string
	}{
		{"default code", "", "10001"},
		{"configured code", "10017", "10017"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, inbox := startOTPServer(t, pmptest.Options{OTPErrorCode: tc.option})
			twoFactorStep(t, s, "otpuser")
			wrong := "000000"
			if inbox.last(t, "otpuser") == wrong {
				wrong = "111111"
			}
			d := validateOTP(t, s, "1.3", "otpuser", wrong, "true")
			if got := errorCode(t, d); got != tc.want {
				t.Errorf("got error_code %q, want %q", got, tc.want)
			}
		})
	}
}

func TestOTPExpires(t *testing.T) {
	s, inbox := startOTPServer(t, pmptest.Options{})
	twoFactorStep(t, s, "otpuser")
	s.AdvanceClock(5*time.Minute + time.Second)
	d := validateOTP(t, s, "1.4", "otpuser", inbox.last(t, "otpuser"), false)
	if got := errorCode(t, d); got == "" {
		t.Errorf("OTP after 5 minutes succeeded, want an error")
	}
}

func TestOTPAttemptLimit(t *testing.T) {
	s, inbox := startOTPServer(t, pmptest.Options{})
	twoFactorStep(t, s, "otpuser")
	code := inbox.last(t, "otpuser")
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	for range 5 {
		validateOTP(t, s, "1.4", "otpuser", wrong, false)
	}
	if got := errorCode(t, validateOTP(t, s, "1.4", "otpuser", code, false)); got == "" {
		t.Errorf("right OTP after five wrong ones succeeded, want the challenge dropped")
	}
}

func TestOTPWithoutChallenge(t *testing.T) {
	s, _ := startOTPServer(t, pmptest.Options{})
	if got := errorCode(t, validateOTP(t, s, "1.4", "otpuser", "123456", false)); got == "" {
		t.Errorf("OTP without a sign-in succeeded, want an error")
	}
	d := postJSON(t, s, "/api/1.4/desktop/authentication/otpValidate", map[string]string{})
	if got := errorCode(t, d); got != "10003" {
		t.Errorf("empty body: got %q, want 10003", got)
	}
}

func TestOTPRememberDevice(t *testing.T) {
	s, inbox := startOTPServer(t, pmptest.Options{})
	twoFactorStep(t, s, "otpuser")
	d := validateOTP(t, s, "1.4", "otpuser", inbox.last(t, "otpuser"), "true")
	device := str(t, payload(t, d)["authentication"].(doc)["device_token"])
	if !strings.HasPrefix(device, "$2a$12$") {
		t.Errorf("device_token = %q, want the $2a$12$ form", device)
	}

	a := account(t, s, "otpuser")
	again := postJSON(t, s, "/api/1.4/desktop/authentication", map[string]string{
		"username": a.Username, "password": b64(a.Password), "auth_type": a.AuthType,
		"device_token": device,
	})
	auth := payload(t, again)["authentication"].(doc)
	if _, ok := auth["auth_data"]; !ok {
		t.Errorf("sign-in with device_token asked for an OTP, want a token: %v", auth)
	}
}

func TestOTPEnrolment(t *testing.T) {
	s, inbox := startOTPServer(t, pmptest.Options{})
	tf := twoFactorStep(t, s, "newtech")
	key := str(t, tf["google_authenticator_key"])
	if msg := str(t, tf["message"]); !strings.Contains(msg, "finish set-up") {
		t.Errorf("message = %q, want it to tell the user to finish set-up", msg)
	}

	code := inbox.last(t, "newtech")
	if want := pmptest.TOTP(key, time.Now()); code != want {
		// The step may have just rolled over; the previous step is accepted as well.
		if prev := pmptest.TOTP(key, time.Now().Add(-30*time.Second)); code != prev {
			t.Errorf("OnOTP code %s, want the authenticator code %s", code, want)
		}
	}
	d := validateOTP(t, s, "1.4", "newtech", code, false)
	checkSignedIn2FA(t, s, d, "newtech")

	twoFactorStep(t, s, "newtech")
	replay := validateOTP(t, s, "1.4", "newtech", code, false)
	if got := errorCode(t, replay); got == "" {
		t.Errorf("replayed authenticator code succeeded, want an error")
	}
}

func TestOTPUniqueUserIDAlias(t *testing.T) {
	s, inbox := startOTPServer(t, pmptest.Options{})
	twoFactorStep(t, s, "otpuser")
	d := postJSON(t, s, "/api/1.4/desktop/authentication/otpValidate", map[string]string{
		"unique_userID": "otpuser", "otp": inbox.last(t, "otpuser"),
	})
	checkSignedIn2FA(t, s, d, "otpuser")
}
