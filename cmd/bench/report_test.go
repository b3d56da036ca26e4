package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{1518.4, "1,518"},
		{1234567, "1,234,567"},
		{265.4, "265"},
		{99.95, "100.0"}, // rounds up past the band; still three digits
		{12.34, "12.3"},
		{7.054, "7.05"},
		{0.4123, "0.412"},
		{0.0004123, "0.000412"},
		{0, "0"},
		{-1500, "-1,500"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, formatNumber(tt.v), "%v", tt.v)
	}
	assert.Equal(t, "3.50×", formatRatio(3.5))
	assert.Equal(t, "1.35 MB", formatBytes(1_347_533))
	assert.Equal(t, "8.1 kB", formatBytes(8_127))
}

// table is a training workload where gonn ran 3 repetitions, one peer 2,
// and one peer could not run it.
func table() (Table, []Peer) {
	t := Table{
		ID: "mlp", Title: "(a) MLP", Metric: "training examples/s", HigherIsBetter: true,
		Cells: []Cell{
			{Peer: gonnID, Samples: []float64{3000, 2000, 4000}, Steps: []int{20, 20, 20}},
			{Peer: "tfjs-cpu", Samples: []float64{100, 300}, Steps: []int{3, 4}},
			{Peer: "tfjs-wasm-1", Error: "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm' | more\nlines"},
		},
	}
	peers := []Peer{
		{ID: gonnID, Label: "gonn"},
		{ID: "tfjs-cpu", Label: "TF.js 4.22.0 cpu"},
		{ID: "tfjs-wasm-1", Label: "TF.js 4.22.0 wasm (SIMD, 1 thread)"},
	}
	return t, peers
}

func TestWriteTable(t *testing.T) {
	tab, peers := table()
	var b strings.Builder
	writeTable(&b, tab, peers, 240000)
	lines := strings.Split(b.String(), "\n")
	rows := map[string]string{}
	for _, l := range lines {
		for _, p := range peers {
			if strings.HasPrefix(l, "| "+p.Label+" |") {
				rows[p.ID] = l
			}
		}
	}
	require.Len(t, rows, 3, "a row per library:\n%s", b.String())
	// gonn: median 3000 of {2000, 3000, 4000}; no ratio with itself.
	assert.Equal(t, "| gonn | 3,000 | 2,000–4,000 | 3 × 20 batches | — |", rows[gonnID])
	// TF.js cpu: median 200 of {100, 300}; 3000 / 200 = 15.
	assert.Equal(t, "| TF.js 4.22.0 cpu | 200 | 100–300 | 2 × 3–4 batches | 15.0× |", rows["tfjs-cpu"])
	// The peer that failed shows its error on one line, the pipe escaped.
	assert.Equal(t, `| TF.js 4.22.0 wasm (SIMD, 1 thread) | cannot run: Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm' \| more lines | — | — | — |`, rows["tfjs-wasm-1"])
	assert.Contains(t, b.String(), "Training examples/s, higher is better.")
}

func TestWriteTable_gonnFailed(t *testing.T) {
	tab, peers := table()
	tab.Cells[0] = Cell{Peer: gonnID, Error: "engine lost"}
	var b strings.Builder
	writeTable(&b, tab, peers, 240000)
	assert.Contains(t, b.String(), "| gonn | cannot run: engine lost | — | — | — |")
	assert.Contains(t, b.String(), "| TF.js 4.22.0 cpu | 200 | 100–300 | 2 × 3–4 batches | — |", "no ratio without gonn")
}

func TestWriteTable_latency(t *testing.T) {
	tab := Table{ID: "mlp-infer", Title: "(d)", Metric: "milliseconds per prediction", Cells: []Cell{
		{Peer: gonnID, Samples: []float64{0.5}, Steps: []int{200}},
		{Peer: "tfjs-cpu", Samples: []float64{2}, Steps: []int{150}},
	}}
	var b strings.Builder
	writeTable(&b, tab, []Peer{{ID: gonnID, Label: "gonn"}, {ID: "tfjs-cpu", Label: "TF.js cpu"}}, 240000)
	assert.Contains(t, b.String(), "Milliseconds per prediction, lower is better.")
	assert.Contains(t, b.String(), "| TF.js cpu | 2.00 | 2.00–2.00 | 1 × 150 calls | 0.250× |", "gonn ÷ peer below 1: gonn is faster")
}

func TestTargetCheck(t *testing.T) {
	tab, _ := table()
	tables := []Table{tab}
	tests := []struct {
		target       target
		got, verdict string
	}{
		{target{Workload: "mlp", Peer: "tfjs-cpu", Want: 10}, "15.0×", "met"},
		{target{Workload: "mlp", Peer: "tfjs-cpu", Want: 30}, "15.0×", "missed: 2.00× short"},
		{target{Workload: "mlp", Peer: "tfjs-cpu", Want: 20, AtMost: true}, "15.0×", "met"},
		{target{Workload: "mlp", Peer: "tfjs-cpu", Want: 5, AtMost: true}, "15.0×", "missed: 3.00× too slow"},
		{target{Workload: "mlp", Peer: "tfjs-wasm-1", Want: 3}, "—", "the peer did not run it"},
		{target{Workload: "cnn", Peer: "tfjs-cpu", Want: 3}, "—", "not measured in this run"},
	}
	for _, tt := range tests {
		got, verdict := tt.target.check(tables)
		assert.Equal(t, tt.got, got, "%+v", tt.target)
		assert.Equal(t, tt.verdict, verdict, "%+v", tt.target)
	}
}

