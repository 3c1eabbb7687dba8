package handlers

import (
	"context"
	"strings"
	"time"

	"patchdesk/api"
)

const (
	keyPropsAt       = "props_at"
	keyPropsDomains  = "props_domains"
	keyPropsOffices  = "props_offices"
	keyPropsGroups   = "props_groups"
	propertiesMaxAge = 5 * time.Minute
	propertiesSep    = "\x1f"
)

func (h *Handler) cachedProperties(ctx context.Context) (*api.ServerProperties, bool) {
	at := h.sessions.GetTime(ctx, keyPropsAt)
	if at.IsZero() || h.now().Sub(at) > propertiesMaxAge {
		return nil, false
	}
	split := func(key string) []string {
		s := h.sessions.GetString(ctx, key)
		if s == "" {
			return nil
		}
		return strings.Split(s, propertiesSep)
	}
	return &api.ServerProperties{Domains: split(keyPropsDomains),
		BranchOffices: split(keyPropsOffices), CustomGroups: split(keyPropsGroups)}, true
}

func (h *Handler) storeProperties(ctx context.Context, p *api.ServerProperties) {
	h.sessions.Put(ctx, keyPropsDomains, strings.Join(p.Domains, propertiesSep))
	h.sessions.Put(ctx, keyPropsOffices, strings.Join(p.BranchOffices, propertiesSep))
	h.sessions.Put(ctx, keyPropsGroups, strings.Join(p.CustomGroups, propertiesSep))
	h.sessions.Put(ctx, keyPropsAt, h.now())
}
