package handlers

import (
	"testing"
	"time"

	"patchdesk/api"
	"patchdesk/views"
)

func TestRelative(t *testing.T) {
	now := time.Date(2026, 12, 4, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		age  time.Duration
		want string
	}{
		{"seconds ago", 30 * time.Second, "just now"},
		{"seconds ahead", -30 * time.Second, "just now"},
		{"one minute", time.Minute, "1 minute ago"},
		{"minutes", 59 * time.Minute, "59 minutes ago"},
		{"one hour", time.Hour, "1 hour ago"},
		{"hours", 47 * time.Hour, "47 hours ago"},
		{"days", 3 * 24 * time.Hour, "3 days ago"},
		{"months", 90 * 24 * time.Hour, "3 months ago"},
		{"one year", 800 * 24 * time.Hour, "2 years ago"},
		{"in minutes", -5 * time.Minute, "in 5 minutes"},
		{"in one day", -48 * time.Hour, "in 2 days"},
		{"in one hour", -time.Hour, "in 1 hour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := relative(now.Add(-tt.age), now); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTimeCell(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, cet)
	tests := []struct {
		name string
		at   api.Time
		want views.Cell
	}{
		{"zero time", api.Time{}, views.Cell{Text: "never", Muted: true}},
		{"in the viewer's zone", api.Time{Time: time.Date(2026, 12, 1, 13, 2, 0, 0, time.UTC)},
			views.Cell{Text: "1 Dec 2026 14:02 · 3 days ago", Title: "2026-12-01T14:02:00+01:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := timeCell(tt.at, now, "never"); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
