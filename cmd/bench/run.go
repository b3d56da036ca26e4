package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"gonn/cmd/build/dist"
)

// loadTimeout bounds loading a page and the calls that set up a model; the
// steps have Settings.StepTimeoutMs.
const loadTimeout = 3 * time.Minute

// runner measures the workloads in one browser, a tab per peer.
type runner struct {
	settings Settings
	srv      *server
	base     string // the server's URL, no trailing slash
	browser  *chromium
	tabs     map[string]*tab // by peer ID; only the peers that loaded
	log      io.Writer
}

// openPeers opens a tab per peer, loads its page and asks what it loaded.
func (r *runner) openPeers(versions map[string]string) []Peer {
	var out []Peer
	for _, p := range peers {
		info := Peer{ID: p.ID, Version: versions[p.ID]}
		t, err := r.browser.newTab(p.ID)
		if err == nil {
			err = r.load(t, p)
		}
		if err == nil {
			err = t.eval("bench.info()", loadTimeout, &info.Info)
		}
		if err == nil {
			if msg, ok := info.Info["error"].(string); ok {
				err = fmt.Errorf("%s", msg)
			}
		}
		if err != nil {
			info.Error = err.Error()
			fmt.Fprintf(r.log, "%s did not load: %v\n", p.ID, err)
		} else {
			r.tabs[p.ID] = t
			if v, ok := info.Info["version"].(string); ok && p.Library == "gonn" {
				info.Version = v
			}
			fmt.Fprintf(r.log, "%s loaded: %v\n", p.ID, info.Info)
		}
		info.Label = p.label(info.Version)
		out = append(out, info)
	}
	return out
}

func (r *runner) load(t *tab, p peer) error {
	return t.open(p.pageURL(r.base, nil), "window.bench !== undefined", loadTimeout)
}

// stepResult is what bench.setup, bench.run and bench.time resolve with.
type stepResult struct {
	Kind  string  `json:"kind"`
	Batch int     `json:"batch"`
	Steps int     `json:"steps"`
	Ms    float64 `json:"ms"`
	Error string  `json:"error"`
	// TimedOut: the call did not return within its timeout.
	TimedOut bool `json:"-"`
}

// call evaluates expr in p's tab. A failure of the call itself (a timeout,
// a crashed page) replaces the tab, ending its renderer first, so that a
// step still running there cannot take CPU from the next measurement; it
// is returned as the result's error like a page's own.
func (r *runner) call(p peer, expr string, timeout time.Duration) stepResult {
	t, ok := r.tabs[p.ID]
	if !ok {
		return stepResult{Error: "the page did not load"}
	}
	var res stepResult
	if err := t.front(); err != nil {
		return stepResult{Error: err.Error()}
	}
	if err := t.eval(expr, timeout, &res); err != nil {
		fmt.Fprintf(r.log, "  %v; replacing the tab\n", err)
		r.replaceTab(p)
		if errors.Is(err, context.DeadlineExceeded) {
			return stepResult{Error: fmt.Sprintf("no step finished within %v", timeout), TimedOut: true}
		}
		return stepResult{Error: err.Error()}
	}
	return res
}

// replaceTab ends p's tab (its renderer is crashed on purpose: a script
// that runs for minutes would keep it busy through a mere reload) and
// loads p's page in a new one; if that fails, p has no tab any more.
func (r *runner) replaceTab(p peer) {
	old := r.tabs[p.ID]
	delete(r.tabs, p.ID)
	old.crash()
	old.close()
	t, err := r.browser.newTab(p.ID)
	if err == nil {
		err = r.load(t, p)
	}
	if err != nil {
		fmt.Fprintf(r.log, "  %s: no new tab: %v\n", p.ID, err)
		return
	}
	r.tabs[p.ID] = t
}

func (r *runner) stepTimeout() time.Duration {
	return time.Duration(r.settings.StepTimeoutMs * float64(time.Millisecond))
}

// bound is the value a cell is known to be beyond when its first step did
// not finish within the step timeout: under batch/timeout examples/s, or
// over timeout milliseconds.
func (r *runner) bound(w workload, batch int) float64 {
	if w.Kind == kindTrain {
		return float64(batch) / (r.settings.StepTimeoutMs / 1000)
	}
	return r.settings.StepTimeoutMs
}

