package pmptest

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"time"
)

// maxBodyBytes bounds the JSON bodies of the sign-in calls.
const maxBodyBytes = 64 << 10

// loginResult is the outcome of a sign-in or OTP step.
type loginResult struct {
	acc       *account
	token     string
	device    string // remember-device token, when requested
	challenge *otpChallenge
	otpCode   string // the code to hand to Options.OnOTP, outside the lock
	err       *apiError
}

// login serves desktop/authentication: the 1.3 GET form with the fields in the query string,
// the 1.4 POST form with a JSON body, and a POST with the fields in the query string.
func (s *Server) login(c *call) response {
	in, err := readInput(c)
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}

	res := s.authenticate(in)
	if res.err != nil {
		return s.fail(c, http.StatusOK, res.err.code, res.err.description)
	}
	c.user = res.acc.Username
	s.sendOTP(res)
	return s.success(c, obj{{"authentication", authPayload(res)}}, "")
}

// readInput merges the query parameters and a JSON body, with lower-case keys. Body
// fields win over query fields of the same name.
func readInput(c *call) (map[string]string, *apiError) {
	in := make(map[string]string, len(c.params))
	for k, v := range c.params {
		in[k] = v
	}
	if c.r.Method != http.MethodPost || c.r.Body == nil {
		return in, nil
	}

	body, err := io.ReadAll(io.LimitReader(c.r.Body, maxBodyBytes))
	if err != nil {
		return nil, invalidParam("Could not read the request body")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return in, nil
	}

	var fields map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&fields); err != nil {
		return nil, invalidParam("Invalid JSON in the request body")
	}
	for k, v := range fields {
		if v != nil {
			in[strings.ToLower(k)] = fmt.Sprint(v)
		}
	}
	return in, nil
}

// authenticate checks the credentials and either issues a token or starts the OTP step.
func (s *Server) authenticate(in map[string]string) loginResult {
	username, password := in["username"], in["password"]
	authType, domain := strings.ToLower(in["auth_type"]), in["domainname"]
	if err := checkLoginFields(username, password, authType, domain); err != nil {
		return loginResult{err: err}
	}

	now := s.clock()
	a := s.auth
	a.mu.Lock()
	defer a.mu.Unlock()
	acc := a.find(username)
	if acc == nil {
		return loginResult{err: badCredentials()}
	}
	if now.Before(acc.lockedUntil) {
		return loginResult{err: lockedError(acc, now)}
	}
	if !s.credentialsMatch(acc, password, authType, domain) {
		return loginResult{err: recordFailure(acc, now)}
	}

	acc.failures = 0
	return s.secondFactor(acc, in["device_token"], now)
}

func checkLoginFields(username, password, authType, domain string) *apiError {
	switch {
	case username == "" || password == "" || authType == "":
		return invalidParam("Missing parameter: username, password and auth_type are required")
	case authType != authLocal && authType != authAD:
		return invalidParam("Invalid auth_type: expected local_authentication or " +
			"ad_authentication")
	case authType == authAD && domain == "":
		return invalidParam("Missing parameter: domainName is required for ad_authentication")
	}
	return nil
}

// credentialsMatch compares the base64 password (standard alphabet, padded, over UTF-8
// bytes), the authentication type and, for AD, the domain name ignoring case.
func (s *Server) credentialsMatch(acc *account, encoded, authType, domain string) bool {
	password, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return false
	}
	same := subtle.ConstantTimeCompare(password, []byte(acc.Password)) == 1
	if !same || authType != acc.AuthType {
		return false
	}
	return authType == authLocal || s.textEquals(acc.Domain, domain)
}

// recordFailure counts a wrong password and locks the account at the fifth in a row.
func recordFailure(acc *account, now time.Time) *apiError {
	acc.failures++
	if acc.failures < maxFailures {
		return badCredentials()
	}
	acc.failures = 0
	acc.lockedUntil = now.Add(lockDuration)
	return lockedError(acc, now)
}

func badCredentials() *apiError {
	return &apiError{code: codeBadCredentials, description: "Invalid username or password"}
}

func lockedError(acc *account, now time.Time) *apiError {
	minutes := int(math.Ceil(acc.lockedUntil.Sub(now).Minutes()))
	return &apiError{code: codeBadCredentials, description: fmt.Sprintf(
		"Account locked after %d failed sign-in attempts. Try again in %d minutes.",
		maxFailures, minutes)}
}

// secondFactor issues a token for accounts without 2FA or with a remembered device, and
// starts an OTP challenge for the others. The caller holds the auth lock.
func (s *Server) secondFactor(acc *account, device string, now time.Time) loginResult {
	a := s.auth
	if acc.otp == otpOff || a.deviceRemembered(acc, device, now) {
		return loginResult{acc: acc, token: a.issueToken(acc)}
	}
	ch, code := a.newChallenge(acc, now)
	return loginResult{acc: acc, challenge: ch, otpCode: code}
}

func (s *Server) sendOTP(res loginResult) {
	if res.otpCode != "" && s.opts.OnOTP != nil {
		s.opts.OnOTP(res.acc.Username, res.otpCode)
	}
}

// authPayload returns message_response.authentication for a sign-in or OTP result.
func authPayload(res loginResult) obj {
	acc := res.acc
	if res.challenge != nil {
		return obj{{"two_factor_data", challengePayload(res.challenge)}}
	}

	twoFactor := obj{{"is_TwoFactor_Enabled", acc.otp != otpOff}}
	if acc.otp != otpOff {
		twoFactor = append(twoFactor, kv{"OTP_Validation_Required", false})
	}
	out := obj{
		{"auth_data", obj{{"auth_token", res.token}}},
		{"two_factor_data", twoFactor},
		{"user_data", obj{
			{"auth_type", authTypeLabel(acc.AuthType)},
			{"user_id", acc.userID},
			{"user_name", acc.Username},
		}},
	}
	if res.device != "" {
		out = append(out, kv{"device_token", res.device})
	}
	return out
}

func authTypeLabel(authType string) string {
	if authType == authAD {
		return "Active Directory Authentication"
	}
	return "Local Authentication"
}
