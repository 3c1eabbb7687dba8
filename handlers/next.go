package handlers

import (
	"net/url"
	"strings"
)

// safeNext returns next when it is a path on this portal, and "/" otherwise. It rejects
// absolute and scheme-relative URLs, backslashes (which browsers read as slashes),
// control characters, and encoded forms of these.
func safeNext(next string) string {
	if next == "" || len(next) > 2048 || next[0] != '/' {
		return "/"
	}
	decoded := next
	for range 3 {
		unescaped, err := url.PathUnescape(decoded)
		if err != nil {
			return "/"
		}
		if unescaped == decoded {
			break
		}
		decoded = unescaped
	}
	for _, s := range []string{next, decoded} {
		if strings.HasPrefix(s, "//") || strings.ContainsAny(s, "\\") || hasControl(s) {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	if strings.HasPrefix(next, "/login") || strings.HasPrefix(next, "/logout") {
		return "/"
	}
	return next
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return true
		}
	}
	return false
}
