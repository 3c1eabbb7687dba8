package handlers

import (
	"context"

	"patchdesk/api"
)

// exportPageLimit is the page size of an export's PMP calls: the maximum PMP accepts.
const exportPageLimit = 1000

// exportCallsInFlight bounds the PMP calls of one export. With 1, pages are fetched one
// after another and one page is held at a time. Fetching the next page while writing
// the current one (2) was faster, but held three pages and missed the memory budget in
// BENCHMARKS.md, while one call at a time still runs at about 0.9 of PMP's paging speed.
const exportCallsInFlight = 1

// fetchPage fetches one page of an export's rows, 1-based.
type fetchPage[T any] func(ctx context.Context, page int) (*api.Page[T], error)

// pageResult is a fetched page or the error of its call.
type pageResult[T any] struct {
	page *api.Page[T]
	err  error
}

// streamPages writes the rows of the first page and of the pages after it, in order, and
// returns how many rows it wrote. It stops at the total of the first page, because a
// later page may disagree when the estate changes during the export. It also stops at
// an empty page. Pages 2 to the last one that the first page implies are prefetched,
// at most exportCallsInFlight calls at a time. Pages beyond that, needed only when PMP
// returns fewer rows than the first page did, are fetched one by one.
//
// NOTE: PMP pages by offset, so a computer added or removed during an export can shift
// rows between pages: that row may then appear twice or not at all.
func streamPages[T any](ctx context.Context, first *api.Page[T], fetch fetchPage[T],
	write func(rows []T) error) (int, error) {
	total := first.Total
	written, err := writeCapped(first.Rows, 0, total, write)
	if err != nil || written >= total || len(first.Rows) == 0 {
		return written, err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	perPage := len(first.Rows)
	lastPage := (total + perPage - 1) / perPage
	next := 2
	for future := range prefetch(ctx, fetch, next, lastPage) {
		res := <-future
		next++
		done, werr := writeResult(res, &written, total, write)
		if werr != nil || done {
			return written, werr
		}
	}
	for ; written < total; next++ {
		if err := ctx.Err(); err != nil {
			return written, err
		}
		page, ferr := fetch(ctx, next)
		done, werr := writeResult(pageResult[T]{page, ferr}, &written, total, write)
		if werr != nil || done {
			return written, werr
		}
	}
	return written, nil
}

// writeResult writes one fetched page and reports whether the export is done: PMP
// returned an empty page or the rows reached total.
func writeResult[T any](res pageResult[T], written *int, total int,
	write func(rows []T) error) (bool, error) {
	if res.err != nil {
		return true, res.err
	}
	if len(res.page.Rows) == 0 {
		return true, nil
	}
	n, err := writeCapped(res.page.Rows, *written, total, write)
	*written = n
	return err != nil || n >= total, err
}

// writeCapped writes rows, leaving out those past total, and returns the new count.
func writeCapped[T any](rows []T, written, total int, write func(rows []T) error) (int, error) {
	rows = rows[:min(len(rows), max(0, total-written))]
	if len(rows) == 0 {
		return written, nil
	}
	if err := write(rows); err != nil {
		return written, err
	}
	return written + len(rows), nil
}

// prefetch starts the calls for pages from to to, in order, and returns their results
// as a queue of one-shot channels. A call starts only when the queue has room, which
// bounds the calls in flight to exportCallsInFlight: the one the reader waits for and
// the queued ones. Cancelling ctx stops new calls; started calls end through ctx.
func prefetch[T any](ctx context.Context, fetch fetchPage[T],
	from, to int) <-chan chan pageResult[T] {
	queue := make(chan chan pageResult[T], exportCallsInFlight-1)
	go func() {
		defer close(queue)
		for n := from; n <= to; n++ {
			future := make(chan pageResult[T], 1)
			select {
			case queue <- future:
			case <-ctx.Done():
				return
			}
			go func() {
				page, err := fetch(ctx, n)
				future <- pageResult[T]{page, err}
			}()
		}
	}()
	return queue
}
