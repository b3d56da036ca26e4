package activations_test

import (
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/layers/activations"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xs avoids every kink (0 for relu-like functions, 6 for relu6) by more than
// the finite-difference step.
var xs = []float32{-3, -1.5, -0.4, 0.3, 0.9, 2.5, 7}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
func elu(x float64) float64 {
	if x > 0 {
		return x
	}
	return math.Expm1(x)
}
func softplus(x float64) float64 { return math.Log1p(math.Exp(x)) }

// TestActivation checks each elementwise activation against its formula in
// float64 and its gradient by finite differences.
func TestActivation(t *testing.T) {
	tests := []struct {
		name string
		want func(x float64) float64
	}{
		{"linear", func(x float64) float64 { return x }},
		{"", func(x float64) float64 { return x }},
		{"relu", func(x float64) float64 { return math.Max(x, 0) }},
		{"sigmoid", sigmoid},
		{"tanh", math.Tanh},
		{"exponential", math.Exp},
		{"elu", elu},
		{"selu", func(x float64) float64 {
			if x > 0 {
				return 1.0507009873554805 * x
			}
			return 1.0507009873554805 * 1.6732632423543772 * math.Expm1(x)
		}},
		{"softplus", softplus},
		{"softsign", func(x float64) float64 { return x / (1 + math.Abs(x)) }},
		{"swish", func(x float64) float64 { return x * sigmoid(x) }},
		{"silu", func(x float64) float64 { return x * sigmoid(x) }},
		{"mish", func(x float64) float64 { return x * math.Tanh(softplus(x)) }},
		{"relu6", func(x float64) float64 { return math.Min(math.Max(x, 0), 6) }},
		{"leaky_relu", func(x float64) float64 { return math.Max(x, 0.2*x) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := activations.Get(tt.name)
			require.NoError(t, err)
			x := tensor.From(append([]float32{}, xs...), 1, len(xs))
			y := f(ag.Const(x))
			require.Equal(t, x.Shape, y.Shape())
			for i, v := range xs {
				want := tt.want(float64(v))
				assert.InDelta(t, want, y.Data()[i], 2e-6*math.Max(1, math.Abs(want)), "x = %g", v)
			}
			agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var { return f(in[0]) }, x)
		})
	}
}

func TestSoftmax(t *testing.T) {
	x := tensor.From([]float32{1, 2, 3, -1, 0, 1}, 2, 3)
	y := activations.Softmax(ag.Const(x))
	assert.Equal(t, "softmax", y.Op(), "losses recognise softmax by its op")
	e := []float64{math.Exp(-2), math.Exp(-1), 1}
	s := e[0] + e[1] + e[2]
	for row := range 2 {
		for k := range 3 {
			assert.InDelta(t, e[k]/s, y.Data()[row*3+k], 1e-6)
		}
	}
	ls := activations.LogSoftmax(ag.Const(x))
	for k := range 3 {
		assert.InDelta(t, math.Log(e[k]/s), ls.Data()[k], 1e-6)
	}
	for _, f := range []activations.Func{activations.Softmax, activations.LogSoftmax} {
		agtest.CheckGrad(t, agtest.Default, func(in []*ag.Var) *ag.Var { return f(in[0]) }, x)
	}
	assert.Equal(t, "sigmoid", activations.Sigmoid(ag.Const(x)).Op())
}

func TestGet_Unknown(t *testing.T) {
	for _, name := range []string{"Relu", "rectifier", "gelu", "None"} {
		_, err := activations.Get(name)
		assert.ErrorContains(t, err, "unknown activation", name)
	}
}
