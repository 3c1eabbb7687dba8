package pmptest

import "time"

// TOTP returns the authenticator code of a base32 key at t, for the black-box tests.
func TOTP(key string, t time.Time) string {
	return totp(key, t.Unix()/totpStep)
}
