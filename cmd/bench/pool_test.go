package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// poolTable is table() with the worker pool's row: 5,000 examples/s
// median over {4,000, 5,000, 6,000}.
func poolTable() (Table, []Peer) {
	t, peers := table()
	pool := Cell{Peer: poolID, Samples: []float64{6000, 4000, 5000}, Steps: []int{20, 20, 20}}
	t.Cells = append([]Cell{t.Cells[0], pool}, t.Cells[1:]...)
	peers = append([]Peer{peers[0], {ID: poolID, Label: "gonn (2 workers)"}}, peers[1:]...)
	return t, peers
}

func TestPoolSpeedup(t *testing.T) {
	tab, _ := poolTable()
	s, ok := poolSpeedup(tab)
	require.True(t, ok)
	// gonn {2,000, 3,000, 4,000}, the pool {4,000, 5,000, 6,000}.
	assert.InDelta(t, 5000.0/3000, s.Median, 1e-12)
	assert.InDelta(t, 4000.0/4000, s.Lo, 1e-12, "the pool's slowest ÷ gonn's fastest")
	assert.InDelta(t, 6000.0/2000, s.Hi, 1e-12, "the pool's fastest ÷ gonn's slowest")

	tab.Cells[1].Error, tab.Cells[1].Samples = "fit: unknown option workers", nil
	_, ok = poolSpeedup(tab)
	assert.False(t, ok, "no speed-up without the pool")
	tab, _ = table()
	_, ok = poolSpeedup(tab)
	assert.False(t, ok, "no speed-up without a pool row")
}

func TestWritePoolSpeedup(t *testing.T) {
	tab, _ := poolTable()
	failed, _ := poolTable()
	failed.ID, failed.Title = "lstm", "(c) LSTM"
	failed.Cells[1] = Cell{Peer: poolID, Error: "fit: unknown option workers"}
	gemm, _ := gemmTable() // no pool row: not in the section
	var b strings.Builder
	writePoolSpeedup(&b, []Table{tab, failed, gemm}, 2)
	out := b.String()
	assert.Contains(t, out, "## Worker pool speed-up\n")
	assert.Contains(t, out, "`navigator.hardwareConcurrency` = 2.")
	assert.Contains(t, out, "| workload | one engine | 2 workers | speed-up | range |")
	assert.Contains(t, out, "| (a) MLP | 3,000 (2,000–4,000) | 5,000 (4,000–6,000) | 1.67× | 1.00×–3.00× |")
	assert.Contains(t, out, "| (c) LSTM | 3,000 (2,000–4,000) | cannot run: fit: unknown option workers | — | — |")
	assert.NotContains(t, out, "GEMM")
	assert.NotContains(t, out, "A speed-up below 1", "every speed-up is above 1")

	slow, _ := poolTable()
	slow.Cells[1].Samples = []float64{1000, 1500, 2000} // 1,500 ÷ 3,000
	b.Reset()
	writePoolSpeedup(&b, []Table{slow}, 2)
	assert.Contains(t, b.String(), "| 0.500× |")
	assert.Contains(t, b.String(), "A speed-up below 1: each step here is a `fit` call on one batch")

	b.Reset()
	writePoolSpeedup(&b, []Table{tab}, 0)
	assert.Contains(t, b.String(), "reported no `navigator.hardwareConcurrency`")

	b.Reset()
	writePoolSpeedup(&b, []Table{gemm}, 2)
	assert.Empty(t, b.String(), "no section when the pool did not take part")
}

func TestWriteTable_poolRowHasNoRatio(t *testing.T) {
	tab, peers := poolTable()
	var b strings.Builder
	writeTable(&b, tab, peers, 240000)
	assert.Contains(t, b.String(), "| gonn (2 workers) | 5,000 | 4,000–6,000 | 3 × 20 batches | — |")
	assert.Contains(t, b.String(), "| TF.js 4.22.0 cpu | 200 | 100–300 | 2 × 3–4 batches | 15.0× |", "the peers' ratios divide gonn's single engine")
}

func TestWriteTargets_poolRows(t *testing.T) {
	tab, _ := poolTable()
	gemm, _ := gemmTable()
	saved := targets
	t.Cleanup(func() { targets = saved })
	targets = []target{
		{Workload: "mlp", Peer: "tfjs-cpu", Want: 20, Text: "MLP ≥ 20× TF.js cpu"},
		{Workload: "mlp", Peer: "tfjs-wasm-1", Want: 3, Text: "MLP ≥ 3× TF.js wasm"},
		{Workload: "gemm", Absolute: unitGFLOPs, Want: 10, Text: "GEMM ≥ 10 GFLOP/s"},
	}
	var b strings.Builder
	writeTargets(&b, []Table{tab, gemm})
	out := b.String()
	// gonn 3,000 ÷ 200 = 15: missed; the pool 5,000 ÷ 200 = 25: met.
	assert.Contains(t, out, "| MLP ≥ 20× TF.js cpu | 15.0× | missed: 1.33× short |\n| ↳ the same, gonn with 2 workers | 25.0× | met |\n")
	assert.Contains(t, out, "| MLP ≥ 3× TF.js wasm | — | the peer did not run it |\n| ↳ the same, gonn with 2 workers | — | the peer did not run it |\n")
	assert.Contains(t, out, "| GEMM ≥ 10 GFLOP/s | 16.8 GFLOP/s | met |\n\n", "no pool row under a workload it does not run")
	assert.Contains(t, out, "A ↳ row gives another of gonn's rows divided by the same peer.")

	tab.Cells[1] = Cell{Peer: poolID, Error: "fit: unknown option workers"}
	b.Reset()
	writeTargets(&b, []Table{tab})
	assert.Contains(t, b.String(), "| ↳ the same, gonn with 2 workers | — | gonn with 2 workers did not run it |")

	plain, _ := table()
	b.Reset()
	writeTargets(&b, []Table{plain})
	assert.NotContains(t, b.String(), "↳", "no pool rows when the pool was not measured")
}

