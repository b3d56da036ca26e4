package main

import "fmt"

// A target is a ratio gonn ÷ peer on one workload that gonn means to
// reach: at least Want for a throughput, at most Want for a time.
type target struct {
	Workload string
	Peer     string
	Want     float64
	AtMost   bool
	Text     string
}

// targets are the goals set for the performance work, checked on each run.
var targets = []target{
	{Workload: "mlp", Peer: "tfjs-wasm-1", Want: 3, Text: "MLP training ≥ 3× TF.js wasm (1 thread)"},
	{Workload: "cnn", Peer: "convnetjs", Want: 20, Text: "mnist_cnn training ≥ 20× ConvNetJS"},
	{Workload: "cnn", Peer: "tfjs-cpu", Want: 100, Text: "mnist_cnn training ≥ 100× TF.js cpu"},
	{Workload: "lstm", Peer: "tfjs-cpu", Want: 5, Text: "LSTM training ≥ 5× TF.js cpu"},
	{Workload: "lstm-frozen", Peer: "tfjs-wasm-1", Want: 2, Text: "LSTM, frozen embedding, training ≥ 2× TF.js wasm (1 thread)"},
	{Workload: "mlp-infer", Peer: "tfjs-wasm-1", Want: 1, AtMost: true, Text: "MLP single-example inference no slower than TF.js wasm (1 thread)"},
	{Workload: "cnn-infer", Peer: "tfjs-wasm-1", Want: 1, AtMost: true, Text: "mnist_cnn single-example inference no slower than TF.js wasm (1 thread)"},
	{Workload: "cold", Peer: "tfjs-wasm-1", Want: 1, AtMost: true, Text: "cold start no slower than TF.js wasm (1 thread)"},
}

// check returns the measured ratio as text and the verdict: met, missed by
// how much (the factor still to gain), or why it could not be judged.
func (t target) check(tables []Table) (got, verdict string) {
	tab, ok := findTable(tables, t.Workload)
	if !ok {
		return "—", "not measured in this run"
	}
	g, gok := findCell(tab, gonnID)
	p, pok := findCell(tab, t.Peer)
	switch {
	case !gok || g.Error != "":
		return "—", "gonn did not run it"
	case !pok || p.Error != "":
		return "—", "the peer did not run it"
	}
	gs, gok := summarize(g.Samples)
	ps, pok := summarize(p.Samples)
	if gok && !pok && p.Bound > 0 {
		return t.checkBound(gs.Median / p.Bound)
	}
	r, ok := ratio(gs, ps)
	if !ok {
		return "—", "no measurement"
	}
	got = formatRatio(r)
	switch {
	case !t.AtMost && r >= t.Want, t.AtMost && r <= t.Want:
		return got, "met"
	case t.AtMost:
		return got, fmt.Sprintf("missed: %s too slow", formatRatio(r/t.Want))
	default:
		return got, fmt.Sprintf("missed: %s short", formatRatio(t.Want/r))
	}
}

// checkBound judges a target against a peer that did not finish a step in
// time: gonn ÷ peer is known only to be beyond r (above it for a
// throughput, below it for a time).
func (t target) checkBound(r float64) (got, verdict string) {
	if t.AtMost {
		got = "< " + formatRatio(r)
		if r <= t.Want {
			return got, "met"
		}
	} else {
		got = "> " + formatRatio(r)
		if r >= t.Want {
			return got, "met"
		}
	}
	return got, "not judged: the peer did not finish one step in time"
}

func findTable(tables []Table, id string) (Table, bool) {
	for _, t := range tables {
		if t.ID == id {
			return t, true
		}
	}
	return Table{}, false
}

func findCell(t Table, peer string) (Cell, bool) {
	for _, c := range t.Cells {
		if c.Peer == peer {
			return c, true
		}
	}
	return Cell{}, false
}
