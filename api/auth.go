package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
)

// AuthType is the PMP login type.
type AuthType string

// Login types accepted by desktop/authentication.
const (
	LocalAuthentication AuthType = "local_authentication"
	ADAuthentication    AuthType = "ad_authentication"
)

const (
	authenticationEndpoint = "desktop/authentication"
	otpEndpoint            = "desktop/authentication/otpValidate"
	discoverEndpoint       = "desktop/discover"
)

// Credentials are a user's PMP login. Domain is required for ADAuthentication and should
// be one of Discover.Domains. String and LogValue hide the password.
type Credentials struct {
	Username string
	Password string
	AuthType AuthType // empty means LocalAuthentication
	Domain   string
}

// String formats the credentials without the password.
func (cr Credentials) String() string {
	return fmt.Sprintf("{Username:%s AuthType:%s Domain:%s Password:[redacted]}",
		cr.Username, cr.AuthType, cr.Domain)
}

// GoString formats the credentials for %#v without the password.
func (cr Credentials) GoString() string { return "api.Credentials" + cr.String() }

// LogValue logs the credentials without the password.
func (cr Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("username", cr.Username),
		slog.String("auth_type", string(cr.AuthType)), slog.String("domain", cr.Domain))
}

// User is the PMP account that signed in.
type User struct {
	ID       int64
	Name     string
	AuthType string // display text such as "Local Authentication"
}

// OTPChallenge is PMP's request for a one-time password after a successful password
// check.
type OTPChallenge struct {
	UID            string // unique_userID, sent back as uid to ValidateOTP
	Message        string // PMP's prompt text, may be empty
	NeedsEnrolment bool   // authenticator app not yet set up for this user
	RememberDays   int    // validity of a remember-device token, in days
}

// LoginResult is the outcome of a successful login or OTP validation: exactly one of
// Token and OTP is set. String and LogValue hide the token.
type LoginResult struct {
	Token string
	User  User
	OTP   *OTPChallenge
}

// String formats the result without the token.
func (r LoginResult) String() string {
	token := ""
	if r.Token != "" {
		token = "[redacted]"
	}
	return fmt.Sprintf("{Token:%s User:%+v OTP:%+v}", token, r.User, r.OTP)
}

// GoString formats the result for %#v without the token.
func (r LoginResult) GoString() string { return "api.LoginResult" + r.String() }

// LogValue logs the result without the token.
func (r LoginResult) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", r.User.Name),
		slog.Bool("token", r.Token != ""), slog.Bool("otp_required", r.OTP != nil))
}

// Discover is desktop/discover: what the login form needs before anyone signs in.
type Discover struct {
	LocalOnly     bool     // true when AD login is disabled
	Domains       []string // AD domains accepted as Credentials.Domain
	DefaultDomain string
	BuildNo       string
	LicenseType   string // for example "R" or "T"
	BaseLanguage  string // for example "en_US"
	ServerIP      string
	IsMSP         bool
}

// Discover calls desktop/discover, which needs no token.
func (c *Client) Discover(ctx context.Context) (*Discover, error) {
	rq := &request{
		kind:     kindRead,
		method:   http.MethodGet,
		endpoint: discoverEndpoint,
		keys:     []string{keyDiscover},
	}

	var env objectEnvelope[discoverWire]
	if _, err := c.do(ctx, rq, &env); err != nil {
		return nil, err
	}
	return env.object(keyDiscover).value(), nil
}

// Login calls desktop/authentication. Version 1.4 sends a JSON POST; version 1.3 sends a
// GET with the parameters in the query string, where PMP's access log may record the
// base64 password, so prefer 1.4. The password is sent as base64 of its UTF-8 bytes.
// Login never retries.
func (c *Client) Login(ctx context.Context, cr Credentials) (*LoginResult, error) {
	rq, err := c.loginRequest(cr)
	if err != nil {
		return nil, err
	}

	var env objectEnvelope[authWire]
	if _, err := c.do(ctx, rq, &env); err != nil {
		return nil, err
	}
	return env.object(keyAuthentication).result(authenticationEndpoint, cr.Username)
}

// ValidateOTP calls desktop/authentication/otpValidate with the UID of an OTPChallenge.
// Every error response from PMP maps to ErrOTPInvalid. It never retries, because an OTP is
// single use.
func (c *Client) ValidateOTP(ctx context.Context, uid, otp string) (*LoginResult, error) {
	otp = strings.TrimSpace(otp)
	if uid == "" {
		return nil, fmt.Errorf("api: %s: missing OTP challenge UID", otpEndpoint)
	}
	if otp == "" {
		return nil, fmt.Errorf("%w: empty one-time password", ErrOTPInvalid)
	}

	rq := &request{
		kind:     kindOTP,
		method:   http.MethodPost,
		endpoint: otpEndpoint,
		body:     otpBody{UID: uid, OTP: otp, RememberMe: false},
		secrets:  []string{otp},
		keys:     []string{keyAuthentication},
	}

	var env objectEnvelope[authWire]
	if _, err := c.do(ctx, rq, &env); err != nil {
		return nil, err
	}

	result, err := env.object(keyAuthentication).result(otpEndpoint, uid)
	if err != nil {
		return nil, err
	}
	if result.Token == "" {
		return nil, badResponse(otpEndpoint, "no auth_token after OTP validation")
	}
	return result, nil
}

type loginBody struct {
	Username string `json:"username"`
	Password string `json:"password"`
	AuthType string `json:"auth_type"`
	Domain   string `json:"domainName,omitempty"`
}

