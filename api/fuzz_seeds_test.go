package api

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

// simulatorPaths are the read endpoints whose simulator responses seed FuzzDecode.
var simulatorPaths = []string{
	"desktop/discover", "desktop/serverproperties", "patch/summary", "som/summary",
	"patch/allsystems?pagelimit=1", "patch/allpatches?pagelimit=1", "som/computers?pagelimit=1",
	"patch/scandetails?pagelimit=1", "patch/deploymentpolicies?pagelimit=1",
	"patch/viewconfig?pagelimit=1", "patch/healthpolicy", "patch/dbupdatestatus",
	"patch/allsystems?pagelimit=notanumber",
}

// addSimulatorSeeds adds the simulator's responses to the corpus, so fuzzing starts from
// bodies shaped like a real server's. Hostile-mode bodies are left out: their long
// strings slowed fuzzing more than a hundredfold here and add no new structure.
func addSimulatorSeeds(f *testing.F) {
	f.Helper()
	sim, err := pmptest.Start(pmptest.Options{Computers: 20,
		Now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		f.Fatalf("start simulator: %v", err)
	}
	defer func() { _ = sim.Close() }()
	client, err := New(sim.URL())
	if err != nil {
		f.Fatal(err)
	}
	res, err := client.Login(context.Background(), Credentials{Username: "admin",
		Password: "admin", AuthType: LocalAuthentication})
	if err != nil {
		f.Fatalf("sign in to the simulator: %v", err)
	}
	for _, path := range simulatorPaths {
		f.Add(simulatorBody(f, sim.URL()+"/api/1.4/"+path, res.Token))
	}
}

func simulatorBody(f *testing.F, url, token string) []byte {
	f.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		f.Fatal(err)
	}
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		f.Fatalf("read %s: %v", url, err)
	}
	return body
}
