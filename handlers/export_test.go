package handlers

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"patchdesk/api"
)

func TestCSVSafe(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text", "WS-0042", "WS-0042"},
		{"empty", "", ""},
		{"formula", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"plus", "+1-2", "'+1-2"},
		{"minus", "-2+3", "'-2+3"},
		{"at sign", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"equals later", "a=1", "a=1"},
		{"time", "2026-12-04T14:02:31Z", "2026-12-04T14:02:31Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := csvSafe(tt.in); got != tt.want {
				t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCSVStreamDefusesFormulas(t *testing.T) {
	e := exporters["computers"].(*exportSpec[api.Computer])
	var out strings.Builder
	flushes := 0
	stream := &csvStream[api.Computer]{out: newCSVWriter(&out),
		flush: func() error { flushes++; return nil }, values: e.values(time.Now()),
		record: make([]string, len(e.table.columns))}
	rows := []api.Computer{
		{Name: "=HYPERLINK(\"http://x\",\"y\")", LoggedOnUsers: "@admin", OSName: "-1+1"},
		{Name: "WS-0042", LoggedOnUsers: "CORP\\jdoe", OSName: "+cmd"},
	}
	if err := stream.writeRows(rows); err != nil {
		t.Fatal(err)
	}
	want := `"'=HYPERLINK(""http://x"",""y"")",'@admin,unknown,unknown,'-1+1,` +
		"unknown,unknown,unknown,never\r\n" +
		`WS-0042,CORP\jdoe,unknown,unknown,'+cmd,unknown,unknown,unknown,never` + "\r\n"
	if got := out.String(); got != want {
		t.Errorf("CSV\n%s\nwant\n%s", got, want)
	}
	if flushes != 1 {
		t.Errorf("%d flushes for one page, want 1", flushes)
	}
}

func TestExportDisposition(t *testing.T) {
	at := time.Date(2026, 12, 4, 15, 2, 31, 0, time.FixedZone("CET", 3600))
	got := exportDisposition("systems", at)
	want := `attachment; filename="systems-20261204-140231.csv"`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// exportTimeLabels returns the table's column labels and the labels given RFC 3339 times.
func exportTimeLabels[T any](e *exportSpec[T]) (columns, times []string) {
	for _, c := range e.table.columns {
		columns = append(columns, c.label)
	}
	for label := range e.times {
		times = append(times, label)
	}
	return columns, times
}

func TestExportTimeColumnsExist(t *testing.T) {
	for name, e := range exporters {
		var columns, times []string
		switch e := e.(type) {
		case *exportSpec[api.System]:
			columns, times = exportTimeLabels(e)
		case *exportSpec[api.Patch]:
			columns, times = exportTimeLabels(e)
		case *exportSpec[api.Computer]:
			columns, times = exportTimeLabels(e)
		case *exportSpec[api.DeploymentPolicy]:
			columns, times = exportTimeLabels(e)
		case *exportSpec[api.DeploymentConfig]:
			columns, times = exportTimeLabels(e)
		default:
			t.Fatalf("%s: exporter of type %T not covered by this test", name, e)
		}
		if len(times) == 0 {
			t.Errorf("%s: no time columns", name)
		}
		for _, label := range times {
			if !slices.Contains(columns, label) {
				t.Errorf("%s: time column %q is not a column of the table %v", name, label,
					columns)
			}
		}
	}
}

func TestExportTimeValues(t *testing.T) {
	e := exporters["systems"].(*exportSpec[api.System])
	now := time.Date(2026, 12, 4, 14, 0, 0, 0, time.FixedZone("CET", 3600))
	contact := time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)
	row := api.System{Name: "WS-0042", LastContact: api.Time{Time: contact}}
	values := e.values(now)
	header := e.header()
	got := map[string]string{}
	for i, value := range values {
		got[header[i]] = value(&row)
	}
	want := map[string]string{"Computer": "WS-0042", "Last contact": "2026-12-03T09:30:00Z",
		"Last scan": "never", "Health": "unknown", "Critical": "unknown"}
	for label, w := range want {
		if got[label] != w {
			t.Errorf("%s: got %q, want %q", label, got[label], w)
		}
	}
}

func TestExportHref(t *testing.T) {
	state, err := parseTableState(systemsTable.search, systemsTable.filters,
		systemsTable.sorts(), url.Values{"health": {"vulnerable"}, "q": {"ws"},
			"col": {"name"}, "page": {"3"}, "size": {"50"}, "sort": {"name"}, "dir": {"desc"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, id, path, want string }{
		{"systems", "systems", "/systems",
			"/export/systems?col=name&q=ws&health=vulnerable&sort=name&dir=desc"},
		{"computer patches", "computer-patches", "/computers/7",
			"/computers/7/export?col=name&q=ws&health=vulnerable&sort=name&dir=desc"},
		{"not exported", "search", "/search", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exportHref(tt.id, tt.path, state, systemsTable.filters); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// fakePages serves pages of consecutive ints. totalOf gives the total each page reports
// and sizeOf the number of rows it holds, so tests can make PMP disagree with itself.
type fakePages struct {
	start    func(page int) // called when a fetch starts, before it returns
	totalOf  func(page int) int
	sizeOf   func(page int) int
	failAt   int
	mu       sync.Mutex
	inFlight int
	maxIn    int
	calls    []int
}

var errFakePMP = errors.New("fake PMP failed")

func (f *fakePages) fetch(ctx context.Context, page int) (*api.Page[int], error) {
	f.mu.Lock()
	f.inFlight++
	f.maxIn = max(f.maxIn, f.inFlight)
	f.calls = append(f.calls, page)
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()

	if f.start != nil {
		f.start(page)
	}
	if page == f.failAt {
		return nil, errFakePMP
	}
	first := 0
	for p := 1; p < page; p++ {
		first += f.sizeOf(p)
	}
	rows := make([]int, f.sizeOf(page))
	for i := range rows {
		rows[i] = first + i
	}
	return &api.Page[int]{Total: f.totalOf(page), Page: page, Rows: rows}, nil
}

// snapshot returns the pages fetched so far and the most calls that were in flight.
func (f *fakePages) snapshot() ([]int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls), f.maxIn
}

func fixed(n int) func(int) int { return func(int) int { return n } }

func TestStreamPages(t *testing.T) {
	tests := []struct {
		name    string
		pages   *fakePages
		want    int
		wantErr error
		calls   int
	}{
		{"one page", &fakePages{totalOf: fixed(40), sizeOf: fixed(40)}, 40, nil, 1},
		{"exact pages", &fakePages{totalOf: fixed(30), sizeOf: fixed(10)}, 30, nil, 3},
		{"last page partial", &fakePages{totalOf: fixed(25), sizeOf: fixed(10)}, 25, nil, 3},
		{"empty result", &fakePages{totalOf: fixed(0), sizeOf: fixed(0)}, 0, nil, 1},
		{"later total larger", &fakePages{totalOf: func(p int) int { return 20 + 100*p },
			sizeOf: fixed(10)}, 120, nil, 12},
		{"later pages empty", &fakePages{totalOf: fixed(50),
			sizeOf: func(p int) int { return map[bool]int{true: 10}[p <= 2] }}, 20, nil, -1},
		{"later pages shorter", &fakePages{totalOf: fixed(40),
			sizeOf: func(p int) int { return map[bool]int{true: 20, false: 5}[p == 1] }},
			40, nil, 5},
		{"rows past total", &fakePages{totalOf: fixed(15), sizeOf: fixed(10)}, 15, nil, 2},
		{"failure mid-stream", &fakePages{totalOf: fixed(100), sizeOf: fixed(10), failAt: 4},
			30, errFakePMP, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, err := tt.pages.fetch(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			n, err := streamPages(context.Background(), first, tt.pages.fetch,
				func(rows []int) error {
					got = append(got, rows...)
					return nil
				})
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if n != tt.want {
				t.Errorf("wrote %d rows, want %d", n, tt.want)
			}
			if len(got) != n {
				t.Errorf("write received %d rows, count says %d", len(got), n)
			}
			for i, v := range got {
				if v != i {
					t.Fatalf("row %d is %d: rows out of order or repeated", i, v)
				}
			}
			calls, maxIn := tt.pages.snapshot()
			if tt.calls >= 0 && len(calls) != tt.calls {
				t.Errorf("%d PMP calls %v, want %d", len(calls), calls, tt.calls)
			}
			if maxIn > exportCallsInFlight {
				t.Errorf("%d calls in flight, want at most %d", maxIn, exportCallsInFlight)
			}
		})
	}
}

// TestStreamPagesPrefetches makes the calls for pages 2 and 3 wait for each other, which
// ends only when page 3 is fetched before page 2 is written.
func TestStreamPagesBoundsCallsInFlight(t *testing.T) {
	pages := &fakePages{totalOf: fixed(50), sizeOf: fixed(10)}
	first, _ := pages.fetch(context.Background(), 1)
	n, err := streamPages(context.Background(), first, pages.fetch,
		func([]int) error { return nil })
	if err != nil || n != 50 {
		t.Fatalf("wrote %d rows, error %v; want 50 rows", n, err)
	}
	if _, maxIn := pages.snapshot(); maxIn > exportCallsInFlight {
		t.Errorf("%d calls in flight, want at most %d", maxIn, exportCallsInFlight)
	}
}

func TestStreamPagesStopsOnWriteError(t *testing.T) {
	pages := &fakePages{totalOf: fixed(100), sizeOf: fixed(10)}
	first, _ := pages.fetch(context.Background(), 1)
	writes := 0
	errGone := errors.New("browser went away")
	n, err := streamPages(context.Background(), first, pages.fetch, func([]int) error {
		writes++
		if writes == 2 {
			return errGone
		}
		return nil
	})
	if !errors.Is(err, errGone) {
		t.Errorf("error %v, want %v", err, errGone)
	}
	if n != 10 {
		t.Errorf("wrote %d rows, want 10", n)
	}
	// Page 2 was written, and at most the prefetched pages after it were asked for.
	if calls, _ := pages.snapshot(); len(calls) > 2+exportCallsInFlight {
		t.Errorf("%d PMP calls %v, want at most %d", len(calls), calls, 2+exportCallsInFlight)
	}
}
