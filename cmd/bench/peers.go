package main

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// A peer is one library setup that the benchmark runs, in a tab of its own:
// the page /bench/ with its query, served cross-origin isolated
// (COOP same-origin, COEP require-corp) when Isolated is set.
type peer struct {
	ID       string // stable key in results/bench.json
	Library  string // "TF.js"
	Setup    string // how it runs: "wasm (SIMD, 1 thread)"
	Query    url.Values
	Isolated bool
	// Kinds are the workload kinds the peer runs (the worker pool trains
	// only, the engine in the page predicts only); nil runs them all. The
	// other workloads have no row for it.
	Kinds []string
}

// gonnID names gonn's own row: the one every ratio divides by.
const gonnID = "gonn"

// poolID names gonn training with its worker pool, fit's workers option
// set to poolWorkers: its speed-up over gonnID has a section of its own.
const (
	poolID      = "gonn-workers-2"
	poolWorkers = 2
)

// pageID names gonn predicting with its engine in the page's own thread
// (init({worker: false})), where the peers run: no message to a Web
// Worker and back per call. The single-example inference targets judge
// this row.
const pageID = "gonn-page"

// peers lists gonn first (one engine, the worker pool, the engine in the
// page), then its peers.
var peers = []peer{
	{ID: gonnID, Library: "gonn", Setup: "(engine in a Web Worker)", Query: url.Values{"lib": {"gonn"}}},
	{ID: poolID, Library: "gonn", Setup: fmt.Sprintf("(worker pool, %d workers)", poolWorkers),
		Query: url.Values{"lib": {"gonn"}, "workers": {strconv.Itoa(poolWorkers)}}, Kinds: []string{kindTrain}},
	{ID: pageID, Library: "gonn", Setup: "(engine in the page)",
		Query: url.Values{"lib": {"gonn"}, "engine": {"page"}}, Kinds: []string{kindInfer}},
	{ID: "tfjs-cpu", Library: "TF.js", Setup: "cpu", Query: url.Values{"lib": {"tfjs"}, "backend": {"cpu"}}},
	{ID: "tfjs-wasm-1", Library: "TF.js", Setup: "wasm (SIMD, 1 thread)", Query: url.Values{"lib": {"tfjs"}, "backend": {"wasm"}}},
	{ID: "tfjs-wasm-all", Library: "TF.js", Setup: "wasm (SIMD, all threads, COOP/COEP)", Query: url.Values{"lib": {"tfjs"}, "backend": {"wasm"}, "threads": {"all"}}, Isolated: true},
	{ID: "convnetjs", Library: "ConvNetJS", Query: url.Values{"lib": {"convnetjs"}}},
}

// runs reports whether the peer has a row in w's table.
func (p peer) runs(w workload) bool {
	return p.Kinds == nil || slices.Contains(p.Kinds, w.Kind)
}

// label is the peer's name in BENCHMARKS.md: library, version, setup.
func (p peer) label(version string) string {
	parts := []string{p.Library}
	for _, s := range []string{version, p.Setup} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// pageURL is the benchmark page for p on the server at base (no trailing
// slash), with extra query parameters.
func (p peer) pageURL(base string, extra url.Values) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	for k, v := range extra {
		q[k] = v
	}
	prefix := ""
	if p.Isolated {
		prefix = isolatedPrefix
	}
	return base + prefix + "/bench/?" + q.Encode()
}
