// Command loadtest measures how much time patchdesk adds to the response time of Patch
// Manager Plus. It starts the portal with its built-in PMP simulator in this process on a
// loopback port and drives simulated users through it. Its latency tables separate the
// time PMP took, the upstream share of the Server-Timing header, from the time patchdesk
// added on top.
//
// Modes:
//
//	browse     users follow the browser test: dashboard, a card's filtered table, search,
//	           next page, reload, and sign out at the end
//	tables     users load 100-row table pages (-size) and their htmx updates
//	scale      the tables mode against two estate sizes (-scale), alternating in rounds
//	dashboard  users load the dashboard; prints page time over the slowest PMP call
//	sessions   signs in -sessions users and prints the heap they cost
//	startup    builds the patchdesk binary and times exec to the first 200 on /healthz
//
// Every mode stops after -duration or -max-requests, whichever comes first.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"
)

// options are the command-line settings of a run.
type options struct {
	mode        string
	users       int
	duration    time.Duration
	computers   int
	latency     time.Duration
	think       time.Duration
	size        int
	maxRequests int
	sessions    int
	scale       []int
	rounds      int
	runs        int
	warmup      time.Duration
	cpuProfile  string
}

// errFailed reports a run that finished but saw errors or lost sessions.
var errFailed = errors.New("loadtest: run had errors or lost sessions")

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	opts, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	printMachine(stdout)
	ctx, cancel := context.WithTimeout(context.Background(), opts.deadline())
	defer cancel()
	if opts.cpuProfile != "" {
		stop, err := startProfile(opts.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}

	before := readCPU()
	defer func() { printCPU(stdout, before, readCPU()) }()
	switch opts.mode {
	case "browse":
		return runBrowse(ctx, opts, stdout)
	case "tables":
		return runTables(ctx, opts, stdout)
	case "scale":
		return runScale(ctx, opts, stdout)
	case "dashboard":
		return runDashboard(ctx, opts, stdout)
	case "sessions":
		return runSessions(ctx, opts, stdout)
	case "startup":
		return runStartup(ctx, opts, stdout)
	}
	return fmt.Errorf("loadtest: invalid -mode %q: want browse, tables, scale, dashboard, "+
		"sessions or startup", opts.mode)
}

func parseOptions(args []string, output io.Writer) (options, error) {
	var o options
	var scale string
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.StringVar(&o.mode, "mode", "browse",
		"browse, tables, scale, dashboard, sessions or startup")
	fs.IntVar(&o.users, "users", 50, "number of simulated users, each with its own cookies")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "how long the load runs")
	fs.IntVar(&o.computers, "computers", 1500, "computers in the simulated estate")
	fs.DurationVar(&o.latency, "latency", 0, "delay the simulator adds to every PMP call")
	fs.DurationVar(&o.think, "think", 0, "mean pause of each user between requests")
	fs.IntVar(&o.size, "size", 100, "rows per table page in the tables and scale modes")
	fs.IntVar(&o.maxRequests, "max-requests", 1_000_000, "stop after this many requests")
	fs.IntVar(&o.sessions, "sessions", 10_000, "sessions to create in the sessions mode")
	fs.StringVar(&scale, "scale", "1000,100000", "estate sizes compared in the scale mode")
	fs.IntVar(&o.rounds, "rounds", 3, "alternations of the estates in the scale mode")
	fs.IntVar(&o.runs, "runs", 10, "starts of the binary in the startup mode")
	fs.DurationVar(&o.warmup, "warmup", 3*time.Second, "unrecorded load before the "+
		"measured run in the tables, scale and dashboard modes")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole process, "+
		"portal and simulator included, to this file")
	if err := fs.Parse(args); err != nil {
		return o, err
	}

	var err error
	if o.scale, err = parseSizes(scale); err != nil {
		return o, err
	}
	return o, o.validate()
}

func (o options) validate() error {
	switch {
	case o.users < 1 || o.users > 10_000:
		return fmt.Errorf("loadtest: invalid -users %d: want 1 to 10000", o.users)
	case o.duration <= 0 || o.duration > time.Hour:
		return fmt.Errorf("loadtest: invalid -duration %s: want up to 1h", o.duration)
	case o.computers < 1 || o.computers > 1_000_000:
		return fmt.Errorf("loadtest: invalid -computers %d: want 1 to 1000000", o.computers)
	case o.size != 25 && o.size != 50 && o.size != 100 && o.size != 250:
		return fmt.Errorf("loadtest: invalid -size %d: want 25, 50, 100 or 250", o.size)
	case o.sessions < 1 || o.sessions > 100_000:
		return fmt.Errorf("loadtest: invalid -sessions %d: want 1 to 100000", o.sessions)
	case o.rounds < 1 || o.runs < 1 || o.maxRequests < 1:
		return errors.New("loadtest: -rounds, -runs and -max-requests must be positive")
	case o.warmup < 0 || o.warmup > time.Minute:
		return fmt.Errorf("loadtest: invalid -warmup %s: want 0 to 1m", o.warmup)
	}
	return nil
}

// deadline bounds the whole run: the load itself plus time to start portals and sign in.
func (o options) deadline() time.Duration {
	return o.warmup + o.duration + 5*time.Minute
}

func parseSizes(s string) ([]int, error) {
	var sizes []int
	for _, part := range strings.Split(s, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(part), &n); err != nil || n < 1 ||
			n > 1_000_000 {
			return nil, fmt.Errorf("loadtest: invalid -scale %q: want sizes such as "+
				"1000,100000", s)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// printMachine prints what the figures depend on: CPUs, CPU model, Go version and the
// load that other processes put on the machine.
func printMachine(w io.Writer) {
	fmt.Fprintf(w, "machine: %d CPUs (GOMAXPROCS %d), %s, %s; load average %s\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), cpuModel(), runtime.Version(), loadAverage())
}

func numCPU() int { return runtime.NumCPU() }

// loadAverage returns the 1, 5 and 15 minute load averages of the machine.
func loadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	fields := strings.Fields(string(raw))
	if len(fields) < 3 {
		return "unknown"
	}
	return strings.Join(fields[:3], " ")
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "CPU model unknown"
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if name, value, ok := strings.Cut(scanner.Text(), ":"); ok &&
			strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "CPU model unknown"
}

// startProfile starts a CPU profile into path and returns the function that ends it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path) //nolint:gosec // G304: the file the operator named
	if err != nil {
		return nil, fmt.Errorf("loadtest: -cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("loadtest: -cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}