func TestPeersOf(t *testing.T) {
	ids := func(w workload) []string {
		var out []string
		for _, p := range peersOf(w) {
			out = append(out, p.ID)
		}
		return out
	}
	for _, w := range workloads {
		got := ids(w)
		assert.Contains(t, got, gonnID, w.ID)
		if w.Kind == kindTrain {
			assert.Contains(t, got, poolID, "%s: the pool trains", w.ID)
		} else {
			assert.NotContains(t, got, poolID, "%s: the pool only trains", w.ID)
		}
		if w.Kind == kindInfer {
			assert.Contains(t, got, pageID, "%s: the engine in the page predicts", w.ID)
		} else {
			assert.NotContains(t, got, pageID, "%s: the engine in the page only predicts", w.ID)
		}
		assert.Equal(t, gonnID, got[0], "gonn first")
	}
}

// TestWriteTargets_inferenceJudgesThePage: an inference target judges the
// engine in the page, and a ↳ row gives the engine in a Web Worker.
func TestWriteTargets_inferenceJudgesThePage(t *testing.T) {
	tab := Table{ID: "mlp-infer", Title: "(d)", Metric: "milliseconds per prediction", Cells: []Cell{
		{Peer: gonnID, Samples: []float64{0.3, 0.4, 0.35}, Steps: []int{200, 200, 200}},
		{Peer: pageID, Samples: []float64{0.2, 0.18, 0.22}, Steps: []int{200, 200, 200}},
		{Peer: "tfjs-wasm-1", Samples: []float64{0.25, 0.25, 0.25}, Steps: []int{200, 200, 200}},
	}}
	saved := targets
	t.Cleanup(func() { targets = saved })
	targets = []target{{Workload: "mlp-infer", Peer: "tfjs-wasm-1", Want: 1, AtMost: true, Subject: pageID, Text: "MLP inference ≤ TF.js wasm", Why: "the weights' reads"}}
	var b strings.Builder
	writeTargets(&b, []Table{tab})
	// the page 0.2 ÷ 0.25 = 0.8: met; the worker 0.35 ÷ 0.25 = 1.4: missed.
	assert.Contains(t, b.String(), "| MLP inference ≤ TF.js wasm, gonn with the engine in the page | 0.800× | met |\n"+
		"| ↳ the same, gonn with the engine in a Web Worker | 1.40× | missed: 1.40× too slow |\n")
	assert.NotContains(t, b.String(), "What stands in the way", "met: no reason given")

	tab.Cells[1].Samples = []float64{0.3, 0.3, 0.3} // 0.3 ÷ 0.25 = 1.2
	b.Reset()
	writeTargets(&b, []Table{tab})
	assert.Contains(t, b.String(), "What stands in the way of the missed targets:\n\n"+
		"- **MLP inference ≤ TF.js wasm** (1.20× too slow): the weights' reads\n")

	tab.Cells[1].Samples = []float64{0.2503, 0.24, 0.26} // 0.2503 ÷ 0.25, the ranges overlapping
	b.Reset()
	writeTargets(&b, []Table{tab})
	assert.Contains(t, b.String(), "| 1.00× | missed: 1.001× too slow |")
	assert.Contains(t, b.String(), "(1.001× too slow; the two rows' repetitions overlap, so the difference is within this run's noise)")

	tab.Cells[1] = Cell{Peer: pageID, Error: "the page did not load"}
	b.Reset()
	writeTargets(&b, []Table{tab})
	assert.Contains(t, b.String(), "| — | gonn with the engine in the page did not run it |")
}

func TestHardwareConcurrency(t *testing.T) {
	assert.Equal(t, 0, hardwareConcurrency(nil))
	assert.Equal(t, 0, hardwareConcurrency([]Peer{{ID: gonnID, Error: "did not load"}}))
	assert.Equal(t, 8, hardwareConcurrency([]Peer{
		{ID: gonnID, Error: "did not load"},
		{ID: "tfjs-cpu", Info: map[string]any{"cores": float64(8)}}, // as JSON decodes it
		{ID: "convnetjs", Info: map[string]any{"cores": float64(4)}},
	}))
}
