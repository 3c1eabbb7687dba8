package handlers

import "github.com/labstack/echo/v4"

// Placeholders until the drill-down pages land; this file is deleted by that change.

// ComputerShow is not built yet.
func (h *Handler) ComputerShow(echo.Context) error { return echo.ErrNotFound }

// PatchShow is not built yet.
func (h *Handler) PatchShow(echo.Context) error { return echo.ErrNotFound }

// Search is not built yet.
func (h *Handler) Search(echo.Context) error { return echo.ErrNotFound }
