package pmptest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"
)

// OTP policy.
const (
	otpValidity    = 5 * time.Minute
	maxOTPAttempts = 5
	rememberDays   = 120
	totpStep       = 30 // seconds, RFC 6238 default
)

// otpChallenge is a sign-in waiting for its one-time password.
type otpChallenge struct {
	acc      *account
	uid      string // unique_userID, sent back as uid
	code     string // the e-mailed code; authenticator accounts use TOTP instead
	expires  time.Time
	attempts int
}

// rememberedDevice is a device_token issued with rememberme_enabled.
type rememberedDevice struct {
	user    string
	expires time.Time
}

// newChallenge starts an OTP step for acc, replacing any pending one, and returns the code
// to pass to Options.OnOTP. The caller holds a.mu.
func (a *authState) newChallenge(acc *account, now time.Time) (*otpChallenge, string) {
	ch := &otpChallenge{acc: acc, uid: acc.Username, expires: now.Add(otpValidity)}
	code := totp(acc.totpKey, now.Unix()/totpStep)
	if acc.otp == otpMail {
		ch.code = randomDigits(6)
		code = ch.code
	}
	a.pending[strings.ToLower(ch.uid)] = ch
	return ch, code
}

func challengePayload(ch *otpChallenge) obj {
	out := obj{{"unique_userID", ch.uid}}
	message := "Mail has been sent to the mail address " + maskedMail(ch.acc.Username) +
		". Validate OTP"
	if ch.acc.otp == otpEnroll {
		out = append(out, kv{"google_authenticator_key", ch.acc.totpKey})
		message = "Google Authenticator is not set up for this user yet. Add the key to an " +
			"authenticator app to finish set-up, then validate the OTP"
	}
	return append(out,
		kv{"is_TwoFactor_Enabled", true},
		kv{"remember_token_days", rememberDays},
		kv{"OTP_Validation_Required", true},
		kv{"message", message})
}

// maskedMail returns the user's e-mail address with the middle of the name hidden.
func maskedMail(user string) string {
	if len(user) < 3 {
		return "***@example.com"
	}
	return user[:1] + strings.Repeat("*", len(user)-2) + user[len(user)-1:] + "@example.com"
}

// otpValidate serves desktop/authentication/otpValidate with {"uid","otp",
// "rememberme_enabled"}. It also accepts unique_userID for uid and query-string fields.
func (s *Server) otpValidate(c *call) response {
	in, err := readInput(c)
	if err != nil {
		return s.fail(c, http.StatusOK, err.code, err.description)
	}
	uid := in["uid"]
	if uid == "" {
		uid = in["unique_userid"]
	}
	if uid == "" || in["otp"] == "" {
		return s.fail(c, http.StatusOK, codeInvalidParam,
			"Missing parameter: uid and otp are required")
	}

	remember := strings.EqualFold(in["rememberme_enabled"], "true")
	res := s.verifyOTP(uid, strings.TrimSpace(in["otp"]), remember)
	if res.err != nil {
		return s.fail(c, http.StatusOK, res.err.code, res.err.description)
	}
	c.user = res.acc.Username
	return s.success(c, obj{{"authentication", authPayload(res)}}, "")
}

// verifyOTP checks otp against the pending challenge of uid. A challenge is used once,
// expires after otpValidity and is dropped after maxOTPAttempts wrong codes.
func (s *Server) verifyOTP(uid, otp string, remember bool) loginResult {
	now := s.clock()
	a := s.auth
	a.mu.Lock()
	defer a.mu.Unlock()
	key := strings.ToLower(uid)
	ch := a.pending[key]
	switch {
	case ch == nil:
		return s.otpError("No one-time password is pending for this user. Sign in again.")
	case now.After(ch.expires):
		delete(a.pending, key)
		return s.otpError("The one-time password has expired. Sign in again.")
	case !otpMatches(ch, otp, now):
		ch.attempts++
		if ch.attempts >= maxOTPAttempts {
			delete(a.pending, key)
			return s.otpError("Too many invalid one-time passwords. Sign in again.")
		}
		return s.otpError("Invalid one-time password")
	}

	delete(a.pending, key)
	res := loginResult{acc: ch.acc, token: a.issueToken(ch.acc)}
	if remember {
		res.device = newDeviceToken()
		a.devices[res.device] = rememberedDevice{ch.acc.Username, now.AddDate(0, 0, rememberDays)}
	}
	return res
}

func (s *Server) otpError(description string) loginResult {
	return loginResult{err: &apiError{code: s.opts.OTPErrorCode, description: description}}
}

// otpMatches compares an e-mailed code, or an authenticator code from the previous,
// current or next 30-second step that is newer than the last one used.
func otpMatches(ch *otpChallenge, otp string, now time.Time) bool {
	if ch.acc.otp == otpMail {
		return subtle.ConstantTimeCompare([]byte(ch.code), []byte(otp)) == 1
	}
	current := now.Unix() / totpStep
	for step := current - 1; step <= current+1; step++ {
		if step <= ch.acc.lastTOTPStep {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(totp(ch.acc.totpKey, step)), []byte(otp)) == 1 {
			ch.acc.lastTOTPStep = step
			return true
		}
	}
	return false
}

// deviceRemembered reports whether device is an unexpired remember-device token of acc.
// The caller holds a.mu.
func (a *authState) deviceRemembered(acc *account, device string, now time.Time) bool {
	d, ok := a.devices[device]
	return ok && device != "" && d.user == acc.Username && now.Before(d.expires)
}

// totp returns the RFC 6238 code (HMAC-SHA1, 6 digits) of a base32 key for a time step.
func totp(key string, step int64) string {
	secret, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(key)
	if err != nil || len(secret) == 0 {
		return ""
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, secret)
	mac.Write(msg[:])
	sum := mac.Sum(nil)

	offset := sum[len(sum)-1] & 0x0f
	code := binary.BigEndian.Uint32(sum[offset:offset+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", code%1000000)
}

// randomDigits returns n random decimal digits.
func randomDigits(n int) string {
	var b strings.Builder
	for range n {
		d, _ := rand.Int(rand.Reader, big.NewInt(10))
		b.WriteByte(byte('0' + d.Int64()))
	}
	return b.String()
}

// newDeviceToken returns a random string shaped like PMP's bcrypt-style device tokens.
func newDeviceToken() string {
	const alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var raw [53]byte
	_, _ = rand.Read(raw[:])
	for i, v := range raw {
		raw[i] = alphabet[int(v)%len(alphabet)]
	}
	return "$2a$12$" + string(raw[:])
}
