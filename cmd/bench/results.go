package main

// Results is everything one run measured: results/bench.json, and what
// BENCHMARKS.md is written from.
type Results struct {
	Date     string    `json:"date"`    // UTC, RFC 3339
	Command  string    `json:"command"` // this run's command line
	Source   string    `json:"source"`  // what gonn's dist/ was built from
	Note     string    `json:"note,omitempty"`
	Settings Settings  `json:"settings"`
	Machine  Machine   `json:"machine"`
	Peers    []Peer    `json:"peers"`
	Tables   []Table   `json:"tables"`
	Shipped  []Shipped `json:"shipped"`
}

// Settings are the run's knobs.
type Settings struct {
	Quick         bool    `json:"quick"`
	Repetitions   int     `json:"repetitions"`     // timed repetitions per library and workload
	WarmupSteps   int     `json:"warmup_steps"`    // untimed training batches before them
	BudgetMs      float64 `json:"budget_ms"`       // a repetition stops after the step that passes this
	MaxBatches    int     `json:"max_batches"`     // or after this many training batches
	MaxCalls      int     `json:"max_calls"`       // or this many predictions
	CellBudgetMs  float64 `json:"cell_budget_ms"`  // no new repetition once a library's timed total passes this
	StepTimeoutMs float64 `json:"step_timeout_ms"` // a step not done by then is abandoned
	DataSeed      int     `json:"data_seed"`
}

// Machine says where the numbers come from.
type Machine struct {
	CPU       string `json:"cpu"`
	Cores     int    `json:"cores"`
	MemoryGiB int    `json:"memory_gib"`
	OS        string `json:"os"`
	Chromium  string `json:"chromium"`
	Go        string `json:"go"`
	// HardwareConcurrency is navigator.hardwareConcurrency as the pages
	// saw it (0: none reported).
	HardwareConcurrency int `json:"hardware_concurrency,omitempty"`
}

// Peer is one library setup and what its page reported on load.
type Peer struct {
	ID      string         `json:"id"`
	Label   string         `json:"label"`
	Version string         `json:"version"` // from its package.json, or gonn's engine
	Info    map[string]any `json:"info,omitempty"`
	Error   string         `json:"error,omitempty"` // it did not load
}

// Table is one workload's measurements, a cell per library that runs it,
// gonn first.
type Table struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	Metric         string `json:"metric"`
	HigherIsBetter bool   `json:"higher_is_better"`
	// FlopsPerStep, when set, turns milliseconds per step into GFLOP/s.
	FlopsPerStep float64 `json:"flops_per_step,omitempty"`
	Note         string  `json:"note,omitempty"`
	Cells        []Cell  `json:"cells"`
}

// Cell is one library on one workload: a value per timed repetition (in the
// table's metric) and the steps (batches or calls) each one timed; or the
// error that stopped it.
type Cell struct {
	Peer    string    `json:"peer"`
	Samples []float64 `json:"samples"`
	Steps   []int     `json:"steps"`
	// WarmupOnly: the one sample is the warm-up, which alone took longer
	// than Settings.CellBudgetMs, so no repetition followed.
	WarmupOnly bool `json:"warmup_only,omitempty"`
	// Bound is set when not one step finished within the step timeout:
	// the value is below it for a throughput, above it for a time.
	Bound float64 `json:"bound,omitempty"`
	Error string  `json:"error,omitempty"`
}

// Shipped is what one library's page downloaded for its cold start.
type Shipped struct {
	Peer  string        `json:"peer"`
	Files []ShippedFile `json:"files"`
	Size  int64         `json:"size"`
	Gzip  int64         `json:"gzip"`
	Error string        `json:"error,omitempty"`
}

// ShippedFile is one file served to the page: its size and the size of its
// gzip copy (dist.Gzip, the build's own compressor, for every library).
type ShippedFile struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
	Gzip int64  `json:"gzip"`
}
