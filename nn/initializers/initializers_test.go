package initializers

import (
	"encoding/json"
	"math"
	"testing"

	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stats returns the mean and the standard deviation of t's values.
func stats(t *tensor.Tensor) (mean, std float64) {
	for _, v := range t.Data {
		mean += float64(v)
	}
	mean /= float64(t.Size())
	for _, v := range t.Data {
		d := float64(v) - mean
		std += d * d
	}
	return mean, math.Sqrt(std / float64(t.Size()))
}

func TestFans(t *testing.T) {
	tests := []struct {
		shape         []int
		fanIn, fanOut int
	}{
		{nil, 1, 1},
		{[]int{7}, 7, 7},
		{[]int{784, 512}, 784, 512},
		{[]int{3, 3, 1, 32}, 9, 288}, // Conv2D kernel
		{[]int{5, 8, 16}, 40, 80},    // Conv1D kernel
	}
	for _, tt := range tests {
		in, out := Fans(tt.shape)
		assert.Equal(t, []int{tt.fanIn, tt.fanOut}, []int{in, out}, "shape %v", tt.shape)
	}
}

// TestInitializer_Distribution draws 60 000 values from each random
// initializer and checks the mean, the deviation and the range.
func TestInitializer_Distribution(t *testing.T) {
	const fanIn, fanOut = 200, 300
	shape := []int{fanIn, fanOut}
	n := float64(fanIn * fanOut)
	tests := []struct {
		name   string
		init   Initializer
		mean   float64
		std    float64 // the values' own deviation
		lo, hi float64 // every value lies in [lo, hi]
	}{
		{"random_normal", RandomNormal{Mean: 1, Stddev: 0.05}, 1, 0.05, math.Inf(-1), math.Inf(1)},
		{"truncated_normal", TruncatedNormal{Mean: -1, Stddev: 0.05}, -1, 0.05 * truncatedStd, -1.1, -0.9},
		{"random_uniform", RandomUniform{Minval: -0.05, Maxval: 0.15}, 0.05, 0.2 / math.Sqrt(12), -0.05, 0.15},
		{"glorot_uniform", GlorotUniform{}, 0, math.Sqrt(2. / 500), -math.Sqrt(6. / 500), math.Sqrt(6. / 500)},
		{"glorot_normal", GlorotNormal{}, 0, math.Sqrt(2. / 500), -2 * math.Sqrt(2./500) / truncatedStd, 2 * math.Sqrt(2./500) / truncatedStd},
		{"he_normal", HeNormal{}, 0, math.Sqrt(2. / fanIn), -2 * math.Sqrt(2./fanIn) / truncatedStd, 2 * math.Sqrt(2./fanIn) / truncatedStd},
		{"he_uniform", HeUniform{}, 0, math.Sqrt(2. / fanIn), -math.Sqrt(6. / fanIn), math.Sqrt(6. / fanIn)},
		{"lecun_normal", LecunNormal{}, 0, math.Sqrt(1. / fanIn), -2 * math.Sqrt(1./fanIn) / truncatedStd, 2 * math.Sqrt(1./fanIn) / truncatedStd},
		{"lecun_uniform", LecunUniform{}, 0, math.Sqrt(1. / fanIn), -math.Sqrt(3. / fanIn), math.Sqrt(3. / fanIn)},
		{"variance_scaling fan_out untruncated", VarianceScaling{Scale: 3, Mode: "fan_out", Distribution: "untruncated_normal"}, 0, 0.1, math.Inf(-1), math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := tt.init.Init(rng.New(1), shape, fanIn, fanOut)
			require.Equal(t, shape, x.Shape)
			mean, std := stats(x)
			// The sample mean is off by about std/sqrt(n); allow 5 times that.
			assert.InDelta(t, tt.mean, mean, 5*tt.std/math.Sqrt(n), "mean")
			assert.InEpsilon(t, tt.std, std, 0.02, "standard deviation")
			for i, v := range x.Data {
				f := float64(v)
				require.True(t, f >= float64(float32(tt.lo)) && f <= float64(float32(tt.hi)),
					"element %d = %g outside [%g, %g]", i, f, tt.lo, tt.hi)
			}
		})
	}
}

