package handlers

import (
	"errors"
	"fmt"
	"math"
	"time"

	"patchdesk/api"
	"patchdesk/views"
)

// PMPTLSFix is the fix that log lines about a failed TLS verification of PMP give the
// operator. It names options of the web package.
const PMPTLSFix = "trust PMP's certificate with -pmp-ca-file (PEM file of the CA that " +
	"issued it) or -pmp-pin-sha256 (SHA-256 fingerprint of the certificate itself)"

// pmpMessage turns an error from a PMP call into a sentence for the user. The full error
// goes to the log only, because it can name internal hosts and PMP's own texts.
func (h *Handler) pmpMessage(err error) string {
	host := h.pmpHost
	if host == "" {
		host = "the PMP server"
	}
	var apiErr *api.APIError
	switch {
	case errors.Is(err, api.ErrUnauthorized):
		return "PMP no longer accepts your session. Sign in again."
	case errors.Is(err, api.ErrUnreachable):
		return "patchdesk could not reach PMP at " + host + ". Check that PMP is running, " +
			"then try again."
	case errors.Is(err, api.ErrTimeout):
		return "PMP did not answer in time. It may be busy; try again in a minute."
	case errors.Is(err, api.ErrTLS):
		return "patchdesk could not verify PMP's TLS certificate, so it sent nothing. " +
			"Ask the patchdesk operator to trust PMP's certificate."
	case errors.Is(err, api.ErrBadResponse):
		return "PMP sent an answer that patchdesk could not read. Try again; if it keeps " +
			"happening, ask the operator to check the patchdesk log."
	case errors.As(err, &apiErr):
		return apiErrorMessage(apiErr)
	default:
		return "Something went wrong while asking PMP. Try again; if it keeps happening, " +
			"ask the operator to check the patchdesk log."
	}
}

// apiErrorMessage describes an error response of PMP. PMP's own description stays in the
// log, because it can be long or technical.
func apiErrorMessage(err *api.APIError) string {
	switch {
	case errors.Is(err, api.ErrRateLimited):
		wait := "a few minutes"
		if err.RetryAfter > 0 {
			wait = waitText(err.RetryAfter)
		}
		return "PMP is limiting how often patchdesk may call it. Try again in " + wait + "."
	case errors.Is(err, api.ErrPermissionDenied):
		return "Your PMP role does not allow this view. Ask a PMP administrator for access."
	case err.HTTPStatus >= 500:
		return fmt.Sprintf("PMP failed with an internal error (HTTP %d). Try again; if it "+
			"keeps happening, ask a PMP administrator to check the PMP server.", err.HTTPStatus)
	case err.Code != "":
		return "PMP rejected the request (error code " + err.Code + "). Try again; if it " +
			"keeps happening, ask the operator to check the patchdesk log."
	default:
		return fmt.Sprintf("PMP rejected the request (HTTP %d). Try again; if it keeps "+
			"happening, ask the operator to check the patchdesk log.", err.HTTPStatus)
	}
}

// waitText renders a wait rounded up to whole seconds, as the sign-in page does.
func waitText(d time.Duration) string {
	return views.WaitText(int(math.Ceil(d.Seconds())))
}

// loginMessage turns an error from PMP's sign-in into a sentence for the sign-in page.
func (h *Handler) loginMessage(err error) string {
	switch {
	case errors.Is(err, api.ErrAccountLocked):
		return "PMP has locked this account after too many failed sign-ins. Wait for the " +
			"lock to end, or ask a PMP administrator to unlock it."
	case errors.Is(err, api.ErrBadCredentials):
		return "Wrong username or password. Check the account type and domain too."
	case errors.Is(err, api.ErrTLS):
		return "patchdesk could not verify PMP's TLS certificate, so it did not send your " +
			"password. Ask the patchdesk operator to trust PMP's certificate."
	}
	return h.pmpMessage(err)
}
