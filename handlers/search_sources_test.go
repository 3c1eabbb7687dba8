package handlers

import "testing"

func TestLoginNameForms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"karen.lewis", "karen.lewis"},
		{`CORP\karen.lewis`, "karen.lewis"},
		{"karen.lewis@corp.example", "karen.lewis"},
		{"Karen Lewis", "Karen.Lewis"},
		{"  thomas   allen ", "thomas.allen"},
	}
	for _, tt := range tests {
		if got := loginName(tt.in); got != tt.want {
			t.Errorf("loginName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
