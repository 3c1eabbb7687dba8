package pmptest_test

import (
	"bytes"
	"testing"

	"patchdesk/api/pmptest"
)

var determinismPaths = []string{
	"patch/summary", "som/summary", "patch/allsystems?pagelimit=200&page=2",
	"patch/allpatches?pagelimit=1000", "som/computers?pagelimit=100",
	"patch/scandetails?pagelimit=100", "patch/viewconfig", "patch/deploymentpolicies",
	"patch/systemreport?resid=30100", "patch/supportedpatches?pagelimit=50",
}

func responses(t *testing.T, opts pmptest.Options) [][]byte {
	t.Helper()
	s := startServer(t, opts)
	token := adminToken(t, s)
	out := make([][]byte, len(determinismPaths))
	for i, p := range determinismPaths {
		_, _, out[i] = rawGet(t, s, token, "/api/1.4/"+p)
	}
	return out
}

func TestSameSeedSameBytes(t *testing.T) {
	for _, hostile := range []bool{false, true} {
		opts := pmptest.Options{Computers: 400, Seed: 7, Hostile: hostile}
		first, second := responses(t, opts), responses(t, opts)
		for i, p := range determinismPaths {
			if !bytes.Equal(first[i], second[i]) {
				t.Errorf("hostile=%v %s: responses differ between two servers", hostile, p)
			}
		}
	}
}

func TestOtherSeedOtherEstate(t *testing.T) {
	a := responses(t, pmptest.Options{Computers: 400, Seed: 7})
	b := responses(t, pmptest.Options{Computers: 400, Seed: 8})
	differ := 0
	for i := range determinismPaths {
		if !bytes.Equal(a[i], b[i]) {
			differ++
		}
	}
	if differ < len(determinismPaths)/2 {
		t.Errorf("only %d of %d responses differ between seeds 7 and 8", differ, len(determinismPaths))
	}
}
