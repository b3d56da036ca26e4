package main

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
)

// canonicalCommand makes BENCHMARKS.md.
const canonicalCommand = "go run ./cmd/bench"

// markdown renders BENCHMARKS.md from one run's results.
func markdown(res Results) string {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\n")
	b.WriteString("gonn next to its peers, TF.js (cpu and wasm backends) and ConvNetJS, in one headless Chromium, " +
		"on one machine, in one run. Written by `cmd/bench`; the raw measurements are in `results/bench.json`.\n\n")
	fmt.Fprintf(&b, "Reproduce from the repository root with\n\n```sh\n%s\n```\n\n", canonicalCommand)
	b.WriteString("(15 to 30 minutes, with the machine's load; `go run ./cmd/bench -quick` is a smoke run of a few minutes that writes " +
		"to a temporary folder; `-render results/bench.json` writes this page again without measuring; `cmd/bench/README.md` has the flags).")
	if res.Command != canonicalCommand {
		fmt.Fprintf(&b, " This run: `%s`.", res.Command)
	}
	b.WriteString("\n\n")
	if res.Note != "" {
		b.WriteString(res.Note + "\n\n")
	}
	if res.Settings.Quick {
		b.WriteString("**This is a quick smoke run: one repetition of a couple of batches. Do not quote its numbers.**\n\n")
	}
	writeSetup(&b, res)
	writeMethod(&b, res.Settings)
	writeTargets(&b, res.Tables)
	writePoolSpeedup(&b, res.Tables, res.Machine.HardwareConcurrency)
	for _, t := range res.Tables {
		writeTable(&b, t, res.Peers, res.Settings.StepTimeoutMs)
	}
	writeShipped(&b, res.Shipped, res.Peers)
	return b.String()
}

func writeSetup(b *strings.Builder, res Results) {
	m := res.Machine
	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(b, "| date | %s |\n", res.Date)
	fmt.Fprintf(b, "| machine | %s, %d cores, %d GiB, %s (shared with other work: expect noise) |\n", m.CPU, m.Cores, m.MemoryGiB, m.OS)
	fmt.Fprintf(b, "| browser | %s, headless, fresh profile", m.Chromium)
	if m.HardwareConcurrency > 0 {
		fmt.Fprintf(b, "; navigator.hardwareConcurrency %d", m.HardwareConcurrency)
	}
	b.WriteString(" |\n")
	fmt.Fprintf(b, "| Go | %s |\n", m.Go)
	fmt.Fprintf(b, "| gonn's dist/ | %s |\n", res.Source)
	for _, p := range res.Peers {
		fmt.Fprintf(b, "| %s | %s |\n", p.Label, peerDetails(p))
	}
	b.WriteString("\n")
}

// peerDetails says what a peer's page loaded: version, backend, threads.
func peerDetails(p Peer) string {
	if p.Error != "" {
		return "did not load: " + cellText(p.Error)
	}
	var parts []string
	if p.Version != "" {
		parts = append(parts, "version "+p.Version)
	}
	for _, k := range infoLabels {
		if v, ok := p.Info[k.key]; ok && v != nil {
			parts = append(parts, fmt.Sprintf("%s: %v", k.label, v))
		}
	}
	return strings.Join(parts, ", ")
}

// infoLabels name, in order, what a page's bench.info() may report.
var infoLabels = []struct{ key, label string }{
	{"go", "engine built with"},
	{"abi", "ABI"},
	{"backend", "backend"},
	{"simd", "SIMD"},
	{"multithread", "multithread binary"},
	{"threadsRequested", "threads asked"},
	{"threads", "threads reported"},
	{"inWorker", "in a Web Worker"},
	{"workers", "fit's workers"},
	{"crossOriginIsolated", "cross-origin isolated"},
}

