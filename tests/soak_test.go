package tests

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// soakCycles is TestSoak's number of cycles: GONN_SOAK_CYCLES, or 300.
// results/soak.md records the long run:
//
//	GONN_SOAK_CYCLES=10000 go test ./tests/ -run '^TestSoak$' -v -count=1 -timeout 1h
func soakCycles(t *testing.T) int {
	s := os.Getenv("GONN_SOAK_CYCLES")
	if s == "" {
		return 300
	}
	n, err := strconv.Atoi(s)
	require.NoError(t, err, "GONN_SOAK_CYCLES")
	require.Positive(t, n, "GONN_SOAK_CYCLES")
	return n
}

// soakSamples is how many times TestSoak reads the memory size.
const soakSamples = 20

// soakTolerance is the growth of linear memory allowed over the second half
// of the soak, in 64 KiB pages: one 4 MiB arena of Go's heap.
const soakTolerance = 64

const soakSpec = `{"seed": %d, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 32]}},
	{"class_name": "Dense", "config": {"units": 16, "activation": "relu"}},
	{"class_name": "Dropout", "config": {"rate": 0.25}},
	{"class_name": "Dense", "config": {"units": 4, "activation": "softmax"}}]}`

// TestSoak runs cycles of create → compile → fit one batch → predict →
// dispose in one instance and checks that nothing is left behind: linear
// memory stops growing after the first half (warm-up), and every handle
// issued is unknown at the end (handles are issued in order and never
// reused, so 1 … the last one is the whole table).
func TestSoak(t *testing.T) {
	cycles := soakCycles(t)
	e := newEngine(t)
	xs, ys := make([]float32, 16*32), make([]float32, 16*4)
	for i := range xs {
		xs[i] = float32(i%11) / 11
	}
	for i := range 16 {
		ys[i*4+i%4] = 1
	}
	pages := func() int { return int(e.Module().Memory().Size() / 65536) }

	every := max(cycles/soakSamples, 1)
	var curve []soakSample
	var last int32
	start := time.Now()
	for i := range cycles {
		last = soakCycle(t, e, i, xs, ys)
		if (i+1)%every == 0 || i == 0 || i == cycles-1 {
			curve = append(curve, soakSample{i + 1, pages(), time.Since(start)})
		}
	}
	t.Logf("%d cycles in %v (%v a cycle); memory (cycle → pages of 64 KiB):\n%s",
		cycles, time.Since(start).Round(time.Millisecond), (time.Since(start) / time.Duration(cycles)).Round(time.Microsecond), soakTable(curve))

	// Flat after warm-up: the largest size of the second half is at most
	// the size at the middle plus the tolerance.
	mid := curve[0]
	for _, s := range curve {
		if s.cycle <= cycles/2 {
			mid = s
		}
	}
	for _, s := range curve {
		if s.cycle > cycles/2 {
			assert.LessOrEqual(t, s.pages, mid.pages+soakTolerance,
				"linear memory grew from %d pages at cycle %d to %d at cycle %d", mid.pages, mid.cycle, s.pages, s.cycle)
		}
	}

	// The handle table is empty.
	for h := int32(1); h <= last; h++ {
		_, err := e.Info(h)
		requireUnknown(t, err, h)
		_, err = e.TensorShape(h)
		requireUnknown(t, err, h)
	}
	t.Logf("handles 1 … %d all disposed", last)
}

// soakCycle makes, trains and disposes one model; it returns the last
// handle it was given.
func soakCycle(t *testing.T, e *harness.Engine, i int, xs, ys []float32) int32 {
	m, err := e.CreateModel(fmt.Sprintf(soakSpec, i))
	require.NoError(t, err)
	require.NoError(t, e.Compile(m, compileAdam))
	x, err := e.CreateTensor(xs, 16, 32)
	require.NoError(t, err)
	y, err := e.CreateTensor(ys, 16, 4)
	require.NoError(t, err)
	require.NoError(t, e.FitBegin(m, x, y, `{"batch_size": 16}`))
	p, err := e.FitStep(m, 1)
	require.NoError(t, err)
	require.True(t, p.Done, "cycle %d: one batch is the whole fit", i)
	out, err := e.Predict(m, x, 0)
	require.NoError(t, err)
	shape, err := e.TensorShape(out)
	require.NoError(t, err)
	require.Equal(t, []int{16, 4}, shape)
	for _, h := range []int32{out, y, x, m} {
		require.NoError(t, e.Dispose(h))
	}
	return max(m, x, y, out)
}

func requireUnknown(t *testing.T, err error, h int32) {
	t.Helper()
	he, ok := err.(*harness.Error)
	require.True(t, ok, "handle %d: %v", h, err)
	require.Equal(t, int32(harness.UnknownHandle), he.Code, "handle %d: %s", h, he.Message)
	require.Contains(t, he.Message, "disposed", "handle %d", h)
}

type soakSample struct {
	cycle, pages int
	elapsed      time.Duration
}

// soakTable is the curve as a Markdown table.
func soakTable(curve []soakSample) string {
	var b strings.Builder
	b.WriteString("| cycle | pages | MiB | elapsed |\n|---:|---:|---:|---:|\n")
	for _, s := range curve {
		fmt.Fprintf(&b, "| %d | %d | %.1f | %v |\n", s.cycle, s.pages, float64(s.pages)/16, s.elapsed.Round(time.Millisecond))
	}
	return b.String()
}
