package tests

import (
	"context"
	"os"
	"testing"
	"time"

	"gonn/tests/harness"

	"github.com/stretchr/testify/require"
)

// TestWazero_Timings reports what the engine costs under wazero: the build,
// compiling the module cold (no cache) and from the compilation cache,
// instantiating, and its size. It checks nothing but that each step works.
func TestWazero_Timings(t *testing.T) {
	runtime(t)
	st, err := os.Stat(built.path)
	require.NoError(t, err)
	t.Logf("engine.wasm: %d bytes; build %v; compile (this run, cache at %s) %v",
		st.Size(), built.buildTime.Round(time.Millisecond), mustCacheDir(t), built.compile.Round(time.Millisecond))

	start := time.Now()
	e := newEngine(t)
	t.Logf("instantiate + _initialize: %v", time.Since(start).Round(time.Microsecond))
	_, err = e.Version()
	require.NoError(t, err)

	if testing.Short() {
		t.Skip("cold compile skipped in -short")
	}
	ctx := context.Background()
	cold, err := harness.NewRuntime(ctx, built.path, "")
	require.NoError(t, err)
	defer cold.Close(ctx)
	warm, err := harness.NewRuntime(ctx, built.path, mustCacheDir(t))
	require.NoError(t, err)
	defer warm.Close(ctx)
	t.Logf("compile cold (no cache): %v; from the cache: %v",
		cold.CompileTime.Round(time.Millisecond), warm.CompileTime.Round(time.Millisecond))
}

func mustCacheDir(t testing.TB) string {
	dir, err := harness.CacheDir()
	require.NoError(t, err)
	return dir
}
