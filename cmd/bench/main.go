// Command bench measures gonn next to its peers — TF.js 4.22 (cpu backend;
// wasm backend with SIMD on one thread, and on all threads under
// cross-origin isolation) and ConvNetJS 0.3 — in one headless Chromium,
// and writes BENCHMARKS.md and results/bench.json.
//
// Usage, from anywhere in the module:
//
//	go run ./cmd/bench            # the full run, 15 to 30 minutes
//	go run ./cmd/bench -quick     # a smoke run of a few minutes, written to a temporary folder
//
// It builds dist/ with cmd/build's dist.Build into a temporary folder (or
// takes -dist), installs the peers with npm ci into tools/bench/node_modules
// when that is missing, serves both and the benchmark page (pages/) from
// one HTTP server on 127.0.0.1, and drives Chromium over the DevTools
// protocol (chromedp). Each library runs in its own tab; per workload every
// library sets up and warms up, then the timed repetitions alternate
// between the libraries. The workloads: training throughput of an MLP, of
// Keras' mnist_cnn and of an Embedding → LSTM model (also with the
// embedding frozen), gonn's also with its worker pool; single-example
// inference latency; one 256³ matrix product (GEMM); cold start from
// navigation to first prediction; the bytes each library's page
// downloads. README.md beside this file lists the flags.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"gonn/cmd/build/dist"
)

