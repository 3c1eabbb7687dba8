package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// Indexes of the PMP server page's calls in serverCalls.
const (
	callDiscover = iota
	callProperties
	callHealthPolicy
	callDatabase
	serverCallCount
)

// serverCalls contains the results of the PMP server page's four calls, each with the
// clock time it ended.
type serverCalls struct {
	discover   *api.Discover
	props      *api.ServerProperties
	policy     *api.HealthPolicy
	db         *api.DBUpdateStatus
	errs       [serverCallCount]error
	fetchedAts [serverCallCount]string
}

// ServerShow serves the PMP server page. Its four PMP calls run concurrently, and a
// failed call shows its error in its own section only.
func (h *Handler) ServerShow(c echo.Context) error {
	r := h.fetchServerFacts(c.Request().Context(), h.token(c))
	for _, err := range r.errs {
		if handled, rerr := h.handleSignInAgain(c, err); handled {
			return rerr
		}
	}
	ctx := c.Request().Context()
	if r.errs[callProperties] == nil {
		h.storeProperties(ctx, r.props)
	}

	page := views.ServerPage{Sections: []views.ServerSection{
		h.serverSection(ctx, r, callDiscover, "server", "Server",
			func() views.ServerSection { return discoverSection(r.discover) }),
		h.serverSection(ctx, r, callDatabase, "database", "Vulnerability database",
			func() views.ServerSection { return databaseSection(r.db, h.now()) }),
		h.serverSection(ctx, r, callHealthPolicy, "health-policy", "Health policy",
			func() views.ServerSection { return healthPolicySection(r.policy) }),
		h.serverSection(ctx, r, callProperties, "scope", "Domains, offices and groups",
			func() views.ServerSection { return scopeSection(r.props) }),
	}}
	shell := h.shell(c, "PMP server", "server")
	return h.render(c, http.StatusOK, views.ServerShowPage(shell, page))
}

// fetchServerFacts calls PMP's discover, serverproperties, healthpolicy and
// dbupdatestatus concurrently.
func (h *Handler) fetchServerFacts(ctx context.Context, token string) *serverCalls {
	r := &serverCalls{}
	var wg sync.WaitGroup
	done := func(i int, err error) {
		r.errs[i], r.fetchedAts[i] = err, h.now().Format("15:04:05")
	}
	wg.Go(func() {
		var err error
		r.discover, err = h.pmp.Discover(ctx)
		done(callDiscover, err)
	})
	wg.Go(func() {
		var err error
		r.props, err = h.pmp.ServerProperties(ctx, token)
		done(callProperties, err)
	})
	wg.Go(func() {
		var err error
		r.policy, err = h.pmp.HealthPolicy(ctx, token)
		done(callHealthPolicy, err)
	})
	wg.Go(func() {
		var err error
		r.db, err = h.pmp.DBUpdateStatus(ctx, token)
		done(callDatabase, err)
	})
	wg.Wait()
	return r
}

// serverSection builds the section of call, or shows the call's error in its place.
func (h *Handler) serverSection(ctx context.Context, r *serverCalls, call int, id, title string,
	build func() views.ServerSection) views.ServerSection {
	err, fetchedAt := r.errs[call], r.fetchedAts[call]
	if err != nil {
		h.log.Error("PMP server fact failed", "section", id,
			"user", h.sessions.GetString(ctx, keyUser), "error", err)
		return views.ServerSection{ID: id, Title: title, Error: h.pmpMessage(err),
			FetchedAt: fetchedAt}
	}
	s := build()
	s.ID, s.Title, s.FetchedAt = id, title, fetchedAt
	return s
}

// licenceNames spells out PMP's licence type letters. PMP documents only the letters, so
// the page shows each letter next to its name.
var licenceNames = map[string]string{"T": "Trial", "R": "Registered", "F": "Free"}

func discoverSection(d *api.Discover) views.ServerSection {
	s := views.ServerSection{Facts: []views.Fact{
		serverFact("Build", textCell(api.Text(d.BuildNo)), "build"),
		serverFact("Licence", licenceCell(d.LicenseType), "licence"),
		serverFact("Language", textCell(api.Text(d.BaseLanguage)), "language"),
		serverFact("MSP edition", mspCell(d), "msp"),
		serverFact("Sign-in", signInCell(d.LocalOnly), "sign-in"),
		serverFact("Default domain", textCell(api.Text(d.DefaultDomain)), "default-domain"),
	}}
	if !hasServerData(d) {
		s.Note = "PMP sent no server data (build, licence, language, edition); some " +
			"builds send only sign-in data."
	}
	domains := views.NameList{ID: "login-domains", Label: "Sign-in domains"}
	for _, name := range d.Domains {
		domains.Items = append(domains.Items, views.Cell{Text: name})
	}
	s.Lists = []views.NameList{domains}
	return s
}