func writeMethod(b *strings.Builder, s Settings) {
	b.WriteString("## How it measures\n\n")
	b.WriteString("- Every library runs in its own tab of the same browser, from files served by one local HTTP server " +
		"(gonn's `dist/` as `cmd/build` makes it, the peers' npm dist files from `tools/bench/`), gzip-compressed, never cached.\n")
	b.WriteString("- gonn runs through its public JavaScript API (`gonn.js`, the engine in a Web Worker); TF.js through `tf.sequential` " +
		"and `trainOnBatch`/`predict` (`tf.matMul` for the GEMM); ConvNetJS through `Net` and `Trainer`.\n")
	fmt.Fprintf(b, "- gonn trains a second time with its worker pool (`model.fit(x, y, {workers: %d})`: %d engine replicas in %d Web Workers); "+
		"that row has no ratio, its speed-up over one engine has a section of its own.\n", poolWorkers, poolWorkers, poolWorkers)
	b.WriteString("- gonn predicts a second time with its engine in the page's own thread (`gonn.init({worker: false})`), as the peers run: " +
		"no message to a Web Worker and back per call. That row (inference only) has no ratio in its table; the targets give it.\n")
	fmt.Fprintf(b, "- Data are synthetic: a fixed-seed generator (mulberry32, seed %d) makes the same inputs and labels for every library.\n", s.DataSeed)
	fmt.Fprintf(b, "- Per workload, each library builds its model and warms up (%d untimed training batch(es); predictions for %s), "+
		"then the timed repetitions go round the libraries, each round starting one library further: %d repetition(s), each timing "+
		"steps until %s have passed (at least one step; at most %d training batches or %d predictions).",
		s.WarmupSteps, formatMs(s.BudgetMs/4), s.Repetitions, formatMs(s.BudgetMs), s.MaxBatches, s.MaxCalls)
	if s.CellBudgetMs > 0 {
		fmt.Fprintf(b, " A library whose timed steps have taken %s on a workload gets no further repetition there; "+
			"one whose warm-up alone took that long is timed by its warm-up (\"the warm-up\" in the table).", formatMs(s.CellBudgetMs))
	}
	b.WriteString("\n- Tables give the median over the repetitions, the smallest and largest, how much was timed, and gonn's median " +
		"divided by the library's. For examples/s above 1 means gonn is faster; for milliseconds and bytes below 1 means gonn is faster or smaller.\n")
	fmt.Fprintf(b, "- A step not done after %s is abandoned (the tab reloaded); the table then gives the bound the library is beyond.\n", formatMs(s.StepTimeoutMs))
	b.WriteString("- A library that cannot run a workload shows the error it gave.\n\n")
}

