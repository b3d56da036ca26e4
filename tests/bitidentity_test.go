package tests

import (
	"testing"
	"time"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mlpSpec is the bit-identity test's model.
const mlpSpec = harness.ReferenceSpec

// smallMLPSpec is nn's TestDeterminism_WeightHash net (smallMLP) as a spec.
const smallMLPSpec = `{"seed": 42, "layers": [
	{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 784]}},
	{"class_name": "Dense", "config": {"units": 64, "activation": "relu"}},
	{"class_name": "Dropout", "config": {"rate": 0.2}},
	{"class_name": "Dense", "config": {"units": 32, "activation": "tanh"}},
	{"class_name": "Dense", "config": {"units": 10, "activation": "softmax"}}]}`

// TestBitIdentity_WazeroMatchesNative trains the same model from the same
// spec and seed on the first 640 MNIST images, 20 batches of 32 with Adam,
// in wazero (with the SIMD kernels, and with the engine's Go loops) and
// natively, and compares the FNV-64a hashes of all weights.
func TestBitIdentity_WazeroMatchesNative(t *testing.T) {
	x, y := mnistXY(t, 640)
	for _, tc := range []struct{ name, spec string }{{"mlp", mlpSpec}, {"nn smallMLP", smallMLPSpec}} {
		native := nativeHash(t, tc.spec, x, y)
		for _, host := range []struct {
			name string
			opts []harness.InstanceOption
		}{{"kernels", nil}, {"go loops", []harness.InstanceOption{harness.WithoutKernels()}}} {
			t.Run(tc.name+"/"+host.name, func(t *testing.T) {
				e := newEngineWith(t, host.opts...)
				m, err := e.CreateModel(tc.spec)
				require.NoError(t, err)
				require.NoError(t, e.Compile(m, `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`))
				xh, err := e.CreateTensor(x, 640, 784)
				require.NoError(t, err)
				yh, err := e.CreateTensor(y, 640, 10)
				require.NoError(t, err)
				before, err := e.WeightsHash(m)
				require.NoError(t, err)
				require.NoError(t, e.FitBegin(m, xh, yh, `{"epochs": 1, "batch_size": 32}`))
				start := time.Now()
				p, err := e.FitStep(m, 20)
				require.NoError(t, err)
				t.Logf("wazero: 20 batches in %v", time.Since(start))
				assert.True(t, p.Done)
				assert.Equal(t, []int{0}, p.History.Epoch)
				wasm, err := e.WeightsHash(m)
				require.NoError(t, err)
				assert.NotEqual(t, before, wasm, "training changed nothing")
				assert.Equal(t, native, wasm, "wazero and native weights differ")
				t.Logf("hash %s", wasm)
			})
		}
	}
}

// nativeHash is harness.NativeHash, timed in the log.
func nativeHash(t *testing.T, spec string, x, y []float32) string {
	start := time.Now()
	h, err := harness.NativeHash(spec, x, y)
	require.NoError(t, err)
	t.Logf("native: %d batches in %v", len(x)/784/32, time.Since(start))
	return h
}