// options are the flags that are not measurement settings.
type options struct {
	dist     string
	note     string
	out      string
	jsonOut  string
	only     []string
	render   string
	settings Settings
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseFlags() options {
	var o options
	s := &o.settings
	quick := flag.Bool("quick", false, "smoke run: 1 repetition, no warm-up, 2 batches; writes to a temporary folder unless -out/-json say otherwise")
	flag.IntVar(&s.Repetitions, "reps", 5, "timed repetitions per library and workload")
	flag.IntVar(&s.WarmupSteps, "warmup", 1, "untimed training batches before the timed ones")
	budget := flag.Duration("budget", 4*time.Second, "a repetition times steps until this has passed")
	flag.IntVar(&s.MaxBatches, "max-batches", 20, "at most this many training batches per repetition")
	flag.IntVar(&s.MaxCalls, "max-calls", 200, "at most this many predictions per repetition")
	cellBudget := flag.Duration("cell-budget", 90*time.Second, "no new repetition for a library once its timed steps on a workload took this long (0: no limit)")
	stepTimeout := flag.Duration("step-timeout", 4*time.Minute, "a step (batch or prediction) not finished by then is abandoned; the table says the library is beyond that")
	flag.StringVar(&o.note, "note", "", "a paragraph to add to the report (e.g. what -dist was built from)")
	flag.StringVar(&o.dist, "dist", "", "use this built site instead of building one")
	flag.StringVar(&o.out, "out", "", "the Markdown report (default: BENCHMARKS.md in the module root)")
	flag.StringVar(&o.jsonOut, "json", "", "the raw measurements (default: results/bench.json in the module root)")
	flag.StringVar(&o.render, "render", "", "only write the Markdown report again from this results JSON (no measuring)")
	only := flag.String("only", "", "comma-separated workloads to run (default all): "+workloadIDs())
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./cmd/bench [flags]\n\nMeasures gonn next to TF.js and ConvNetJS in headless Chromium; writes BENCHMARKS.md and results/bench.json.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	s.Quick = *quick
	if *quick {
		quickDefaults := map[string]func(){
			"reps":         func() { s.Repetitions = 1 },
			"warmup":       func() { s.WarmupSteps = 0 },
			"budget":       func() { *budget = 300 * time.Millisecond },
			"max-batches":  func() { s.MaxBatches = 2 },
			"max-calls":    func() { s.MaxCalls = 20 },
			"step-timeout": func() { *stepTimeout = time.Minute },
		}
		for name, apply := range quickDefaults {
			if !set[name] {
				apply()
			}
		}
	}
	s.BudgetMs = float64(*budget) / float64(time.Millisecond)
	s.CellBudgetMs = float64(*cellBudget) / float64(time.Millisecond)
	s.StepTimeoutMs = float64(*stepTimeout) / float64(time.Millisecond)
	s.DataSeed = 1 // pages/data.js SEED
	if *only != "" {
		o.only = strings.Split(*only, ",")
	}
	return o
}

func workloadIDs() string {
	var ids []string
	for _, w := range workloads {
		ids = append(ids, w.ID)
	}
	return strings.Join(ids, ",")
}

func run() error {
	o := parseFlags()
	for _, id := range o.only {
		if !slices.ContainsFunc(workloads, func(w workload) bool { return w.ID == id }) {
			return fmt.Errorf("-only: unknown workload %q (have %s)", id, workloadIDs())
		}
	}
	if o.settings.Repetitions < 1 || o.settings.MaxBatches < 1 || o.settings.MaxCalls < 1 || o.settings.WarmupSteps < 0 || o.settings.StepTimeoutMs <= 0 {
		return fmt.Errorf("-reps, -max-batches and -max-calls must be ≥ 1, -warmup ≥ 0, -step-timeout > 0")
	}
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, err := dist.FindRoot(wd)
	if err != nil {
		return err
	}
	outputPaths(&o, root)
	if o.render != "" {
		return render(o)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	nodeModules, err := installPeers(root)
	if err != nil {
		return err
	}
	versions, err := peerVersions(nodeModules)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "gonn-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	distDir := o.dist
	if distDir == "" {
		fmt.Fprintln(os.Stderr, "building dist/ …")
		if distDir, err = buildSite(root, tmp); err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(distDir, "gonn", "engine.wasm")); err != nil {
		return fmt.Errorf("no engine in %s: %w", distDir, err)
	}
	srv := newServer(distDir, nodeModules)
	hs := httptest.NewServer(srv) // 127.0.0.1, a free port
	defer hs.Close()

	execPath, err := findChromium()
	if err != nil {
		return err
	}
	var chromeOutput strings.Builder // dbus and /dev/shm noise
	br, err := startChromium(ctx, execPath, filepath.Join(tmp, "profile"), &syncWriter{w: &chromeOutput}, os.Stderr)
	if err != nil {
		return err
	}
	defer br.close()

	res := Results{
		Date:     time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Command:  strings.Join(append([]string{canonicalCommand}, os.Args[1:]...), " "),
		Source:   source(root, o.dist),
		Note:     o.note,
		Settings: o.settings,
		Machine:  describeMachine(),
	}
	if res.Machine.Chromium, err = br.version(); err != nil {
		return err
	}
	res.Machine.Chromium += " (" + execPath + ")"
	r := &runner{settings: o.settings, srv: srv, base: hs.URL, browser: br, tabs: map[string]*tab{}, log: os.Stderr}
	start := time.Now()
	res.Peers = r.openPeers(versions)
	res.Machine.HardwareConcurrency = hardwareConcurrency(res.Peers)
	for _, w := range workloads {
		if len(o.only) > 0 && !slices.Contains(o.only, w.ID) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "== %s (%v so far)\n", w.Title, time.Since(start).Round(time.Second))
		if w.Kind == kindCold {
			t, shipped := r.coldStarts(w)
			res.Tables = append(res.Tables, t)
			res.Shipped = shipped
			continue
		}
		res.Tables = append(res.Tables, r.measure(w))
	}
	fmt.Fprintf(os.Stderr, "measured in %v\n", time.Since(start).Round(time.Second))
	return write(o, res)
}

// outputPaths fills in the default report paths: the module root's, or a
// temporary folder's for a quick run.
func outputPaths(o *options, root string) {
	dir, resultsDir := root, filepath.Join(root, "results")
	if o.settings.Quick {
		dir = filepath.Join(os.TempDir(), "gonn-bench-quick")
		resultsDir = dir
	}
	if o.out == "" {
		o.out = filepath.Join(dir, "BENCHMARKS.md")
	}
	if o.jsonOut == "" {
		o.jsonOut = filepath.Join(resultsDir, "bench.json")
	}
}

// render writes the Markdown report of an earlier run's JSON.
func render(o options) error {
	b, err := os.ReadFile(o.render)
	if err != nil {
		return err
	}
	var res Results
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("%s: %w", o.render, err)
	}
	if err := os.WriteFile(o.out, []byte(markdown(res)), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "wrote", o.out)
	return nil
}

func write(o options, res Results) error {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{o.jsonOut, append(b, '\n')}, {o.out, []byte(markdown(res))}} {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(f.path, f.data, 0o644); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "wrote", f.path)
	}
	return nil
}