func TestInitializer_Constants(t *testing.T) {
	tests := []struct {
		init Initializer
		want []float32
	}{
		{Zeros{}, []float32{0, 0, 0, 0, 0, 0}},
		{Ones{}, []float32{1, 1, 1, 1, 1, 1}},
		{Constant{Value: 2.5}, []float32{2.5, 2.5, 2.5, 2.5, 2.5, 2.5}},
		{Identity{Gain: 1}, []float32{1, 0, 0, 0, 1, 0}},
		{Identity{Gain: 3}, []float32{3, 0, 0, 0, 3, 0}},
	}
	for _, tt := range tests {
		x := tt.init.Init(nil, []int{2, 3}, 2, 3)
		assert.Equal(t, []int{2, 3}, x.Shape, tt.init.Name())
		assert.Equal(t, tt.want, x.Data, tt.init.Name())
	}
	assert.Equal(t, []float32{1, 0, 0, 1, 0, 0}, Identity{Gain: 1}.Init(nil, []int{3, 2}, 3, 2).Data)
	assert.Panics(t, func() { Identity{Gain: 1}.Init(nil, []int{3}, 3, 3) })
}

func TestOrthogonal(t *testing.T) {
	shapes := [][]int{{6, 6}, {8, 3}, {3, 8}, {3, 3, 2, 4}, {1, 1}, {1, 5}, {64, 64}}
	for _, shape := range shapes {
		x := Orthogonal{Gain: 2}.Init(rng.New(3), shape, 0, 0)
		require.Equal(t, shape, x.Shape)
		cols := shape[len(shape)-1]
		rows := x.Size() / cols
		// Q has orthonormal columns when rows ≥ cols, orthonormal rows
		// otherwise: check the Gram matrix of the shorter side, divided by
		// gain² = 4.
		n, at := cols, func(i, k int) float64 { return float64(x.Data[k*cols+i]) }
		if rows < cols {
			n, at = rows, func(i, k int) float64 { return float64(x.Data[i*cols+k]) }
		}
		for i := range n {
			for j := range n {
				g := 0.0
				for k := range max(rows, cols) {
					g += at(i, k) * at(j, k)
				}
				want := 0.0
				if i == j {
					want = 1
				}
				require.InDelta(t, want, g/4, 1e-5, "shape %v: Gram[%d][%d]", shape, i, j)
			}
		}
	}
	assert.Panics(t, func() { Orthogonal{Gain: 1}.Init(rng.New(1), []int{5}, 5, 5) })
}

// TestOrthogonal_PositiveR checks the sign convention: Qᵀ·A, where A is the
// normal matrix Orthogonal drew, is R, upper triangular with a positive
// diagonal.
func TestOrthogonal_PositiveR(t *testing.T) {
	const m, n = 7, 4
	q := Orthogonal{Gain: 1}.Init(rng.New(5), []int{m, n}, 0, 0)
	r := rng.New(5)
	a := make([]float64, m*n)
	for i := range a {
		a[i] = r.Normal()
	}
	for i := range n {
		for j := range n {
			s := 0.0
			for k := range m {
				s += float64(q.Data[k*n+i]) * a[k*n+j]
			}
			switch {
			case i == j:
				assert.Greater(t, s, 0.0, "R[%d][%d]", i, j)
			case i > j:
				assert.InDelta(t, 0, s, 1e-5, "R[%d][%d]", i, j)
			}
		}
	}
}

