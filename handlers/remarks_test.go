package handlers

import "testing"

func TestRemarkTextFromKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"dc.patch.install.success", "Patch install success"},
		{"dc.db.agent.config.patchscan.success", "Agent patchscan success"},
		{"dc.common.SCANNING_COMPLETED", "Scanning completed"},
		{"Installed by the technician", "Installed by the technician"},
		{"dc.", "dc."},
	}
	for _, tt := range tests {
		if got := remarkText(tt.in); got != tt.want {
			t.Errorf("remarkText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
