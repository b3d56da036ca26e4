package main

import (
	"slices"
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
	assert.NotContains(t, md, "hardwareConcurrency", "none reported")
	assert.NotContains(t, md, "## Worker pool speed-up", "no pool row in the run")
	noCold := res
	noCold.Shipped = nil
	assert.NotContains(t, markdown(noCold), "Bytes shipped", "no section when the cold start was not measured")
	assert.NotContains(t, md, "quick smoke run")
	assert.NotContains(t, md, "This run:", "the canonical command needs no second line")
	res.Command = "go run ./cmd/bench -reps 3"
	assert.Contains(t, markdown(res), "This run: `go run ./cmd/bench -reps 3`.")
	res.Settings.Quick = true
	assert.Contains(t, markdown(res), "quick smoke run")

	res.Machine.HardwareConcurrency = 2
	res.Tables[0], res.Peers = poolTable()
	md = markdown(res)
	assert.Contains(t, md, "| browser | HeadlessChrome/156, headless, fresh profile; navigator.hardwareConcurrency 2 |")
	targets, pool, mlp := strings.Index(md, "## Targets"), strings.Index(md, "## Worker pool speed-up"), strings.Index(md, "## (a) MLP")
	assert.True(t, targets >= 0 && targets < pool && pool < mlp, "targets, then the pool's section, then the tables")
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

// gemmTable is the GEMM workload: gonn at 2 ms per 256³ product, TF.js cpu
// at 8 ms, ConvNetJS unable to run it.
func gemmTable() (Table, []Peer) {
	t := Table{
		ID: "gemm", Title: "GEMM", Metric: "milliseconds per product", FlopsPerStep: 2 * 256 * 256 * 256,
		Cells: []Cell{
			{Peer: gonnID, Samples: []float64{2, 1, 4}, Steps: []int{100, 100, 100}},
			{Peer: "tfjs-cpu", Samples: []float64{8}, Steps: []int{30}},
			{Peer: "convnetjs", Error: "no matrix product"},
		},
	}
	peers := []Peer{
		{ID: gonnID, Label: "gonn"},
		{ID: "tfjs-cpu", Label: "TF.js cpu"},
		{ID: "convnetjs", Label: "ConvNetJS"},
	}
	return t, peers
}

func TestWriteTable_gemm(t *testing.T) {
	tab, peers := gemmTable()
	var b strings.Builder
	writeTable(&b, tab, peers, 60000)
	out := b.String()
	assert.Contains(t, out, "| library | median | min–max | GFLOP/s | timed | gonn ÷ library |\n|---|--:|--:|--:|--:|--:|\n")
	// 2·256³ = 33,554,432 flops in the median 2 ms: 16.8 GFLOP/s.
	assert.Contains(t, out, "| gonn | 2.00 | 1.00–4.00 | 16.8 | 3 × 100 products | — |")
	// 33,554,432 in 8 ms: 4.19 GFLOP/s; gonn takes 2 ÷ 8 of its time.
	assert.Contains(t, out, "| TF.js cpu | 8.00 | 8.00–8.00 | 4.19 | 1 × 30 products | 0.250× |")
	assert.Contains(t, out, "| ConvNetJS | cannot run: no matrix product | — | — | — | — |")

	// A peer without one product in 60 s: above 60,000 ms, below 33,554,432 / 6e10 GFLOP/s.
	tab.Cells[1] = Cell{Peer: "tfjs-cpu", Bound: 60000}
	b.Reset()
	writeTable(&b, tab, peers, 60000)
	assert.Contains(t, b.String(), "| TF.js cpu | > 60,000 | — | < 0.000559 | no product done in 60.0 s | < 0.0000333× |")
}

func TestWriteTable_noGFLOPsColumnWithoutFlops(t *testing.T) {
	tab, peers := table()
	var b strings.Builder
	writeTable(&b, tab, peers, 240000)
	assert.NotContains(t, b.String(), "GFLOP/s")
}

func TestTargetCheck_absolute(t *testing.T) {
	gemm, _ := gemmTable() // gonn's median: 2 ms, 16.8 GFLOP/s
	noFlops := gemm
	noFlops.FlopsPerStep = 0
	gonnFailed, _ := gemmTable()
	gonnFailed.Cells[0] = Cell{Peer: gonnID, Error: "engine lost"}
	gonnBound, _ := gemmTable()
	gonnBound.Cells[0] = Cell{Peer: gonnID, Bound: 60000}
	ten := target{Workload: "gemm", Absolute: unitGFLOPs, Want: 10}
	tests := []struct {
		name         string
		target       target
		tables       []Table
		got, verdict string
	}{
		{"met", ten, []Table{gemm}, "16.8 GFLOP/s", "met"},
		// 33.6 GFLOP/s wanted, 16.8 reached: 2× short.
		{"missed", target{Workload: "gemm", Absolute: unitGFLOPs, Want: 2 * 16.777216}, []Table{gemm}, "16.8 GFLOP/s", "missed: 2.00× short"},
		{"not measured", ten, nil, "—", "not measured in this run"},
		{"gonn failed", ten, []Table{gonnFailed}, "—", "gonn did not run it"},
		{"no FLOP count", ten, []Table{noFlops}, "—", "the workload has no FLOP count"},
		{"unknown unit", target{Workload: "gemm", Absolute: "furlongs", Want: 1}, []Table{gemm}, "—", `unknown unit "furlongs"`},
		{"gonn beyond the timeout", ten, []Table{gonnBound}, "< 0.000559 GFLOP/s", "missed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, verdict := tt.target.check(tt.tables)
			assert.Equal(t, tt.got, got)
			assert.Equal(t, tt.verdict, verdict)
		})
	}
}

func TestTargets_gemmIsAbsolute(t *testing.T) {
	i := slices.IndexFunc(targets, func(t target) bool { return t.Workload == "gemm" })
	require.GreaterOrEqual(t, i, 0, "a GEMM target")
	assert.Equal(t, unitGFLOPs, targets[i].Absolute)
	assert.Empty(t, targets[i].Peer)
	assert.InDelta(t, 10, targets[i].Want, 0)
	w := workloads[slices.IndexFunc(workloads, func(w workload) bool { return w.ID == "gemm" })]
	assert.InDelta(t, 2*256*256*256, w.FlopsPerStep, 0, "2·n³ flops per product")
}
