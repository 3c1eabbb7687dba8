package pmptest

import (
	"strings"
)

// hostilePayloads rotate through the strings of a response in hostile mode. None contains
// a NUL byte: the percent-encoded one only looks like it does.
var hostilePayloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`javascript:alert(1)`,
	`' onmouseover='alert(1)`,
	longPayload(),
	"Ünïcödé 東京 Ωμέγα",
	"\u202Egnp.exe",
	"{{.}} ${x} <%= x %>",
	"%00%0d%0a%3Cscript%3E%25s%2e%2e%2f",
}

// longPayload returns a 2,000-character string without spaces, to test wrapping.
func longPayload() string {
	const unit = "LongValue-"
	return strings.Repeat(unit, 2000/len(unit))
}

// javascriptTurn is the rotation position of the javascript: payload, which goes in front
// of the value so that the string starts with the scheme.
const javascriptTurn = 2

// hostileVariant returns s carrying the payload at rotation position turn.
func hostileVariant(s string, turn int) string {
	i := turn % len(hostilePayloads)
	if i == javascriptTurn {
		return hostilePayloads[i] + "//" + s
	}
	return s + " " + hostilePayloads[i]
}

// keptStrings are members whose values stay valid in hostile mode: tokens, ids, codes and
// enumerations that clients send back or decode as codes.
var keptStrings = map[string]bool{
	"status": true, "message_type": true, "message_version": true, "error_code": true,
	"auth_token": true, "unique_userID": true, "google_authenticator_key": true,
	"device_token": true, "resource_id_string": true, "os_platform_name": true,
	"platform_name": true, "bulletin_id": true, "download_status": true,
	"install_error_code": true, "patch_scan_error_code": true, "ro_failure_count": true,
	"ro_yettodownload_count": true, "config_status": true, "deployment_status": true,
	"sqnumber": true,
}

// textEquals reports whether a filter value sent by a client names raw. In hostile mode a
// client may send back any payload-carrying form it was shown.
func (s *Server) textEquals(raw, value string) bool {
	if strings.EqualFold(raw, value) {
		return true
	}
	if !s.opts.Hostile {
		return false
	}
	for i := range hostilePayloads {
		if strings.EqualFold(hostileVariant(raw, i), value) {
			return true
		}
	}
	return false
}

// textContains reports whether raw, or in hostile mode any form of raw a client may have
// been shown, contains needle. needle must already be lower case.
func (s *Server) textContains(raw, needle string) bool {
	if strings.Contains(strings.ToLower(raw), needle) {
		return true
	}
	if !s.opts.Hostile {
		return false
	}
	for i := range hostilePayloads {
		if strings.Contains(strings.ToLower(hostileVariant(raw, i)), needle) {
			return true
		}
	}
	return false
}