func TestMarkdown(t *testing.T) {
	tab, peers := table()
	res := Results{
		Date: "2026-01-02 03:04 UTC", Command: "go run ./cmd/bench",
		Settings: Settings{Repetitions: 3, WarmupSteps: 1, BudgetMs: 4000, MaxBatches: 20, MaxCalls: 200, DataSeed: 1},
		Machine:  Machine{CPU: "Some CPU", Cores: 2, MemoryGiB: 24, OS: "linux/amd64", Chromium: "HeadlessChrome/156", Go: "go1.26"},
		Peers:    peers,
		Tables:   []Table{tab},
		Shipped: []Shipped{
			{Peer: gonnID, Files: []ShippedFile{{Path: "/gonn/engine.wasm", Size: 5_000_000, Gzip: 1_000_000}, {Path: "/gonn/gonn.js", Size: 20_000, Gzip: 6_000}}, Size: 5_020_000, Gzip: 1_006_000},
			{Peer: "tfjs-cpu", Files: []ShippedFile{{Path: "/npm/x/tf-core.min.js", Size: 800_000, Gzip: 503_000}}, Size: 800_000, Gzip: 503_000},
			{Peer: "tfjs-wasm-1", Error: "did not load"},
		},
	}
	md := markdown(res)
	for _, want := range []string{
		"```sh\ngo run ./cmd/bench\n```",
		"| date | 2026-01-02 03:04 UTC |",
		"| machine | Some CPU, 2 cores, 24 GiB, linux/amd64",
		"## (a) MLP",
		"| MLP training ≥ 3× TF.js wasm (1 thread) | — | the peer did not run it |",
		"| gonn | `engine.wasm`, `gonn.js` | 5.02 MB | 1.01 MB | — |",
		"| TF.js 4.22.0 cpu | `tf-core.min.js` | 800.0 kB | 503.0 kB | 2.00× |",
		"| TF.js 4.22.0 wasm (SIMD, 1 thread) | cannot run: did not load | — | — | — |",
	} {
		assert.Contains(t, md, want)
	}
	assert.NotContains(t, md, "quick smoke run")
	assert.NotContains(t, md, "This run:", "the canonical command needs no second line")
	res.Command = "go run ./cmd/bench -reps 3"
	assert.Contains(t, markdown(res), "This run: `go run ./cmd/bench -reps 3`.")
	res.Settings.Quick = true
	assert.Contains(t, markdown(res), "quick smoke run")
}

func TestWriteTable_warmupOnly(t *testing.T) {
	tab, peers := table()
	tab.Cells[1] = Cell{Peer: "tfjs-cpu", Samples: []float64{1.5}, Steps: []int{1}, WarmupOnly: true}
	var b strings.Builder
	writeTable(&b, tab, peers, 240000)
	assert.Contains(t, b.String(), "| TF.js 4.22.0 cpu | 1.50 | 1.50–1.50 | 1 × 1 batch, the warm-up | 2,000× |")
}

func TestWriteTable_bound(t *testing.T) {
	tab, peers := table()
	// TF.js cpu did not finish one batch of 128 in 240 s: under 0.533 examples/s.
	tab.Cells[1] = Cell{Peer: "tfjs-cpu", Bound: 128.0 / 240}
	var b strings.Builder
	writeTable(&b, tab, peers, 240000)
	assert.Contains(t, b.String(), "| TF.js 4.22.0 cpu | < 0.533 | — | no batch done in 240 s | > 5,625× |")

	lat := Table{ID: "cnn-infer", Metric: "milliseconds per prediction", Cells: []Cell{
		{Peer: gonnID, Samples: []float64{24}, Steps: []int{100}},
		{Peer: "tfjs-cpu", Bound: 240000},
	}}
	b.Reset()
	writeTable(&b, lat, peers, 240000)
	assert.Contains(t, b.String(), "| TF.js 4.22.0 cpu | > 240,000 | — | no call done in 240 s | < 0.000100× |")
}

func TestTargetCheck_bound(t *testing.T) {
	tab, _ := table() // gonn's median: 3000 examples/s
	tab.Cells[1] = Cell{Peer: "tfjs-cpu", Bound: 100}
	tables := []Table{tab}
	got, verdict := target{Workload: "mlp", Peer: "tfjs-cpu", Want: 20}.check(tables)
	assert.Equal(t, "> 30.0×", got)
	assert.Equal(t, "met", verdict)
	got, verdict = target{Workload: "mlp", Peer: "tfjs-cpu", Want: 100}.check(tables)
	assert.Equal(t, "> 30.0×", got)
	assert.Equal(t, "not judged: the peer did not finish one step in time", verdict)
}