// hasServerData reports whether discover carried server_data. The MSP flag has no
// "missing" value of its own, so it is shown only when the other server facts are there.
func hasServerData(d *api.Discover) bool {
	return d.BuildNo != "" || d.LicenseType != "" || d.BaseLanguage != ""
}

func mspCell(d *api.Discover) views.Cell {
	if !hasServerData(d) {
		return views.Cell{Text: "unknown", Muted: true}
	}
	if d.IsMSP {
		return views.Cell{Text: "yes"}
	}
	return views.Cell{Text: "no"}
}

func signInCell(localOnly bool) views.Cell {
	if localOnly {
		return views.Cell{Text: "local accounts only"}
	}
	return views.Cell{Text: "local and Active Directory accounts"}
}

func licenceCell(code string) views.Cell {
	if code == "" {
		return views.Cell{Text: "unknown", Muted: true}
	}
	if name, ok := licenceNames[strings.ToUpper(code)]; ok {
		return views.Cell{Text: name + " (" + code + ")"}
	}
	return views.Cell{Text: "unknown (" + code + ")", Muted: true}
}

func serverFact(label string, value views.Cell, testID string) views.Fact {
	return views.Fact{Label: label, Value: value, TestID: "fact-" + testID}
}

func databaseSection(db *api.DBUpdateStatus, now time.Time) views.ServerSection {
	return views.ServerSection{Facts: []views.Fact{
		serverFact("Last update result", dbStatusCell(db.LastStatus), "db-status"),
		serverFact("Last updated", timeCell(db.LastUpdate, now, "never"), "db-last"),
		serverFact("Next update", timeCell(db.NextUpdate, now, "not scheduled"), "db-next"),
		serverFact("Automatic updates", boolCell(db.AutoUpdateDisabled, "disabled", "enabled"),
			"db-auto"),
	}}
}

func dbStatusCell(status api.Text) views.Cell {
	switch {
	case status == "":
		return views.Cell{Text: "unknown", Muted: true}
	case strings.EqualFold(string(status), "success"):
		return views.Cell{Text: "Success", Badge: "ok"}
	case strings.EqualFold(string(status), "failed"):
		return views.Cell{Text: "Failed", Badge: "bad"}
	}
	return views.Cell{Text: string(status), Badge: "muted"}
}

func healthPolicySection(p *api.HealthPolicy) views.ServerSection {
	v, hv := p.Vulnerable, p.HighlyVulnerable
	return views.ServerSection{
		Thresholds: []views.ThresholdRow{
			{Severity: "Critical", Vulnerable: intCell(v.Critical),
				HighlyVulnerable: intCell(hv.Critical)},
			{Severity: "Important", Vulnerable: intCell(v.Important),
				HighlyVulnerable: intCell(hv.Important)},
			{Severity: "Moderate", Vulnerable: intCell(v.Moderate),
				HighlyVulnerable: intCell(hv.Moderate)},
			{Severity: "Low", Vulnerable: intCell(v.Low), HighlyVulnerable: intCell(hv.Low)},
		},
		Facts: []views.Fact{
			serverFact("Third-party patches", boolCell(p.ExcludeThirdParty, "ignored", "counted"),
				"third-party"),
			serverFact("Patches counted", boolCell(p.OnlyApproved, "approved only", "all"),
				"only-approved"),
		},
		Note: "The table lists the missing-patch counts per severity that PMP's health " +
			"policy uses to mark a system Vulnerable or Highly vulnerable.",
	}
}

func scopeSection(p *api.ServerProperties) views.ServerSection {
	return views.ServerSection{Lists: []views.NameList{
		scopeList("domains", "Domains", p.Domains, "domain"),
		scopeList("offices", "Branch offices", p.BranchOffices, "office"),
		scopeList("groups", "Custom groups", p.CustomGroups, "group"),
	}}
}

// scopeList lists names that link to the systems table filtered by them. A name the
// filters would reject shows without a link.
func scopeList(id, label string, names []string, param string) views.NameList {
	l := views.NameList{ID: id, Label: label}
	for _, name := range names {
		item := views.Cell{Text: name}
		if safeName(name) {
			item.Href = "/systems?" + url.Values{param: {name}}.Encode()
		}
		l.Items = append(l.Items, item)
	}
	return l
}