// writeTargets judges each target's row of gonn (one engine in a Web
// Worker, or for inference the engine in the page); under a ratio target,
// a ↳ row gives the ratio of each other row of gonn in its table to the
// same peer.
func writeTargets(b *strings.Builder, tables []Table) {
	b.WriteString("## Targets\n\n| target | gonn ÷ peer, or gonn's value | verdict |\n|---|--:|---|\n")
	var others []string // the ↳ rows written, by kind
	var why []string    // what stands in the way of each missed target
	for _, t := range targets {
		got, verdict := t.check(tables)
		if strings.HasPrefix(verdict, "missed") && t.Why != "" {
			noise := ""
			if t.overlaps(tables) {
				noise = "; the two rows' repetitions overlap, so the difference is within this run's noise"
			}
			why = append(why, fmt.Sprintf("- **%s** (%s%s): %s\n", t.Text, strings.TrimPrefix(verdict, "missed: "), noise, t.Why))
		}
		text := t.Text
		if t.subject() != gonnID {
			text += ", " + rowName(t.subject())
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", text, got, verdict)
		tab, ok := findTable(tables, t.Workload)
		if !ok || t.Absolute != "" {
			continue
		}
		for _, id := range []string{gonnID, poolID, pageID} {
			if _, ok := findCell(tab, id); ok && id != t.subject() {
				got, verdict := t.checkRow(tables, id)
				fmt.Fprintf(b, "| ↳ the same, %s | %s | %s |\n", arrowName(id), got, verdict)
				if !slices.Contains(others, id) {
					others = append(others, id)
				}
			}
		}
	}
	if len(others) > 0 {
		b.WriteString("\nThe verdicts judge gonn with one engine in a Web Worker, its default in a page, except single-example inference, " +
			"judged with the engine in the page's own thread (`gonn.init({worker: false})`), where the peers run too: a Web Worker adds a message " +
			"to the worker and one back to every call, which its table shows. A ↳ row gives another of gonn's rows divided by the same peer.\n")
	}
	if len(why) > 0 {
		b.WriteString("\nWhat stands in the way of the missed targets:\n\n" + strings.Join(why, ""))
	}
	b.WriteString("\n")
}

// writeTable writes one workload: a row per library, gonn first; a library
// that could not run it shows its error, one that did not finish a step
// within timeoutMs the bound it is beyond.
func writeTable(b *strings.Builder, t Table, peers []Peer, timeoutMs float64) {
	better := "lower is better"
	if t.HigherIsBetter {
		better = "higher is better"
	}
	fmt.Fprintf(b, "## %s\n\n%s, %s.", t.Title, capitalize(t.Metric), better)
	if t.Note != "" {
		b.WriteString(" " + t.Note)
	}
	if t.FlopsPerStep > 0 {
		b.WriteString("\n\n| library | median | min–max | GFLOP/s | timed | gonn ÷ library |\n|---|--:|--:|--:|--:|--:|\n")
	} else {
		b.WriteString("\n\n| library | median | min–max | timed | gonn ÷ library |\n|---|--:|--:|--:|--:|\n")
	}
	gonn, _ := findCell(t, gonnID)
	gs, gok := summarize(gonn.Samples)
	gok = gok && gonn.Error == ""
	for _, c := range t.Cells {
		label := peerLabel(peers, c.Peer)
		s, ok := summarize(c.Samples)
		if !ok && c.Bound > 0 && c.Error == "" {
			writeRow(b, t, label, boundText(t, c.Bound), "—", "< "+formatGFLOPs(t, c.Bound), timedOutText(t, timeoutMs), boundRatio(t, gs, gok, c.Bound))
			continue
		}
		if c.Error != "" || !ok {
			msg := c.Error
			if msg == "" {
				msg = "no measurement"
			}
			writeRow(b, t, label, "cannot run: "+cellText(msg), "—", "—", "—", "—")
			continue
		}
		r := "—"
		if !isGonn(c.Peer) && gok {
			if v, ok := ratio(gs, s); ok {
				r = formatRatio(v)
			}
		}
		timed := timedText(t, c.Steps)
		if c.WarmupOnly {
			timed += ", the warm-up"
		}
		writeRow(b, t, label, formatNumber(s.Median), formatNumber(s.Lo)+"–"+formatNumber(s.Hi), formatGFLOPs(t, s.Median), timed, r)
	}
	b.WriteString("\n")
}

// writeRow writes one library's row of t; the GFLOP/s cell only when t
// counts its FLOPs.
func writeRow(b *strings.Builder, t Table, label, median, spread, rate, timed, ratio string) {
	cells := []string{label, median, spread}
	if t.FlopsPerStep > 0 {
		cells = append(cells, rate)
	}
	cells = append(cells, timed, ratio)
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// formatGFLOPs is the rate of one of t's steps taking ms milliseconds.
func formatGFLOPs(t Table, ms float64) string {
	if t.FlopsPerStep <= 0 || ms <= 0 {
		return "—"
	}
	return formatNumber(gflops(t.FlopsPerStep, ms))
}

// isGonn reports whether id is one of gonn's own rows: no ratio with
// itself (the worker pool's speed-up has its own section).
func isGonn(id string) bool { return id == gonnID || id == poolID || id == pageID }

// boundText is a value known only to lie beyond bound: "< 0.533" for a
// throughput, "> 240,000" for a time.
func boundText(t Table, bound float64) string {
	if t.HigherIsBetter {
		return "< " + formatNumber(bound)
	}
	return "> " + formatNumber(bound)
}

// boundRatio is what gonn ÷ a library beyond bound is known to be.
func boundRatio(t Table, gonn Summary, ok bool, bound float64) string {
	if !ok {
		return "—"
	}
	if t.HigherIsBetter {
		return "> " + formatRatio(gonn.Median/bound)
	}
	return "< " + formatRatio(gonn.Median/bound)
}

func timedOutText(t Table, timeoutMs float64) string {
	return fmt.Sprintf("no %s done in %s", stepUnit(t), formatMs(timeoutMs))
}

// stepUnit names one of t's steps: a batch, a product, a call.
func stepUnit(t Table) string {
	switch {
	case t.HigherIsBetter:
		return "batch"
	case t.FlopsPerStep > 0:
		return "product"
	}
	return "call"
}

// timedText says how much was timed: repetitions × steps per repetition.
func timedText(t Table, steps []int) string {
	if t.ID == "cold" {
		return plural(len(steps), "load")
	}
	unit := stepUnit(t)
	lo, hi := slices.Min(steps), slices.Max(steps)
	if hi != lo {
		return fmt.Sprintf("%d × %d–%d %s", len(steps), lo, hi, plural(2, unit)[2:])
	}
	return fmt.Sprintf("%d × %s", len(steps), plural(lo, unit))
}

// plural writes "1 batch", "3 batches", "2 calls".
func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	if strings.HasSuffix(unit, "ch") {
		return fmt.Sprintf("%d %ses", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func writeShipped(b *strings.Builder, shipped []Shipped, peers []Peer) {
	if len(shipped) == 0 { // the cold start was not measured
		return
	}
	b.WriteString("## (f) Bytes shipped\n\nWhat each library's cold-start page downloaded (the benchmark's own page left out), " +
		"raw and as gzip (`dist.Gzip`, level 9, for every library alike); lower is better. TF.js pages load the union bundle " +
		"`tf.min.js` as script-tag pages do (core, layers, the cpu and webgl backends, converter, data): a bundler that drops " +
		"the unused parts ships less.\n\n")
	b.WriteString("| library | files | raw | gzip | gonn ÷ library (gzip) |\n|---|---|--:|--:|--:|\n")
	var gonn Shipped
	for _, s := range shipped {
		if s.Peer == gonnID {
			gonn = s
		}
	}
	for _, s := range shipped {
		label := peerLabel(peers, s.Peer)
		if s.Error != "" || len(s.Files) == 0 {
			msg := s.Error
			if msg == "" {
				msg = "no file recorded"
			}
			fmt.Fprintf(b, "| %s | cannot run: %s | — | — | — |\n", label, cellText(msg))
			continue
		}
		var names []string
		for _, f := range s.Files {
			names = append(names, "`"+path.Base(f.Path)+"`")
		}
		r := "—"
		if s.Peer != gonnID && gonn.Gzip > 0 {
			r = formatRatio(float64(gonn.Gzip) / float64(s.Gzip))
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", label, strings.Join(names, ", "), formatBytes(s.Size), formatBytes(s.Gzip), r)
	}
	b.WriteString("\n")
}

func peerLabel(peers []Peer, id string) string {
	for _, p := range peers {
		if p.ID == id {
			return p.Label
		}
	}
	return id
}

// cellText makes an error message fit one table cell: one line, no pipe,
// at most 300 characters.
func cellText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", "\\|")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// formatNumber writes v with three significant digits, and thousands
// separators from 1,000 on: 1,520, 265, 7.05, 0.412.
func formatNumber(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return fmt.Sprint(v)
	case a >= 1000:
		return commas(int64(math.Round(v)))
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a == 0:
		return "0"
	default:
		return strconv.FormatFloat(v, 'f', 2-int(math.Floor(math.Log10(a))), 64)
	}
}

func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

func formatRatio(r float64) string { return formatNumber(r) + "×" }

// formatBytes writes n in decimal megabytes or kilobytes.
func formatBytes(n int64) string {
	if n >= 1e6 {
		return strconv.FormatFloat(float64(n)/1e6, 'f', 2, 64) + " MB"
	}
	return strconv.FormatFloat(float64(n)/1e3, 'f', 1, 64) + " kB"
}

func formatMs(ms float64) string {
	if ms >= 1000 {
		return formatNumber(ms/1000) + " s"
	}
	return formatNumber(ms) + " ms"
}