// TestInitializer_Deterministic: the same seed gives the same bits, another
// seed other values, and a Seed ignores the caller's generator.
func TestInitializer_Deterministic(t *testing.T) {
	seed := int64(9)
	for _, init := range []Initializer{
		RandomNormal{Stddev: 1}, RandomUniform{Minval: -1, Maxval: 1}, TruncatedNormal{Stddev: 1},
		GlorotUniform{}, GlorotNormal{}, HeNormal{}, HeUniform{}, LecunNormal{}, LecunUniform{},
		Orthogonal{Gain: 1},
	} {
		a := init.Init(rng.New(4), []int{5, 7}, 5, 7)
		b := init.Init(rng.New(4), []int{5, 7}, 5, 7)
		c := init.Init(rng.New(5), []int{5, 7}, 5, 7)
		assert.Equal(t, a.Data, b.Data, init.Name())
		assert.NotEqual(t, a.Data, c.Data, init.Name())
	}
	seeded := RandomNormal{Stddev: 1, Seed: &seed}
	assert.Equal(t, seeded.Init(rng.New(1), []int{9}, 0, 0).Data, seeded.Init(rng.New(2), []int{9}, 0, 0).Data)
	assert.Equal(t, seeded.Init(nil, []int{9}, 0, 0).Data, RandomNormal{Stddev: 1}.Init(rng.New(9), []int{9}, 0, 0).Data)
}

// TestInitializer_Golden pins the first values of two initializers for
// seed 42. They are part of gonn's contract (every platform must give these
// bits); a change here changes every model's initial weights.
func TestInitializer_Golden(t *testing.T) {
	bits := func(x *tensor.Tensor) []uint32 {
		b := make([]uint32, len(x.Data))
		for i, v := range x.Data {
			b[i] = math.Float32bits(v)
		}
		return b
	}
	assert.Equal(t, goldenGlorot, bits(GlorotUniform{}.Init(rng.New(42), []int{2, 3}, 2, 3)))
	assert.Equal(t, goldenHe, bits(HeNormal{}.Init(rng.New(42), []int{2, 3}, 2, 3)))
	assert.Equal(t, goldenOrthogonal, bits(Orthogonal{Gain: 1}.Init(rng.New(42), []int{3, 3}, 3, 3)))
}

var (
	goldenGlorot     = []uint32{0xbdce5378, 0x3f848e02, 0x3ef5ce06, 0xbead712f, 0x3f3dc7c6, 0x3f79773b}
	goldenHe         = []uint32{0xbd4c9c66, 0x3fbbae3c, 0xbfc5db28, 0xbedb6772, 0x3f360d3c, 0x3ff5930a}
	goldenOrthogonal = []uint32{
		0xbd308795, 0x3f72b811, 0xbea14456,
		0xbebd4ae3, 0x3e8e3564, 0x3f62fc34,
		0x3f6d9b00, 0x3e1e6007, 0x3ead57e4,
	}
)

func TestGet(t *testing.T) {
	tests := []struct {
		name string
		want Initializer
	}{
		{"zeros", Zeros{}},
		{"zero", Zeros{}},
		{"Zeros", Zeros{}},
		{"ones", Ones{}},
		{"constant", Constant{Value: 0}},
		{"random_normal", RandomNormal{Mean: 0, Stddev: 0.05}},
		{"RandomNormal", RandomNormal{Mean: 0, Stddev: 0.05}},
		{"randomNormal", RandomNormal{Mean: 0, Stddev: 0.05}},
		{"normal", RandomNormal{Mean: 0, Stddev: 0.05}},
		{"random_uniform", RandomUniform{Minval: -0.05, Maxval: 0.05}},
		{"uniform", RandomUniform{Minval: -0.05, Maxval: 0.05}},
		{"truncated_normal", TruncatedNormal{Mean: 0, Stddev: 0.05}},
		{"glorot_uniform", GlorotUniform{}},
		{"GlorotUniform", GlorotUniform{}},
		{"glorotUniform", GlorotUniform{}},
		{"glorot_normal", GlorotNormal{}},
		{"he_normal", HeNormal{}},
		{"he_uniform", HeUniform{}},
		{"lecun_normal", LecunNormal{}},
		{"leCunNormal", LecunNormal{}},
		{"lecun_uniform", LecunUniform{}},
		{"orthogonal", Orthogonal{Gain: 1}},
		{"OrthogonalInitializer", Orthogonal{Gain: 1}},
		{"identity", Identity{Gain: 1}},
		{"variance_scaling", VarianceScaling{Scale: 1, Mode: "fan_in", Distribution: "truncated_normal"}},
	}
	for _, tt := range tests {
		got, err := Get(tt.name)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, got, tt.name)
	}
	for _, bad := range []string{"", "glorot", "xavier_uniform", "relu"} {
		_, err := Get(bad)
		assert.ErrorContains(t, err, "unknown initializer", bad)
	}
}