// measure runs one workload of the page on every peer that loaded: each
// sets it up and warms up, then the timed repetitions go round the peers,
// each round starting one peer further.
func (r *runner) measure(w workload) Table {
	table := newTable(w)
	cells := map[string]*Cell{}
	batch := map[string]int{}
	var ready []peer
	for _, p := range peersOf(w) {
		c := &Cell{Peer: p.ID}
		cells[p.ID] = c
		if n, ok := r.prepare(p, w, c); ok {
			batch[p.ID] = n
			ready = append(ready, p)
		}
	}
	spent := map[string]float64{}
	for rep := range r.settings.Repetitions {
		for i := range ready {
			p := ready[(i+rep)%len(ready)]
			c := cells[p.ID]
			if c.Error != "" || c.Bound != 0 || (r.settings.CellBudgetMs > 0 && spent[p.ID] >= r.settings.CellBudgetMs) {
				continue
			}
			res := r.call(p, r.timeExpr(w), r.stepTimeout())
			if res.TimedOut && len(c.Samples) == 0 {
				c.Bound = r.bound(w, batch[p.ID])
				fmt.Fprintf(r.log, "%s %s: %s (beyond %.4g %s)\n", w.ID, p.ID, res.Error, c.Bound, w.Metric)
				continue
			}
			if res.Error == "" && (res.Steps < 1 || res.Ms <= 0) {
				res.Error = fmt.Sprintf("the page timed %d steps in %g ms", res.Steps, res.Ms)
			}
			if res.Error != "" {
				c.Error = res.Error
				fmt.Fprintf(r.log, "%s %s: failed: %s\n", w.ID, p.ID, res.Error)
				continue
			}
			spent[p.ID] += res.Ms
			v := value(w, batch[p.ID], res)
			c.Samples = append(c.Samples, v)
			c.Steps = append(c.Steps, res.Steps)
			fmt.Fprintf(r.log, "%s rep %d %s: %.4g %s (%d steps in %.0f ms)\n", w.ID, rep+1, p.ID, v, w.Metric, res.Steps, res.Ms)
		}
	}
	for _, p := range ready {
		if cells[p.ID].Bound == 0 {
			r.call(p, "bench.teardown()", loadTimeout)
		}
	}
	for _, p := range peersOf(w) {
		table.Cells = append(table.Cells, *cells[p.ID])
	}
	return table
}

// newTable is w's table, no cell yet.
func newTable(w workload) Table {
	return Table{ID: w.ID, Title: w.Title, Metric: w.Metric, HigherIsBetter: w.HigherIsBetter, FlopsPerStep: w.FlopsPerStep, Note: w.Note}
}

// peersOf are the peers that have a row in w's table, in order.
func peersOf(w workload) []peer {
	var out []peer
	for _, p := range peers {
		if p.runs(w) {
			out = append(out, p)
		}
	}
	return out
}

// prepare sets w up in p's tab and warms it up. It returns the examples
// per step and true when timed repetitions should follow; otherwise c says
// why not (an error, a bound) or already holds the one sample there is
// time for (a warm-up longer than a cell may take).
func (r *runner) prepare(p peer, w workload, c *Cell) (int, bool) {
	if _, ok := r.tabs[p.ID]; !ok {
		c.Error = "the page did not load"
		return 0, false
	}
	setup := r.call(p, fmt.Sprintf("bench.setup(%q)", w.ID), loadTimeout)
	warm := setup
	if setup.Error == "" {
		warm = r.warmUp(p, w)
	}
	batch := max(1, setupBatch(setup, w))
	switch {
	case warm.TimedOut:
		c.Bound = r.bound(w, batch)
		fmt.Fprintf(r.log, "%s %s: %s (beyond %.4g %s)\n", w.ID, p.ID, warm.Error, c.Bound, w.Metric)
		return 0, false // the tab was replaced: nothing to tear down
	case warm.Error != "":
		c.Error = warm.Error
		fmt.Fprintf(r.log, "%s %s: cannot run: %s\n", w.ID, p.ID, warm.Error)
	case r.slow(w, warm):
		c.Samples, c.Steps, c.WarmupOnly = []float64{value(w, batch, warm)}, []int{warm.Steps}, true
		fmt.Fprintf(r.log, "%s %s: %.4g %s from the warm-up alone (%d steps in %.0f ms)\n", w.ID, p.ID, c.Samples[0], w.Metric, warm.Steps, warm.Ms)
	default:
		return batch, true
	}
	r.call(p, "bench.teardown()", loadTimeout)
	return 0, false
}

// setupBatch is the examples per step: the page's word for it, for a
// training workload.
func setupBatch(s stepResult, w workload) int {
	if w.Kind != kindTrain {
		return 1
	}
	return s.Batch
}

