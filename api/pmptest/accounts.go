package pmptest

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// Authentication types as sent in auth_type.
const (
	authLocal = "local_authentication"
	authAD    = "ad_authentication"
)

// Account is a PMP user that can sign in to the simulator.
type Account struct {
	Username string
	Password string
	AuthType string // "local_authentication" or "ad_authentication"
	Domain   string // AD domain as listed by desktop/discover, "" for local accounts
	Note     string
}

// otpMode is the kind of second factor an account uses.
type otpMode int

const (
	otpOff    otpMode = iota
	otpMail           // a code is e-mailed at each sign-in
	otpEnroll         // an authenticator app that is not enrolled yet
)

// account is an Account with its server-side state.
type account struct {
	Account
	userID       int64
	otp          otpMode
	totpKey      string
	failures     int       // consecutive wrong passwords
	lockedUntil  time.Time // zero when not locked
	lastTOTPStep int64     // the last authenticator time step used, to stop replays
}

// demoAccounts returns the accounts every simulator has. The tricky passwords exercise
// base64 and URL encoding: their base64 forms contain + / and =.
func demoAccounts() []*account {
	return []*account{
		{Account: Account{"admin", "admin", authLocal, "", "local administrator"}, userID: 1},
		{Account: Account{"jdoe", "Winter2026!", authAD, "corp", "AD user in CORP"},
			userID: 701},
		{Account: Account{"otpuser", "otpuser", authLocal, "",
			"e-mailed one-time code (printed by the demo)"}, userID: 702, otp: otpMail},
		{Account: Account{"newtech", "newtech", authLocal, "",
			"authenticator not enrolled yet (code printed by the demo)"},
			userID: 703, otp: otpEnroll, totpKey: "PDSKNEWTECH2FA7QXKR4MJ3ZL5VYWHCU"},
		{Account: Account{"tricky", "p+a/s=s&w%rd ?ÿ東", authLocal, "",
			"password with + / = & % ? spaces and non-ASCII"}, userID: 704},
		{Account: Account{"mgarcia", "Sommer 2026 ä€ /+=&%>ÿü", authAD, "eng",
			"AD user in ENG with a non-ASCII password"}, userID: 705},
	}
}

// Lock-out policy.
const (
	maxFailures  = 5
	lockDuration = 15 * time.Minute
)

// authState holds accounts, issued tokens and pending OTP challenges.
type authState struct {
	mu       sync.Mutex
	accounts []*account
	tokens   map[string]string // token -> user name
	latest   map[string]string // user name -> latest token, kept after ExpireTokens
	pending  map[string]*otpChallenge
	devices  map[string]rememberedDevice
}

func newAuthState() *authState {
	return &authState{
		accounts: demoAccounts(),
		tokens:   make(map[string]string),
		latest:   make(map[string]string),
		pending:  make(map[string]*otpChallenge),
		devices:  make(map[string]rememberedDevice),
	}
}

// find returns the account with the user name, ignoring case, or nil.
func (a *authState) find(username string) *account {
	for _, acc := range a.accounts {
		if strings.EqualFold(acc.Username, username) {
			return acc
		}
	}
	return nil
}

// issueToken creates a token for acc. The caller holds a.mu.
func (a *authState) issueToken(acc *account) string {
	token := newToken()
	a.tokens[token] = acc.Username
	a.latest[acc.Username] = token
	return token
}

// tokenUser returns the user a token was issued to.
func (a *authState) tokenUser(token string) (string, bool) {
	token = strings.TrimSpace(token)
	if token == "" {
		return "", false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	user, ok := a.tokens[token]
	return user, ok
}

// newToken returns a random upper-case GUID-like token such as
// 47A1157A-7AAC-4660-9D1E-34858F3A001C.
func newToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Accounts returns the accounts that can sign in, with their passwords.
func (s *Server) Accounts() []Account {
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	out := make([]Account, len(s.auth.accounts))
	for i, acc := range s.auth.accounts {
		out[i] = acc.Account
	}
	return out
}

// ExpireTokens invalidates every issued token: data calls with them return error 10002.
func (s *Server) ExpireTokens() {
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	s.auth.tokens = make(map[string]string)
}

// Token returns the latest token issued to user, even if it has expired, or "". Tests use
// it to check that no log or page contains the token.
func (s *Server) Token(user string) string {
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	if acc := s.auth.find(user); acc != nil {
		return s.auth.latest[acc.Username]
	}
	return ""
}