func TestFromConfig(t *testing.T) {
	seed := int64(3)
	tests := []struct {
		json string
		want Initializer
	}{
		{`"he_normal"`, HeNormal{}},
		{`{"class_name": "RandomNormal", "config": {"mean": 1, "stddev": 0.5}}`, RandomNormal{Mean: 1, Stddev: 0.5}},
		{`{"class_name": "RandomNormal", "config": {"stddev": 0.5}}`, RandomNormal{Mean: 0, Stddev: 0.5}},
		{`{"class_name": "RandomUniform", "config": {"minval": 0, "maxval": 1, "seed": 3}}`, RandomUniform{Minval: 0, Maxval: 1, Seed: &seed}},
		{`{"class_name": "GlorotUniform", "config": {"seed": null}}`, GlorotUniform{}},
		{`{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}`, GlorotUniform{}},
		{`{"class_name": "Zeros", "config": {}}`, Zeros{}},
		{`{"class_name": "Constant", "config": {"value": 0.1}}`, Constant{Value: 0.1}},
		{`{"class_name": "Orthogonal", "config": {"gain": 2, "seed": null}}`, Orthogonal{Gain: 2}},
		{`{"class_name": "VarianceScaling", "config": {"scale": 2, "mode": "fan_avg", "distribution": "uniform", "seed": null}}`,
			VarianceScaling{Scale: 2, Mode: "fan_avg", Distribution: "uniform"}},
		{`{"class_name": "TruncatedNormal"}`, TruncatedNormal{Stddev: 0.05}},
	}
	for _, tt := range tests {
		got, err := FromConfig(json.RawMessage(tt.json))
		require.NoError(t, err, tt.json)
		assert.Equal(t, tt.want, got, tt.json)
	}
	bad := []struct{ json, msg string }{
		{`"nope"`, "unknown initializer"},
		{`{"class_name": "Nope", "config": {}}`, "unknown initializer"},
		{`{"config": {}}`, "no class_name"},
		{`{"class_name": "RandomNormal", "config": {"stdev": 1}}`, `unknown field "stdev"`},
		{`{"class_name": "RandomNormal", "config": {"stddev": "big"}}`, "RandomNormal"},
		{`{"class_name": "RandomUniform", "config": {"minval": 1, "maxval": 0}}`, "above maxval"},
		{`{"class_name": "VarianceScaling", "config": {"mode": "fan"}}`, "mode"},
		{`{"class_name": "VarianceScaling", "config": {"scale": 0}}`, "scale"},
		{`null`, "want a name"},
		{`3`, "want a name"},
		{``, "want a name"},
	}
	for _, tt := range bad {
		_, err := FromConfig(json.RawMessage(tt.json))
		assert.ErrorContains(t, err, tt.msg, tt.json)
	}
}

// TestSerialize_RoundTrip: Serialize writes what FromConfig reads back.
func TestSerialize_RoundTrip(t *testing.T) {
	seed := int64(-4)
	for _, init := range []Initializer{
		Zeros{}, Ones{}, Constant{Value: 3}, Identity{Gain: 2},
		RandomNormal{Mean: 1, Stddev: 2, Seed: &seed}, RandomUniform{Minval: -1, Maxval: 2},
		TruncatedNormal{Mean: 0, Stddev: 0.1}, VarianceScaling{Scale: 2, Mode: "fan_out", Distribution: "uniform"},
		GlorotUniform{}, GlorotNormal{Seed: &seed}, HeNormal{}, HeUniform{}, LecunNormal{}, LecunUniform{},
		Orthogonal{Gain: 0.5},
	} {
		b, err := json.Marshal(Serialize(init))
		require.NoError(t, err)
		got, err := FromConfig(b)
		require.NoError(t, err, string(b))
		assert.Equal(t, init, got, string(b))
	}
	assert.Equal(t, map[string]any{"class_name": "GlorotUniform", "config": map[string]any{"seed": nil}}, Serialize(GlorotUniform{}))
}