// warmUp runs the steps before the timed ones: WarmupSteps training
// batches, or predictions for a quarter of the budget. It times them too.
func (r *runner) warmUp(p peer, w workload) stepResult {
	if w.Kind == kindInfer {
		return r.call(p, fmt.Sprintf("bench.time(%g, %d)", r.settings.BudgetMs/4, r.settings.MaxCalls), r.stepTimeout())
	}
	if r.settings.WarmupSteps == 0 {
		return stepResult{}
	}
	return r.call(p, fmt.Sprintf("bench.time(Infinity, %d)", r.settings.WarmupSteps), r.stepTimeout())
}

// slow reports whether a training warm-up alone took the whole time a
// cell may take (TF.js cpu on mnist_cnn: minutes per batch).
func (r *runner) slow(w workload, warm stepResult) bool {
	return w.Kind == kindTrain && r.settings.CellBudgetMs > 0 && warm.Steps > 0 && warm.Ms >= r.settings.CellBudgetMs
}

func (r *runner) timeExpr(w workload) string {
	limit := r.settings.MaxBatches
	if w.Kind == kindInfer {
		limit = r.settings.MaxCalls
	}
	return fmt.Sprintf("bench.time(%g, %d)", r.settings.BudgetMs, limit)
}

// value turns a timed repetition into the table's metric: examples per
// second for training, milliseconds per call for inference.
func value(w workload, batch int, res stepResult) float64 {
	if w.Kind == kindTrain {
		return float64(res.Steps*batch) / (res.Ms / 1000)
	}
	return res.Ms / float64(res.Steps)
}

// coldStarts loads each peer's page afresh in one more tab, round after
// round (the first round untimed, a warm-up of the server and the disk
// cache), and times page load to first prediction. The first round also
// records the files each page fetched: what the library ships.
func (r *runner) coldStarts(w workload) (Table, []Shipped) {
	table := newTable(w)
	cells := map[string]*Cell{}
	shipped := map[string]*Shipped{}
	ps := peersOf(w)
	for _, p := range ps {
		cells[p.ID] = &Cell{Peer: p.ID}
		shipped[p.ID] = &Shipped{Peer: p.ID}
	}
	t, err := r.browser.newTab("cold")
	if err != nil {
		for _, c := range cells {
			c.Error = err.Error()
		}
	} else {
		defer t.close()
		for rep := -1; rep < r.settings.Repetitions; rep++ {
			for i := range ps {
				p := ps[(i+max(rep, 0))%len(ps)]
				c := cells[p.ID]
				if c.Error != "" {
					continue
				}
				ms, files, err := r.coldStart(t, p)
				if err != nil {
					c.Error = err.Error()
					shipped[p.ID].Error = c.Error
					fmt.Fprintf(r.log, "cold %s: %v\n", p.ID, err)
					continue
				}
				if rep < 0 {
					s := r.shipped(p.ID, files)
					shipped[p.ID] = &s
					fmt.Fprintf(r.log, "cold warm-up %s: %.0f ms; ships %d bytes, %d gzip\n", p.ID, ms, s.Size, s.Gzip)
					continue
				}
				c.Samples = append(c.Samples, ms)
				c.Steps = append(c.Steps, 1)
				fmt.Fprintf(r.log, "cold rep %d %s: %.0f ms\n", rep+1, p.ID, ms)
			}
		}
	}
	var ship []Shipped
	for _, p := range ps {
		table.Cells = append(table.Cells, *cells[p.ID])
		ship = append(ship, *shipped[p.ID])
	}
	return table, ship
}

// coldStart navigates t to p's page in cold mode and returns the time
// from navigation to first prediction and the paths the page requested.
func (r *runner) coldStart(t *tab, p peer) (float64, []string, error) {
	if err := t.open("about:blank", "true", loadTimeout); err != nil {
		return 0, nil, err
	}
	r.srv.record()
	err := t.open(p.pageURL(r.base, url.Values{"cold": {"1"}}), "window.coldStart", loadTimeout)
	var res struct {
		Ms    float64 `json:"ms"`
		Error string  `json:"error"`
	}
	if err == nil {
		err = t.eval("window.coldStart", loadTimeout, &res)
	}
	files := r.srv.recorded()
	if err == nil && res.Error != "" {
		err = fmt.Errorf("%s", res.Error)
	}
	return res.Ms, files, err
}

// shipped sizes the files a page requested, leaving out the benchmark's
// own page and scripts.
func (r *runner) shipped(id string, paths []string) Shipped {
	s := Shipped{Peer: id}
	for _, p := range paths {
		name, ok := r.srv.file(p)
		if !ok {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			s.Error = fmt.Sprintf("%s: %v", p, err)
			continue
		}
		f := ShippedFile{Path: p, Size: int64(len(data)), Gzip: int64(len(dist.Gzip(data)))}
		s.Files = append(s.Files, f)
		s.Size += f.Size
		s.Gzip += f.Gzip
	}
	return s
}
