package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"patchdesk/api/pmptest"
)

// Budgets of the binary.
const (
	budgetStartup   = 200 * time.Millisecond
	budgetBinaryMiB = 30.0
)

// startupTimeout bounds one start of the binary.
const startupTimeout = 20 * time.Second

// runStartup builds the patchdesk binary, prints its size, and starts it opts.runs times
// against a simulator on loopback and as many times with -demo, timing each start from
// exec to the first 200 on /healthz.
func runStartup(ctx context.Context, opts options, w io.Writer) error {
	dir, err := os.MkdirTemp("", "patchdesk-startup-")
	if err != nil {
		return fmt.Errorf("loadtest: temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)
	binary, err := buildBinary(ctx, dir)
	if err != nil {
		return err
	}
	info, err := os.Stat(binary)
	if err != nil {
		return fmt.Errorf("loadtest: built binary: %w", err)
	}
	size := float64(info.Size()) / (1 << 20)
	fmt.Fprintf(w, "mode startup: binary %.1f MiB (budget %.0f MiB: %s), built by go build\n",
		size, budgetBinaryMiB, verdict(size <= budgetBinaryMiB))

	sim, err := pmptest.Start(pmptest.Options{})
	if err != nil {
		return fmt.Errorf("loadtest: start simulator: %w", err)
	}
	defer sim.Close()
	for _, variant := range []struct{ name string }{{"-pmp-url"}, {"-demo"}} {
		args := []string{"-addr", "127.0.0.1:0", "-pmp-url", sim.URL()}
		if variant.name == "-demo" {
			args = []string{"-addr", "127.0.0.1:0", "-demo"}
		}
		if err := timeStarts(ctx, w, binary, variant.name, args, opts.runs); err != nil {
			return err
		}
	}
	return nil
}

// buildBinary builds the module's main package into dir.
func buildBinary(ctx context.Context, dir string) (string, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	binary := filepath.Join(dir, "patchdesk")
	//nolint:gosec // G204: builds this module into a temporary directory of this program.
	cmd := exec.CommandContext(ctx, "go", "build", "-o", binary, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("loadtest: go build: %w\n%s", err, out)
	}
	return binary, nil
}

func moduleRoot(ctx context.Context) (string, error) {
	//nolint:gosec // G702: fixed arguments.
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", errors.New("loadtest: run the startup mode inside the patchdesk module")
	}
	return filepath.Dir(gomod), nil
}

func timeStarts(ctx context.Context, w io.Writer, binary, name string, args []string,
	runs int) error {
	var times []time.Duration
	for range runs {
		d, err := timeStart(ctx, binary, args)
		if err != nil {
			return fmt.Errorf("loadtest: start with %s: %w", name, err)
		}
		times = append(times, d)
	}
	s := percentiles(times)
	fmt.Fprintf(w, "start-up with %s, exec to first 200 on /healthz over %d starts: "+
		"p50 %s ms, max %s ms (budget %s ms at max: %s)\n", name, runs, ms(s.p50), ms(s.peak),
		ms(budgetStartup), verdict(s.peak <= budgetStartup))
	return nil
}

var startedURL = regexp.MustCompile(`patchdesk started.* url=(http://127\.0\.0\.1:\d+)`)

// timeStart starts the binary and returns the time from exec to the first 200 on
// /healthz. The portal logs its URL once it listens, because it binds port 0.
func timeStart(ctx context.Context, binary string, args []string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, startupTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...) //nolint:gosec // G204: the binary built above
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()

	base, err := awaitURL(stderr)
	if err != nil {
		return 0, err
	}
	if err := awaitHealthy(ctx, base); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// awaitURL reads the log until the portal names its URL, then drains the rest.
func awaitURL(stderr io.Reader) (string, error) {
	scanner := bufio.NewScanner(stderr)
	for scanner.Scan() {
		if m := startedURL.FindStringSubmatch(scanner.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, stderr) }()
			return m[1], nil
		}
	}
	return "", errors.New("portal exited without logging its URL")
}

func awaitHealthy(ctx context.Context, base string) error {
	for ctx.Err() == nil {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		if err != nil {
			return err
		}
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return ctx.Err()
}
