package web_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"patchdesk/web"
)

func env(vars map[string]string) func(string) string {
	return func(key string) string { return vars[key] }
}

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := web.ParseConfig([]string{"-pmp-url", "https://pmp.example.com:8383"},
		env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:8080" {
		t.Errorf("addr %q, want 127.0.0.1:8080", cfg.Addr)
	}
	if cfg.PMPVersion != "1.4" {
		t.Errorf("API version %q, want 1.4", cfg.PMPVersion)
	}
	if cfg.Insecure {
		t.Error("TLS verification off by default")
	}
	if cfg.SessionIdle != 30*time.Minute {
		t.Errorf("idle timeout %s, want 30m", cfg.SessionIdle)
	}
}

func TestParseConfigEnvironment(t *testing.T) {
	cfg, err := web.ParseConfig([]string{"-addr", "127.0.0.1:9000"}, env(map[string]string{
		"PATCHDESK_ADDR":    "127.0.0.1:7000",
		"PATCHDESK_PMP_URL": "http://pmp.example.com:8020",
		"PATCHDESK_DEMO":    "false",
	}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:9000" {
		t.Errorf("addr %q: the flag must win over PATCHDESK_ADDR", cfg.Addr)
	}
	if cfg.PMPURL != "http://pmp.example.com:8020" {
		t.Errorf("PMP URL %q, want the one from PATCHDESK_PMP_URL", cfg.PMPURL)
	}
}

func TestParseConfigNamesInvalidOption(t *testing.T) {
	tests := []struct {
		name string
		args []string
		vars map[string]string
		want string
	}{
		{"missing PMP URL", nil, nil, "missing -pmp-url"},
		{"PMP URL without scheme", []string{"-pmp-url", "pmp.example.com"}, nil, "invalid -pmp-url"},
		{"PMP URL with query", []string{"-pmp-url", "https://pmp.example.com/?a=b"}, nil,
			"invalid -pmp-url"},
		{"bad version", []string{"-demo", "-pmp-api-version", "2.0"}, nil,
			"invalid -pmp-api-version"},
		{"bad address", []string{"-demo", "-addr", "8080"}, nil, "invalid -addr"},
		{"bad duration", []string{"-demo", "-session-idle", "soon"}, nil, "session-idle"},
		{"idle over lifetime", []string{"-demo", "-session-idle", "2h", "-session-lifetime", "1h"},
			nil, "invalid -session-idle"},
		{"bad environment value", nil, map[string]string{"PATCHDESK_DEMO": "maybe"},
			"invalid PATCHDESK_DEMO"},
		{"stray argument", []string{"-demo", "extra"}, nil, "unexpected argument"},
		{"demo with PMP URL", []string{"-demo", "-pmp-url", "https://pmp.example.com"}, nil,
			"invalid -pmp-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := web.ParseConfig(tt.args, env(tt.vars), io.Discard)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}
