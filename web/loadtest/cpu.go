package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTicks is the unit of /proc/stat, USER_HZ, which is 100 on Linux.
const clockTicks = 100

// cpuUse is a reading of the machine's busy CPU time and this process's CPU time.
type cpuUse struct {
	at      time.Time
	machine time.Duration // busy time of all CPUs since boot; -1 when unknown
	process time.Duration // user and system time of this process
}

func readCPU() cpuUse {
	u := cpuUse{at: time.Now(), machine: machineBusy()}
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) == nil {
		u.process = time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return u
}

// machineBusy returns the non-idle time of all CPUs from the first line of /proc/stat.
func machineBusy() time.Duration {
	raw, err := os.ReadFile("/proc/stat")
	if err != nil {
		return -1
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	fields := strings.Fields(line)
	if len(fields) < 8 || fields[0] != "cpu" {
		return -1
	}
	var busy int64
	for i, f := range fields[1:8] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return -1
		}
		if i != 3 && i != 4 { // idle and iowait
			busy += n
		}
	}
	return time.Duration(busy) * time.Second / clockTicks
}

// printCPU prints how much of the machine this run and all other processes used, because
// other load on a shared machine delays requests as much as the portal's own work does.
func printCPU(w io.Writer, before, after cpuUse) {
	wall := after.at.Sub(before.at)
	mine := after.process - before.process
	fmt.Fprintf(w, "CPU during the run: this process %.1f core-seconds", mine.Seconds())
	if before.machine >= 0 && after.machine >= 0 {
		others := max(0, after.machine-before.machine-mine)
		fmt.Fprintf(w, ", other processes %.1f core-seconds", others.Seconds())
	}
	fmt.Fprintf(w, ", of %.1f available (%.0f s x %d CPUs); load average now %s\n",
		wall.Seconds()*float64(numCPU()), wall.Seconds(), numCPU(), loadAverage())
}
