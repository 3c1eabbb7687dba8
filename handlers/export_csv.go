package handlers

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// errExportWrite means the CSV could not be sent, usually because the browser closed the
// download.
var errExportWrite = errors.New("handlers: sending the CSV export failed")

// utf8BOM starts every export, because spreadsheet programs read a CSV file without it in
// a legacy code page and garble names with accents.
const utf8BOM = "\ufeff"

// csvStream writes records of type T to the response as CSV and flushes after each batch,
// so the browser receives a large export while it is still being fetched.
type csvStream[T any] struct {
	out    *csv.Writer
	flush  func() error
	values []func(r *T) string
	record []string
}

// startCSV sends the download headers, the byte order mark and the header row.
func startCSV[T any](c echo.Context, table string, now time.Time, header []string,
	values []func(r *T) string) (*csvStream[T], error) {
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, exportDisposition(table, now))
	writeServerTiming(c)
	res.WriteHeader(http.StatusOK)

	controller := http.NewResponseController(res.Writer)
	s := &csvStream[T]{out: newCSVWriter(res), flush: controller.Flush, values: values,
		record: make([]string, len(values))}
	if _, err := res.Write([]byte(utf8BOM)); err != nil {
		return nil, fmt.Errorf("%w: %w", errExportWrite, err)
	}
	if err := s.out.Write(header); err != nil {
		return nil, fmt.Errorf("%w: %w", errExportWrite, err)
	}
	return s, s.flushAll()
}

// newCSVWriter returns a CSV writer that ends lines with CRLF, as RFC 4180 specifies.
func newCSVWriter(w io.Writer) *csv.Writer {
	out := csv.NewWriter(w)
	out.UseCRLF = true
	return out
}

// exportDisposition names the download after the table and the time of the export, for
// example systems-20261204-140231.csv (UTC).
func exportDisposition(table string, now time.Time) string {
	return `attachment; filename="` + table + "-" + now.UTC().Format("20060102-150405") +
		`.csv"`
}

// writeRows writes one page of records and flushes it to the browser.
func (s *csvStream[T]) writeRows(rows []T) error {
	for i := range rows {
		for j, value := range s.values {
			s.record[j] = csvSafe(value(&rows[i]))
		}
		if err := s.out.Write(s.record); err != nil {
			return fmt.Errorf("%w: %w", errExportWrite, err)
		}
	}
	return s.flushAll()
}

func (s *csvStream[T]) flushAll() error {
	s.out.Flush()
	if err := s.out.Error(); err != nil {
		return fmt.Errorf("%w: %w", errExportWrite, err)
	}
	if err := s.flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("%w: %w", errExportWrite, err)
	}
	return nil
}

// writeCSVNote writes a one-field record, such as the line that marks an export as
// incomplete.
func writeCSVNote(c echo.Context, text string) error {
	out := newCSVWriter(c.Response())
	if err := out.Write([]string{csvSafe(text)}); err != nil {
		return err
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return err
	}
	return http.NewResponseController(c.Response().Writer).Flush()
}

// csvSafe defuses spreadsheet formulas: a cell that starts with =, +, -, @, a tab or a
// carriage return gets a leading single quote, so spreadsheet programs show it as text
// instead of evaluating it.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