type otpBody struct {
	UID        string `json:"uid"`
	OTP        string `json:"otp"`
	RememberMe bool   `json:"rememberme_enabled"`
}

// loginRequest validates the credentials and builds the request for the client's API
// version.
func (c *Client) loginRequest(cr Credentials) (*request, error) {
	body, err := newLoginBody(cr)
	if err != nil {
		return nil, err
	}

	rq := &request{
		kind:     kindLogin,
		endpoint: authenticationEndpoint,
		secrets:  []string{cr.Password, body.Password, url.QueryEscape(body.Password)},
		keys:     []string{keyAuthentication},
	}

	if c.version == "1.3" {
		rq.method = http.MethodGet
		rq.query = body.values()
		return rq, nil
	}

	rq.method = http.MethodPost
	rq.body = body
	return rq, nil
}

func newLoginBody(cr Credentials) (*loginBody, error) {
	authType := cr.AuthType
	if authType == "" {
		authType = LocalAuthentication
	}

	switch {
	case strings.TrimSpace(cr.Username) == "" || cr.Password == "":
		return nil, fmt.Errorf("%w: user name and password are required", ErrBadCredentials)
	case authType != LocalAuthentication && authType != ADAuthentication:
		return nil, fmt.Errorf("api: unknown authentication type %q", authType)
	case authType == ADAuthentication && strings.TrimSpace(cr.Domain) == "":
		return nil, fmt.Errorf("%w: a domain is required for AD authentication",
			ErrBadCredentials)
	}

	body := &loginBody{
		Username: cr.Username,
		Password: base64.StdEncoding.EncodeToString([]byte(cr.Password)),
		AuthType: string(authType),
	}
	if authType == ADAuthentication {
		body.Domain = cr.Domain
	}
	return body, nil
}

// values encodes the 1.3 query string. url.Values escapes the "+", "/" and "=" of the
// base64 password.
func (b *loginBody) values() url.Values {
	v := url.Values{
		"username":  {b.Username},
		"password":  {b.Password},
		"auth_type": {b.AuthType},
	}
	if b.Domain != "" {
		v.Set("domainName", b.Domain)
	}
	return v
}

// authWire is message_response.authentication of a login or OTP response.
type authWire struct {
	AuthData *struct {
		AuthToken Text `json:"auth_token"`
	} `json:"auth_data"`
	TwoFactor *struct {
		UniqueUserID Text `json:"unique_userID"`
		GoogleKey    Text `json:"google_authenticator_key"`
		Enabled      Bool `json:"is_TwoFactor_Enabled"`
		RememberDays Int  `json:"remember_token_days"`
		OTPRequired  Bool `json:"OTP_Validation_Required"`
		Message      Text `json:"message"`
	} `json:"two_factor_data"`
	UserData struct {
		AuthType Text `json:"auth_type"`
		UserID   Int  `json:"user_id"`
		UserName Text `json:"user_name"`
	} `json:"user_data"`
	Message Text `json:"message"`
}

var errNoLoginOutcome = errors.New("neither auth_token nor an OTP challenge in the response")

// result converts the response. A required OTP wins over a token, because PMP sends
// OTP_Validation_Required only when the password check alone is not enough.
func (w *authWire) result(endpoint, username string) (*LoginResult, error) {
	user := User{
		ID:       w.UserData.UserID.Value,
		Name:     string(firstText(w.UserData.UserName, Text(username))),
		AuthType: string(w.UserData.AuthType),
	}

	if tf := w.TwoFactor; tf != nil && tf.OTPRequired.Value {
		if tf.UniqueUserID == "" {
			return nil, badResponse(endpoint, "OTP required but unique_userID missing")
		}
		return &LoginResult{User: user, OTP: &OTPChallenge{
			UID:            string(tf.UniqueUserID),
			Message:        string(firstText(tf.Message, w.Message)),
			NeedsEnrolment: tf.GoogleKey != "",
			RememberDays:   int(tf.RememberDays.Value),
		}}, nil
	}

	if w.AuthData == nil || w.AuthData.AuthToken == "" {
		return nil, badResponse(endpoint, "%v", errNoLoginOutcome)
	}
	return &LoginResult{Token: string(w.AuthData.AuthToken), User: user}, nil
}

type discoverWire struct {
	LoginData struct {
		LocalOnly     Bool   `json:"is_local_authentication_only"`
		Domains       []Text `json:"domain_list"`
		DefaultDomain Text   `json:"default_domain"`
	} `json:"login_data"`
	ServerData struct {
		BuildNo      Text `json:"build_no"`
		LicenseType  Text `json:"license_type"`
		BaseLanguage Text `json:"base_language"`
		ServerIP     Text `json:"server_ip"`
		IsMSP        Bool `json:"is_msp"`
	} `json:"server_data"`
}

// value converts the response. Without is_local_authentication_only, AD login counts as
// available only when PMP lists a domain.
func (w *discoverWire) value() *Discover {
	login, server := w.LoginData, w.ServerData
	d := &Discover{
		Domains:       texts(login.Domains),
		DefaultDomain: string(login.DefaultDomain),
		BuildNo:       string(server.BuildNo),
		LicenseType:   string(server.LicenseType),
		BaseLanguage:  string(server.BaseLanguage),
		ServerIP:      string(server.ServerIP),
		IsMSP:         server.IsMSP.Value,
	}

	d.LocalOnly = login.LocalOnly.Value
	if !login.LocalOnly.Valid {
		d.LocalOnly = len(d.Domains) == 0
	}
	return d
}
