package main

import (
	"fmt"
	"strconv"
)

// A target is a goal gonn means to reach on one workload: a ratio gonn ÷
// Peer, or (Absolute set, no Peer) gonn's own value in the unit Absolute
// names. It wants at least Want for a throughput, at most Want for a time.
type target struct {
	Workload string
	Peer     string
	Absolute string // unitGFLOPs; empty for a ratio
	Want     float64
	AtMost   bool
	Text     string
	// Subject is the row of gonn judged: gonnID (one engine in a Web
	// Worker) unless set.
	Subject string
	// Why is what stands in the way when the target is missed: the work
	// the workload asks for and what bounds it. BENCHMARKS.md prints it
	// under a missed verdict.
	Why string
}

// unitGFLOPs is the unit of an absolute target on a table with FlopsPerStep.
const unitGFLOPs = "GFLOP/s"

// targets are the goals set for the performance work, checked on each run.
var targets = []target{
	{Workload: "mlp", Peer: "tfjs-wasm-1", Want: 3, Text: "MLP training ≥ 3× TF.js wasm (1 thread)"},
	{Workload: "cnn", Peer: "convnetjs", Want: 20, Text: "mnist_cnn training ≥ 20× ConvNetJS"},
	{Workload: "cnn", Peer: "tfjs-cpu", Want: 100, Text: "mnist_cnn training ≥ 100× TF.js cpu"},
	{Workload: "lstm", Peer: "tfjs-cpu", Want: 5, Text: "LSTM training ≥ 5× TF.js cpu"},
	{Workload: "lstm-frozen", Peer: "tfjs-wasm-1", Want: 2, Text: "LSTM, frozen embedding, training ≥ 2× TF.js wasm (1 thread)"},
	{Workload: "mlp-infer", Peer: "tfjs-wasm-1", Want: 1, AtMost: true, Subject: pageID, Text: "MLP single-example inference no slower than TF.js wasm (1 thread)",
		Why: "One prediction is one row times the 784×512 weights, 1.6 MB read per call: the f32x4 kernel runs at the speed of the cache that holds them; " +
			"the rest is the call's fixed cost (the JavaScript API, the engine's checks, the result's copy)."},
	{Workload: "cnn-infer", Peer: "tfjs-wasm-1", Want: 1, AtMost: true, Subject: pageID, Text: "mnist_cnn single-example inference no slower than TF.js wasm (1 thread)",
		Why: "The second convolution (10.6 million multiply-adds per example, most of the call's arithmetic) runs in the 4×8 f32x4 GEMM tile, " +
			"which the multiply and add ports bound: without a fused multiply-add (relaxed-SIMD's would give different bits on different machines, " +
			"so gonn never uses it) it runs at about the GEMM table's rate. Dense 9216→128 reads 4.7 MB of weights per example; " +
			"im2col, packing, pooling and the API share the rest."},
	{Workload: "cold", Peer: "tfjs-wasm-1", Want: 1, AtMost: true, Text: "cold start no slower than TF.js wasm (1 thread)",
		Why: "engine.wasm is a whole Go program (the runtime, encoding/json, the engine): its download and compile are most of the cold start."},
	{Workload: "gemm", Absolute: unitGFLOPs, Want: 10, Text: "GEMM ≥ 10 GFLOP/s at 256³ in Chromium",
		Why: "The 4×8 f32x4 tile is bound by the multiply and add ports (no fused multiply-add, for the same bits everywhere); " +
			"the engine in a Web Worker also sends the 256 KB product to the page, and the machine's load moves this row the most."},
}

// check judges the target's subject row: it returns the measured value as
// text and the verdict: met, missed by how much (the factor still to
// gain), or why it could not be judged.
func (t target) check(tables []Table) (got, verdict string) {
	return t.checkRow(tables, t.subject())
}

// subject is the row of gonn the target judges.
func (t target) subject() string {
	if t.Subject == "" {
		return gonnID
	}
	return t.Subject
}

// checkRow judges the row of subject (one of gonn's rows) as check judges
// the target's own.
func (t target) checkRow(tables []Table, subject string) (got, verdict string) {
	tab, ok := findTable(tables, t.Workload)
	if !ok {
		return "—", "not measured in this run"
	}
	g, gok := findCell(tab, subject)
	if !gok || g.Error != "" {
		return "—", rowName(subject) + " did not run it"
	}
	if t.Absolute != "" {
		return t.checkAbsolute(tab, g)
	}
	p, pok := findCell(tab, t.Peer)
	if !pok || p.Error != "" {
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
	return formatRatio(r), t.judge(r)
}

// checkAbsolute judges an absolute target on gonn's cell c of tab.
func (t target) checkAbsolute(tab Table, c Cell) (got, verdict string) {
	if t.Absolute != unitGFLOPs {
		return "—", fmt.Sprintf("unknown unit %q", t.Absolute)
	}
	if tab.FlopsPerStep <= 0 {
		return "—", "the workload has no FLOP count"
	}
	inUnit := func(v float64) string { return formatNumber(v) + " " + t.Absolute }
	s, ok := summarize(c.Samples)
	switch {
	case ok:
		v := gflops(tab.FlopsPerStep, s.Median)
		return inUnit(v), t.judge(v)
	case c.Bound > 0: // no step within the timeout: below the bound
		v := gflops(tab.FlopsPerStep, c.Bound)
		verdict = "not judged: no step finished in time"
		if v <= t.Want {
			verdict = "missed"
		}
		return "< " + inUnit(v), verdict
	}
	return "—", "no measurement"
}

// judge is the verdict on the value v, a ratio or an absolute value: met,
// or missed by the factor still to gain.
func (t target) judge(v float64) string {
	switch {
	case !t.AtMost && v >= t.Want, t.AtMost && v <= t.Want:
		return "met"
	case t.AtMost:
		return fmt.Sprintf("missed: %s too slow", closeRatio(v/t.Want))
	default:
		return fmt.Sprintf("missed: %s short", closeRatio(t.Want/v))
	}
}

// closeRatio is formatRatio, with a fourth digit for a miss that would
// print as 1.00×.
func closeRatio(r float64) string {
	if s := formatRatio(r); s != "1.00×" {
		return s
	}
	return strconv.FormatFloat(r, 'f', 3, 64) + "×"
}

// overlaps reports whether the subject's and the peer's repetitions
// overlap (min–max): a difference within the run's noise.
func (t target) overlaps(tables []Table) bool {
	tab, ok := findTable(tables, t.Workload)
	if !ok || t.Peer == "" {
		return false
	}
	g, gok := findCell(tab, t.subject())
	p, pok := findCell(tab, t.Peer)
	if !gok || !pok {
		return false
	}
	gs, gok := summarize(g.Samples)
	ps, pok := summarize(p.Samples)
	return gok && pok && gs.Lo <= ps.Hi && ps.Lo <= gs.Hi
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

// rowName is how the verdicts name gonn's rows.
func rowName(id string) string {
	switch id {
	case poolID:
		return fmt.Sprintf("gonn with %d workers", poolWorkers)
	case pageID:
		return "gonn with the engine in the page"
	}
	return id
}

// arrowName is how a ↳ row of the targets names one of gonn's rows.
func arrowName(id string) string {
	if id == gonnID {
		return "gonn with the engine in a Web Worker"
	}
	return rowName(id)
}

// gflops is the rate of flops floating-point operations per ms milliseconds.
func gflops(flops, ms float64) float64 {
	return flops / (ms * 1e6)
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
