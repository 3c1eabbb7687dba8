package handlers

import "github.com/labstack/echo/v4"

// Placeholders until these pages land; this file is deleted by that change.

// PoliciesList is not built yet.
func (h *Handler) PoliciesList(echo.Context) error { return echo.ErrNotFound }

// ConfigsList is not built yet.
func (h *Handler) ConfigsList(echo.Context) error { return echo.ErrNotFound }

// ServerShow is not built yet.
func (h *Handler) ServerShow(echo.Context) error { return echo.ErrNotFound }

// ExportCSV is not built yet.
func (h *Handler) ExportCSV(echo.Context) error { return echo.ErrNotFound }
