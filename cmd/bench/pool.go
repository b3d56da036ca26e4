package main

import (
	"fmt"
	"strings"
)

// speedup is the worker pool's examples/s over one engine's on one
// training workload.
type speedup struct {
	Median float64 // the pool's median ÷ one engine's median
	Lo, Hi float64 // the pool's slowest ÷ one engine's fastest repetition, and the pool's fastest ÷ one engine's slowest
}

// poolSpeedup compares the pool's cell with gonn's on t; ok is false when
// either has no measurement.
func poolSpeedup(t Table) (speedup, bool) {
	one, ok1 := findCell(t, gonnID)
	pool, ok2 := findCell(t, poolID)
	single, ok3 := summarize(one.Samples)
	pooled, ok4 := summarize(pool.Samples)
	if !ok1 || !ok2 || !ok3 || !ok4 || one.Error != "" || pool.Error != "" || single.Lo <= 0 {
		return speedup{}, false
	}
	return speedup{Median: pooled.Median / single.Median, Lo: pooled.Lo / single.Hi, Hi: pooled.Hi / single.Lo}, true
}

// writePoolSpeedup writes the section on the worker pool: per training
// table with a pool row, one engine's and the pool's examples/s and the
// speed-up, and the cores the browser reported (cores ≤ 0: none). Without
// a pool row in the run there is no section.
func writePoolSpeedup(b *strings.Builder, tables []Table, cores int) {
	var rows []Table
	for _, t := range tables {
		if _, ok := findCell(t, poolID); ok {
			rows = append(rows, t)
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("## Worker pool speed-up\n\n")
	fmt.Fprintf(b, "`model.fit(x, y, {workers: %d})` trains with %d engine replicas, each in its own Web Worker, the gradients combined "+
		"in a fixed order (the same bits for a given number of workers). Training examples/s, median (min–max); the speed-up is the "+
		"pool's median ÷ one engine's, its range the pool's slowest repetition ÷ one engine's fastest to the pool's fastest ÷ one engine's slowest. ",
		poolWorkers, poolWorkers)
	if cores > 0 {
		fmt.Fprintf(b, "The browser reports `navigator.hardwareConcurrency` = %d.\n\n", cores)
	} else {
		b.WriteString("The browser reported no `navigator.hardwareConcurrency`.\n\n")
	}
	fmt.Fprintf(b, "| workload | one engine | %d workers | speed-up | range |\n|---|--:|--:|--:|--:|\n", poolWorkers)
	slower := false
	for _, t := range rows {
		one, _ := findCell(t, gonnID)
		pool, _ := findCell(t, poolID)
		speed, spread := "—", "—"
		if s, ok := poolSpeedup(t); ok {
			speed, spread = formatRatio(s.Median), formatRatio(s.Lo)+"–"+formatRatio(s.Hi)
			slower = slower || s.Median < 1
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", t.Title, spreadText(one), spreadText(pool), speed, spread)
	}
	if slower {
		b.WriteString("\nA speed-up below 1: each step here is a `fit` call on one batch, and every call and batch of the pool sends the weights " +
			"to each replica and takes its gradients back (1.6 MB each way for the MLP), around half a batch of work per worker; " +
			"the cheaper a batch is to compute, the more that fixed cost weighs.\n")
	}
	b.WriteString("\n")
}

// spreadText is a cell as "median (min–max)", or why it has none.
func spreadText(c Cell) string {
	if c.Error != "" {
		return "cannot run: " + cellText(c.Error)
	}
	s, ok := summarize(c.Samples)
	switch {
	case !ok && c.Bound > 0:
		return "< " + formatNumber(c.Bound) + " (no batch done in time)"
	case !ok:
		return "no measurement"
	}
	return fmt.Sprintf("%s (%s–%s)", formatNumber(s.Median), formatNumber(s.Lo), formatNumber(s.Hi))
}
