package api

// Payload key names. A struct tag cannot come from a type parameter, so the payload types
// below carry one field per key and rows() or value() selects the field of the call.
const (
	keyAllSystems         = "allsystems"
	keyAllPatches         = "allpatches"
	keyComputers          = "computers"
	keySystemReport       = "systemreport"
	keyAllPatchDetails    = "allpatchdetails"
	keyScanDetails        = "scandetails"
	keyDeploymentPolicies = "deploymentpolicies"
	keyViewConfig         = "viewconfig"

	keyAuthentication   = "authentication"
	keyDiscover         = "discover"
	keyServerProperties = "serverproperties"
	keySummary          = "summary"
	keyHealthPolicy     = "healthpolicy"
	keyDBUpdateStatus   = "dbupdatestatus"
)

// listEnvelope is a whole list response with rows of wire type W.
type listEnvelope[W any] struct {
	envelopeHeader
	MessageResponse *listPayload[W] `json:"message_response"`
}

// listPayload is message_response of a list response. Only the field of the requested
// endpoint is normally present.
type listPayload[W any] struct {
	Total Int `json:"total"`
	Limit Int `json:"limit"`
	Page  Int `json:"page"`

	AllSystems         []W `json:"allsystems"`
	AllPatches         []W `json:"allpatches"`
	Computers          []W `json:"computers"`
	SystemReport       []W `json:"systemreport"`
	AllPatchDetails    []W `json:"allpatchdetails"`
	ScanDetails        []W `json:"scandetails"`
	DeploymentPolicies []W `json:"deploymentpolicies"`
	ViewConfig         []W `json:"viewconfig"`
}

// rows returns the list under key, nil when it was missing or null.
func (p *listPayload[W]) rows(key string) []W {
	switch key {
	case keyAllSystems:
		return p.AllSystems
	case keyAllPatches:
		return p.AllPatches
	case keyComputers:
		return p.Computers
	case keySystemReport:
		return p.SystemReport
	case keyAllPatchDetails:
		return p.AllPatchDetails
	case keyScanDetails:
		return p.ScanDetails
	case keyDeploymentPolicies:
		return p.DeploymentPolicies
	case keyViewConfig:
		return p.ViewConfig
	default:
		return nil
	}
}

func (e *listEnvelope[W]) hasPayload() bool { return e.MessageResponse != nil }

func (e *listEnvelope[W]) hasKey(key string) bool {
	return e.MessageResponse != nil && e.MessageResponse.rows(key) != nil
}

// objectEnvelope is a whole single-object response with a payload of wire type W.
type objectEnvelope[W any] struct {
	envelopeHeader
	MessageResponse *objectPayload[W] `json:"message_response"`
}

// objectPayload is message_response of a single-object response.
type objectPayload[W any] struct {
	Authentication   *W `json:"authentication"`
	Discover         *W `json:"discover"`
	ServerProperties *W `json:"serverproperties"`
	Summary          *W `json:"summary"`
	HealthPolicy     *W `json:"healthpolicy"`
	DBUpdateStatus   *W `json:"dbupdatestatus"`
}

// value returns the object under key, nil when it was missing or null.
func (p *objectPayload[W]) value(key string) *W {
	switch key {
	case keyAuthentication:
		return p.Authentication
	case keyDiscover:
		return p.Discover
	case keyServerProperties:
		return p.ServerProperties
	case keySummary:
		return p.Summary
	case keyHealthPolicy:
		return p.HealthPolicy
	case keyDBUpdateStatus:
		return p.DBUpdateStatus
	default:
		return nil
	}
}

func (e *objectEnvelope[W]) hasPayload() bool { return e.MessageResponse != nil }

func (e *objectEnvelope[W]) hasKey(key string) bool {
	return e.MessageResponse != nil && e.MessageResponse.value(key) != nil
}

// object returns the decoded payload under key; call it only after decodeResponse
// returned key.
func (e *objectEnvelope[W]) object(key string) *W { return e.MessageResponse.value(key) }
