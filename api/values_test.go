package api

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTextUnmarshal(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Text
	}{
		{"plain string", `"WS-0042"`, "WS-0042"},
		{"empty marker", `"--"`, ""},
		{"null", `null`, ""},
		{"empty string", `""`, ""},
		{"integer", `30917`, "30917"},
		{"float", `1.5`, "1.5"},
		{"boolean", `true`, "true"},
		{"escaped", `"a\"b\\c\u00e9"`, "a\"b\\cé"},
		{"html kept verbatim", `"<script>alert(1)</script>"`, "<script>alert(1)</script>"},
		{"double dash inside", `"a--b"`, "a--b"},
		{"invalid UTF-8 replaced", "\"a\xffb\"", "a\uFFFDb"},
		{"right-to-left override replaced", `"\u202eabc"`, "\uFFFDabc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Text
			if err := json.Unmarshal([]byte(tt.input), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.input, err)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}

func TestTextRejectsObjects(t *testing.T) {
	for _, input := range []string{`{"a":1}`, `[1,2]`} {
		var got Text
		if err := json.Unmarshal([]byte(input), &got); err == nil {
			t.Errorf("Unmarshal(%s) = %q, want error", input, got)
		}
	}
}

func TestIntUnmarshal(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Int
	}{
		{"number", `12`, Int{12, true}},
		{"negative", `-1`, Int{-1, true}},
		{"zero", `0`, Int{0, true}},
		{"numeric string", `"12"`, Int{12, true}},
		{"string with spaces", `" 7 "`, Int{7, true}},
		{"empty marker", `"--"`, Int{}},
		{"empty string", `""`, Int{}},
		{"not available", `"NA"`, Int{}},
		{"null", `null`, Int{}},
		{"word", `"dc.common.NA"`, Int{}},
		{"boolean", `true`, Int{}},
		{"integral float", `12.0`, Int{12, true}},
		{"exponent", `1.5e3`, Int{1500, true}},
		{"fraction", `12.5`, Int{}},
		{"epoch millis", `1763001234000`, Int{1763001234000, true}},
		{"max int64", `9223372036854775807`, Int{9223372036854775807, true}},
		{"too large", `92233720368547758070`, Int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Int
			if err := json.Unmarshal([]byte(tt.input), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.input, err)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.input, got, tt.want)
			}
		})
	}
}

func TestIntRejectsObjects(t *testing.T) {
	for _, input := range []string{`{"value":1}`, `[1]`} {
		var got Int
		if err := json.Unmarshal([]byte(input), &got); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, want error", input, got)
		}
	}
}

func TestIntString(t *testing.T) {
	if got := (Int{Value: 42, Valid: true}).String(); got != "42" {
		t.Errorf("String() = %q, want %q", got, "42")
	}
	if got := (Int{Value: 42}).String(); got != "" {
		t.Errorf("String() of invalid Int = %q, want empty", got)
	}
}

func TestTimeUnmarshal(t *testing.T) {
	millis := time.Date(2025, 11, 13, 2, 33, 54, 0, time.UTC)
	seconds := time.Date(2023, 8, 7, 7, 36, 0, 0, time.UTC)

	tests := []struct {
		name  string
		input string
		want  time.Time
	}{
		{"epoch millis", `1763001234000`, millis},
		{"epoch millis string", `"1763001234000"`, millis},
		{"epoch seconds", `1691393760`, seconds},
		{"never", `-1`, time.Time{}},
		{"never string", `"-1"`, time.Time{}},
		{"zero", `0`, time.Time{}},
		{"empty marker", `"--"`, time.Time{}},
		{"null", `null`, time.Time{}},
		{"empty string", `""`, time.Time{}},
		{"rfc3339", `"2025-11-13T02:33:54Z"`, millis},
		{"garbage string", `"yesterday"`, time.Time{}},
		{"beyond year 9999", `999999999999999999`, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Time
			if err := json.Unmarshal([]byte(tt.input), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.input, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("Unmarshal(%s) = %v, want %v", tt.input, got.Time, tt.want)
			}
			if !got.IsZero() && got.Location() != time.UTC {
				t.Errorf("Unmarshal(%s) location = %v, want UTC", tt.input, got.Location())
			}
		})
	}
}

func TestBoolUnmarshal(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Bool
	}{
		{"true", `true`, Bool{true, true}},
		{"false", `false`, Bool{false, true}},
		{"true string", `"true"`, Bool{true, true}},
		{"upper case string", `"TRUE"`, Bool{true, true}},
		{"false string", `"false"`, Bool{false, true}},
		{"one", `1`, Bool{true, true}},
		{"zero", `0`, Bool{false, true}},
		{"one string", `"1"`, Bool{true, true}},
		{"empty marker", `"--"`, Bool{}},
		{"null", `null`, Bool{}},
		{"other number", `2`, Bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Bool
			if err := json.Unmarshal([]byte(tt.input), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.input, err)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.input, got, tt.want)
			}
		})
	}
}

