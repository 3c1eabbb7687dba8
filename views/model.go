// Package views renders the portal's pages with templ. Components take small view models
// shaped like the screen; handlers build them from PMP records.
package views

// Shell is the data the page layout shows around every page.
type Shell struct {
	Title  string
	User   string // signed-in user's display name, empty on the sign-in page
	Active string // navigation entry to highlight: "dashboard", "systems", ...
	Query  string // text of the header search box
}

// Cell is one table cell or card figure.
type Cell struct {
	Text  string
	Href  string // link target, empty for plain text
	Badge string // badge style: "ok", "warn", "bad", "info", "muted"; empty for none
	Title string // tooltip, for example the exact time behind "3 days ago"
	Muted bool   // PMP gave no value, so the text is a placeholder such as "unknown"
}

// Row is one table row.
type Row struct {
	Key   string // PMP's unique id of the row (resource_id or patch_id)
	Cells []Cell
}

// Column is one table column header.
type Column struct {
	Label    string
	SortHref string // empty when PMP cannot sort by this column
	SortDir  string // "asc" or "desc" when the table is sorted by this column
}

// Option is one choice of a select box.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// Filter is one select box that narrows the table.
type Filter struct {
	Name    string
	Label   string
	Options []Option
}

// Hidden is a form value that the table controls carry but do not show.
type Hidden struct {
	Name  string
	Value string
}

// Pager holds the links and counts of a paginated table.
type Pager struct {
	First, Last, Total int // rows First to Last of Total, 1-based
	Page, Pages        int
	FirstHref          string
	PrevHref           string
	NextHref           string
	LastHref           string
}

// Table is a searchable, filterable, paginated table with its controls.
type Table struct {
	ID          string // used in element ids and test ids, such as "systems"
	Path        string // URL path the controls submit to
	Caption     string
	Columns     []Column
	Rows        []Row
	Pager       Pager
	SearchCols  []Option
	SearchValue string
	Filters     []Filter
	Sizes       []Option
	Hidden      []Hidden
	Filtered    bool   // a search or filter narrows the rows
	ClearHref   string // the same table without search and filters
	SelfHref    string // the current state, used by the refresh control
	FetchedAt   string // clock time the rows were fetched from PMP
	Error       string // plain sentence shown instead of rows when PMP failed
	ExportHref  string // CSV download of all rows in this state, empty when not offered
}

// Figure is one number on a summary card.
type Figure struct {
	Label string
	Value Cell
}

// Card is a summary card. Error replaces the figures when PMP failed.
type Card struct {
	ID        string
	Title     string
	Figures   []Figure
	Note      string
	Error     string
	FetchedAt string
}

// Dashboard is the start page.
type Dashboard struct {
	Cards []Card
}

// Login is the sign-in page.
type Login struct {
	Username      string
	AuthType      string // "local_authentication" or "ad_authentication"
	Domain        string
	Domains       []string // AD domains PMP offers; empty means a free-text domain field
	LocalOnly     bool     // PMP allows local accounts only
	Next          string
	Error         string
	Notice        string
	RetryAfterSec int
}

// OTP is the two-factor step of the sign-in.
type OTP struct {
	Prompt string
	Error  string
	Next   string
}

// ErrorPage is a full page or fragment that explains a failed request.
type ErrorPage struct {
	Status    int
	Title     string
	Message   string
	RequestID string
}

// Fact is one labelled value on a detail page.
type Fact struct {
	Label  string
	Value  Cell
	TestID string // data-testid hook, such as "fact-agent-version"
}

// Section is a block of facts that one PMP call returned, with the time of that call.
type Section struct {
	ID          string // used in the section's test id, such as "agent"
	Title       string
	Facts       []Fact
	Note        string // plain sentence below the facts, or in their place when there are none
	Error       string // plain sentence shown instead of facts when PMP failed
	FetchedAt   string // clock time the facts were fetched from PMP
	RefreshHref string
}

// Notice explains above a page's data why that data is missing or may be out of date.
type Notice struct {
	Kind string // "no-agent", "never-scanned", "agent-down" or "scan-failed"
	Text string
}

// ComputerPage is the page of one computer: its agent, scan and patch health, and patches.
type ComputerPage struct {
	Name     string
	Sections []Section
	Notices  []Notice
	Ticket   string // plain-text summary for a helpdesk ticket
	Patches  Table

	FetchedAt string // clock time of the PMP calls behind the ticket summary
	SelfHref  string // the page itself, used by the refresh links
}

// PatchPage is the page of one patch and the computers it applies to.
type PatchPage struct {
	Title     string
	Details   Section
	Computers Table
}

// SearchPage is the result of the header search.
type SearchPage struct {
	Query     string
	Groups    []SearchGroup
	FetchedAt string
	SelfHref  string // the same search, used by the refresh link
}

// SearchGroup holds the merged results of one kind, "computers" or "patches", and the
// PMP searches that produced them.
type SearchGroup struct {
	ID      string
	Title   string
	Sources []SearchSource
	Results []SearchResult
}

// SearchSource is one PMP search on one column.
type SearchSource struct {
	ID       string // such as "computer-user", used in test ids
	Label    string // the column searched, such as "Logged-on user"
	Total    int    // rows PMP matched on all pages
	MoreHref string // the full table filtered by the same search
	Error    string // plain sentence shown when this search failed
}

// SearchResult is one computer or patch found by one or more searches.
type SearchResult struct {
	Key     string // resource_id or patch_id
	Title   string
	Href    string
	Detail  string
	Matched []string // fields that matched, such as "logged-on user"
}

// NameList is a labelled list of names on the PMP server page, such as PMP's domains.
// Items that can narrow a table link to it.
type NameList struct {
	ID    string // used in the list's test id, such as "domains"
	Label string
	Items []Cell
}

// ThresholdRow is one severity of PMP's health policy: the missing-patch counts that
// make a system Vulnerable or Highly vulnerable.
type ThresholdRow struct {
	Severity         string
	Vulnerable       Cell
	HighlyVulnerable Cell
}

// ServerSection is one part of the PMP server page, filled from one PMP call.
type ServerSection struct {
	ID         string // used in the section's test id, such as "database"
	Title      string
	Facts      []Fact
	Lists      []NameList
	Thresholds []ThresholdRow
	Note       string // plain sentence shown below the facts
	Error      string // plain sentence shown instead of the facts when PMP failed
	FetchedAt  string // clock time the facts were fetched from PMP
}

// ServerPage is the page of facts about the PMP server and its settings.
type ServerPage struct {
	Sections []ServerSection
}

// SessionRow is one active session of the signed-in user.
type SessionRow struct {
	Ref       string // random reference of the session, never its token
	SignedIn  string
	Client    string
	UserAgent string
	Current   bool
}

// SessionsPage lists the user's sessions with a form to end them.
type SessionsPage struct {
	Sessions []SessionRow
	Error    string
	Notice   string
}
