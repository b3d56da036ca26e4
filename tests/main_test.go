// Package tests holds gonn's tests across the wasm boundary: the engine
// module built once, loaded into wazero (tests/harness) and driven through
// docs/abi.md.
package tests

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"gonn/tests/harness"

	"github.com/stretchr/testify/require"
)

// engineDir holds the engine built for this run.
var engineDir string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	engineDir, err = os.MkdirTemp("", "gonn-engine-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(engineDir)
	code := m.Run()
	if rt, err := setup(); err == nil {
		rt.Close(context.Background())
	}
	return code
}

// engine is the engine module, built and compiled once for all tests.
type engine struct {
	path               string
	rt                 *harness.Runtime
	buildTime, compile time.Duration
}

// setup builds the engine and compiles it, once, with the compilation
// cache. It runs inside the first test rather than in TestMain so that go
// test records the sources BuildEngine looks at and a cached pass cannot
// outlive an edit of wasm/ or nn/.
var setup = sync.OnceValues(func() (*harness.Runtime, error) {
	start := time.Now()
	path, err := harness.BuildEngine(engineDir)
	if err != nil {
		return nil, err
	}
	built.path, built.buildTime = path, time.Since(start)
	cache, err := harness.CacheDir()
	if err != nil {
		return nil, err
	}
	rt, err := harness.NewRuntime(context.Background(), path, cache)
	if err != nil {
		return nil, err
	}
	built.rt, built.compile = rt, rt.CompileTime
	return rt, nil
})

var built engine

// runtime returns the shared runtime, building the engine on first use.
func runtime(t testing.TB) *harness.Runtime {
	t.Helper()
	rt, err := setup()
	require.NoError(t, err)
	return rt
}

// newEngine makes a fresh engine instance for one test, its output going to
// the test log.
func newEngine(t testing.TB) *harness.Engine {
	t.Helper()
	e, err := runtime(t).Instantiate(context.Background(), logWriter{t})
	require.NoError(t, err)
	t.Cleanup(func() { e.Close() })
	return e
}

// logWriter sends the engine's stdout and stderr to the test log.
type logWriter struct{ t testing.TB }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Logf("engine: %s", p)
	return len(p), nil
}