func TestDownloadStatusUnmarshal(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Bool
	}{
		{"downloaded", `221`, Bool{true, true}},
		{"downloaded string", `"221"`, Bool{true, true}},
		{"not downloaded marker", `"--"`, Bool{false, true}},
		{"other code", `222`, Bool{false, true}},
		{"null", `null`, Bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got downloadStatus
			if err := json.Unmarshal([]byte(tt.input), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.input, err)
			}
			if got.Bool != tt.want {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.input, got.Bool, tt.want)
			}
		})
	}
}

func TestCodeLabels(t *testing.T) {
	valid := func(v int64) Int { return Int{Value: v, Valid: true} }

	tests := []struct {
		name      string
		label     string
		known     bool
		wantLabel string
		wantKnown bool
	}{
		{"severity critical", Severity(valid(4)).Label(), Severity(valid(4)).Known(),
			"Critical", true},
		{"severity unrated", Severity(valid(0)).Label(), Severity(valid(0)).Known(),
			"Unrated", true},
		{"severity unknown code", Severity(valid(217)).Label(), Severity(valid(217)).Known(),
			"unknown (code 217)", false},
		{"severity empty", Severity{}.Label(), Severity{}.Known(), "unknown", false},
		{"health vulnerable", HealthStatus(valid(2)).Label(), HealthStatus(valid(2)).Known(),
			"Vulnerable", true},
		{"live down", LiveStatus(valid(2)).Label(), LiveStatus(valid(2)).Known(),
			"Down", true},
		{"install failed", InstallStatus(valid(29)).Label(), InstallStatus(valid(29)).Known(),
			"Installation failed", true},
		{"patch failed", PatchStatus(valid(206)).Label(), PatchStatus(valid(206)).Known(),
			"Failed", true},
		{"approval declined", ApprovalStatus(valid(212)).Label(),
			ApprovalStatus(valid(212)).Known(), "Declined", true},
		{"approval old not approved", ApprovalStatus(valid(210)).Label(),
			ApprovalStatus(valid(210)).Known(), "Not approved", true},
		{"approval zero", ApprovalStatus(valid(0)).Label(), ApprovalStatus(valid(0)).Known(),
			"Not approved", true},
		{"scan not scanned", ScanStatus(valid(229)).Label(), ScanStatus(valid(229)).Known(),
			"Not scanned", true},
		{"platform linux", Platform(valid(3)).Label(), Platform(valid(3)).Known(),
			"Linux", true},
		{"platform code 9", Platform(valid(9)).Label(), Platform(valid(9)).Known(),
			"unknown (code 9)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.label != tt.wantLabel {
				t.Errorf("Label() = %q, want %q", tt.label, tt.wantLabel)
			}
			if tt.known != tt.wantKnown {
				t.Errorf("Known() = %v, want %v", tt.known, tt.wantKnown)
			}
		})
	}
}

func TestPlatformUnmarshal(t *testing.T) {
	tests := []struct {
		input string
		want  string
	}{
		{`"Windows"`, "Windows"},
		{`"windows"`, "Windows"},
		{`"Mac"`, "Mac"},
		{`"macOS"`, "Mac"},
		{`"Linux"`, "Linux"},
		{`1`, "Windows"},
		{`"2"`, "Mac"},
		{`"--"`, "unknown"},
		{`"Solaris"`, "unknown"},
		{`7`, "unknown (code 7)"},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			var got Platform
			if err := json.Unmarshal([]byte(tt.input), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.input, err)
			}
			if got.Label() != tt.want {
				t.Errorf("Unmarshal(%s).Label() = %q, want %q", tt.input, got.Label(), tt.want)
			}
		})
	}
}

func TestCodedTypesDecodeStrings(t *testing.T) {
	var row struct {
		Severity Severity       `json:"severity"`
		Health   HealthStatus   `json:"health"`
		Approval ApprovalStatus `json:"approval"`
	}
	input := `{"severity":"4","health":"--","approval":"211"}`
	if err := json.Unmarshal([]byte(input), &row); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}

	if got := row.Severity.Label(); got != "Critical" {
		t.Errorf("Severity = %q, want %q", got, "Critical")
	}
	if got := row.Health.Label(); got != "unknown" {
		t.Errorf("Health = %q, want %q", got, "unknown")
	}
	if got := row.Approval.Label(); got != "Approved" {
		t.Errorf("Approval = %q, want %q", got, "Approved")
	}
}

func TestTextNeutralizesBidiControls(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"right-to-left override", `"invoice\u202Egpj.exe"`, "invoice\uFFFDgpj.exe"},
		{"isolate", `"a\u2066b\u2069c"`, "a\uFFFDb\uFFFDc"},
		{"plain right-to-left text kept", `"שלום"`, "שלום"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Text
			if err := got.UnmarshalJSON([]byte(tt.in)); err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
