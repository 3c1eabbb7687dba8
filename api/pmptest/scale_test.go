//go:build !race

package pmptest_test

import (
	"runtime"
	"testing"
	"time"

	"patchdesk/api/pmptest"
)

// TestLargeEstate builds 100,000 computers and checks build time and heap growth. The race
// detector slows the build several times, so this test runs only without it.
func TestLargeEstate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100,000 computers")
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)

	start := time.Now()
	s := pmptest.New(pmptest.Options{Computers: 100000, Now: fixedNow})
	elapsed := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)

	// NOTE: 2s is the target on a current x86-64 core; the limit leaves room for a loaded
	// CI machine.
	if elapsed > 4*time.Second {
		t.Errorf("build took %v, want about 2s or less", elapsed)
	}
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if heap > 150<<20 {
		t.Errorf("estate holds %d MiB of heap, want under 150 MiB", heap>>20)
	}
	t.Logf("100,000 computers: built in %v, %d MiB of heap", elapsed, heap>>20)
	runtime.KeepAlive(s)
}
