package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// listEndpoint is a paged endpoint and the message_response keys that may hold its rows.
type listEndpoint struct {
	path string
	keys []string
}

// Some servers return allsystems and scandetails rows under "computers", so both
// endpoints fall back to that key.
var (
	allSystemsEndpoint = listEndpoint{"patch/allsystems",
		[]string{"allsystems", "computers"}}
	allPatchesEndpoint      = listEndpoint{"patch/allpatches", []string{"allpatches"}}
	computersEndpoint       = listEndpoint{"som/computers", []string{"computers"}}
	systemReportEndpoint    = listEndpoint{"patch/systemreport", []string{"systemreport"}}
	allPatchDetailsEndpoint = listEndpoint{"patch/allpatchdetails",
		[]string{"allpatchdetails"}}
	scanDetailsEndpoint = listEndpoint{"patch/scandetails",
		[]string{"scandetails", "computers"}}
	deploymentPoliciesEndpoint = listEndpoint{"patch/deploymentpolicies",
		[]string{"deploymentpolicies"}}
	viewConfigEndpoint = listEndpoint{"patch/viewconfig", []string{"viewconfig"}}
)

// ServerProperties calls desktop/serverproperties for the values of the domain, branch
// office and custom group filters.
func (c *Client) ServerProperties(ctx context.Context, token string) (*ServerProperties, error) {
	return getObject(ctx, c, token, "desktop/serverproperties", keyServerProperties,
		(*serverPropertiesWire).value)
}

// PatchSummary calls patch/summary.
func (c *Client) PatchSummary(ctx context.Context, token string) (*PatchSummary, error) {
	return getObject(ctx, c, token, "patch/summary", keySummary, (*patchSummaryWire).value)
}

// SoMSummary calls som/summary.
func (c *Client) SoMSummary(ctx context.Context, token string) (*SoMSummary, error) {
	return getObject(ctx, c, token, "som/summary", keySummary, (*somSummaryWire).value)
}

// HealthPolicy calls patch/healthpolicy.
func (c *Client) HealthPolicy(ctx context.Context, token string) (*HealthPolicy, error) {
	return getObject(ctx, c, token, "patch/healthpolicy", keyHealthPolicy,
		(*healthPolicyWire).value)
}

// DBUpdateStatus calls patch/dbupdatestatus.
func (c *Client) DBUpdateStatus(ctx context.Context, token string) (*DBUpdateStatus, error) {
	return getObject(ctx, c, token, "patch/dbupdatestatus", keyDBUpdateStatus,
		func(s *DBUpdateStatus) *DBUpdateStatus { return s })
}

// AllSystems calls patch/allsystems: managed systems with their patch health.
func (c *Client) AllSystems(ctx context.Context, token string, q Query) (*Page[System], error) {
	return getList(ctx, c, token, allSystemsEndpoint, q, nil, (*systemWire).row)
}

// AllPatches calls patch/allpatches: patches applicable to managed systems.
func (c *Client) AllPatches(ctx context.Context, token string, q Query) (*Page[Patch], error) {
	return getList(ctx, c, token, allPatchesEndpoint, q, nil, (*patchWire).row)
}

// Computers calls som/computers: computers in the scope of management.
func (c *Client) Computers(ctx context.Context, token string, q Query) (*Page[Computer], error) {
	return getList(ctx, c, token, computersEndpoint, q, nil, (*computerWire).row)
}

// SystemReport calls patch/systemreport?resid=<resourceID>: the patches of one system.
func (c *Client) SystemReport(ctx context.Context, token string, resourceID int64,
	q Query) (*Page[SystemPatch], error) {
	if resourceID <= 0 {
		return nil, fmt.Errorf("api: invalid resource ID %d", resourceID)
	}

	extra := url.Values{"resid": {strconv.FormatInt(resourceID, 10)}}
	return getList(ctx, c, token, systemReportEndpoint, q, extra, (*systemPatchWire).row)
}

// AllPatchDetails calls patch/allpatchdetails?patchid=<patchID>: one patch on all
// systems.
func (c *Client) AllPatchDetails(ctx context.Context, token string, patchID int64,
	q Query) (*Page[PatchSystem], error) {
	if patchID <= 0 {
		return nil, fmt.Errorf("api: invalid patch ID %d", patchID)
	}

	extra := url.Values{"patchid": {strconv.FormatInt(patchID, 10)}}
	return getList(ctx, c, token, allPatchDetailsEndpoint, q, extra, (*patchSystemWire).row)
}

// ScanDetails calls patch/scandetails: systems with scan and agent details.
func (c *Client) ScanDetails(ctx context.Context, token string,
	q Query) (*Page[ScanDetail], error) {
	return getList(ctx, c, token, scanDetailsEndpoint, q, nil, (*scanDetailWire).row)
}

// DeploymentPolicies calls patch/deploymentpolicies.
func (c *Client) DeploymentPolicies(ctx context.Context, token string,
	q Query) (*Page[DeploymentPolicy], error) {
	return getList(ctx, c, token, deploymentPoliciesEndpoint, q, nil,
		(*deploymentPolicyWire).row)
}

// ViewConfig calls patch/viewconfig: deployment configurations.
func (c *Client) ViewConfig(ctx context.Context, token string,
	q Query) (*Page[DeploymentConfig], error) {
	return getList(ctx, c, token, viewConfigEndpoint, q, nil, (*deploymentConfigWire).row)
}

// readRequest builds a GET request with the token, and checks the token first so that an
// empty or malformed one fails without a call.
func readRequest(endpoint, token string, query url.Values, keys ...string) (*request, error) {
	if token == "" || strings.ContainsFunc(token, isControl) {
		return nil, fmt.Errorf("%w: %s: missing or malformed token", ErrUnauthorized, endpoint)
	}

	return &request{
		kind:     kindRead,
		method:   http.MethodGet,
		endpoint: endpoint,
		query:    query,
		token:    token,
		secrets:  []string{token},
		keys:     keys,
	}, nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// getObject calls a single-object endpoint and converts message_response[key].
func getObject[W, T any](ctx context.Context, c *Client, token, endpoint, key string,
	convert func(*W) *T) (*T, error) {
	rq, err := readRequest(endpoint, token, nil, key)
	if err != nil {
		return nil, err
	}

	var env objectEnvelope[W]
	if _, err := c.do(ctx, rq, &env); err != nil {
		return nil, err
	}
	return convert(env.object(key)), nil
}

// getList calls a list endpoint with the query plus extra parameters and converts the
// rows.
func getList[W, T any](ctx context.Context, c *Client, token string, ep listEndpoint, q Query,
	extra url.Values, convert func(*W) T) (*Page[T], error) {
	query, err := q.values()
	if err != nil {
		return nil, fmt.Errorf("api: %s: %w", ep.path, err)
	}
	for key, values := range extra {
		query[key] = values
	}

	rq, err := readRequest(ep.path, token, query, ep.keys...)
	if err != nil {
		return nil, err
	}

	var env listEnvelope[W]
	key, err := c.do(ctx, rq, &env)
	if err != nil {
		return nil, err
	}
	return newPage(ep.path, env.MessageResponse, env.MessageResponse.rows(key), q, convert)
}
