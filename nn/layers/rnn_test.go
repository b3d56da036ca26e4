package layers_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/initializers"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kinds are the recurrent layers under test; "GRU-before" is GRU with
// reset_after false.
var kinds = []string{"SimpleRNN", "LSTM", "GRU", "GRU-before"}

// newRecurrent makes a layer of the given kind with Keras' defaults and the
// given options.
func newRecurrent(kind string, units int, opts layers.RNNOptions, useBias bool) layers.Recurrent {
	switch kind {
	case "SimpleRNN":
		c := layers.DefaultSimpleRNNConfig()
		c.Units, c.RNNOptions, c.UseBias = units, opts, useBias
		return layers.NewSimpleRNNWith(c)
	case "LSTM":
		c := layers.DefaultLSTMConfig()
		c.Units, c.RNNOptions, c.UseBias = units, opts, useBias
		return layers.NewLSTMWith(c)
	case "GRU", "GRU-before":
		c := layers.DefaultGRUConfig()
		c.Units, c.RNNOptions, c.UseBias = units, opts, useBias
		c.ResetAfter = kind == "GRU"
		return layers.NewGRUWith(c)
	}
	panic(kind)
}

// randomize sets every weight of l to values uniform in [-0.5, 0.5), so
// that no gate is idle and biases are not 0.
func randomize(l layers.Layer, seed uint64) {
	for i, w := range l.Weights() {
		copy(w.Data(), agtest.Rand(seed+uint64(i), -0.5, 0.5, w.Shape()...).Data)
	}
}

// padMask is a (batch, steps) mask of 1s with the given (example, step)
// entries 0.
func padMask(batch, steps int, masked ...[2]int) *tensor.Tensor {
	m := tensor.Full(1, batch, steps)
	for _, bt := range masked {
		m.Set(0, bt[0], bt[1])
	}
	return m
}

func TestRecurrent_Shapes(t *testing.T) {
	tests := []struct {
		opts   layers.RNNOptions
		output []int // one example
	}{
		{layers.RNNOptions{}, []int{3}},
		{layers.RNNOptions{ReturnSequences: true}, []int{4, 3}},
		{layers.RNNOptions{ReturnState: true}, []int{3}},
		{layers.RNNOptions{ReturnSequences: true, ReturnState: true}, []int{4, 3}},
		{layers.RNNOptions{GoBackwards: true}, []int{3}},
		{layers.RNNOptions{GoBackwards: true, ReturnSequences: true, ReturnState: true}, []int{4, 3}},
	}
	wantStates := map[string]int{"SimpleRNN": 1, "LSTM": 2, "GRU": 1, "GRU-before": 1}
	for _, kind := range kinds {
		for _, tt := range tests {
			name := fmt.Sprintf("%s %+v", kind, tt.opts)
			l := newRecurrent(kind, 3, tt.opts, true)
			assert.Equal(t, tt.output, build(t, l, 4, 5), name)
			x := ag.Const(data(2, 4, 5))
			assert.Equal(t, append([]int{2}, tt.output...), l.Call(inference(), x).Shape(), name)
			out, states := l.CallWithState(inference(), x, nil, nil)
			assert.Equal(t, append([]int{2}, tt.output...), out.Shape(), name)
			require.Len(t, states, wantStates[kind], name)
			assert.Equal(t, []int{3}, l.StateSize()[:1], name)
			for _, s := range states {
				assert.Equal(t, []int{2, 3}, s.Shape(), name)
			}
			// Other sequence lengths work too, as in Keras.
			assert.Equal(t, 2, l.Call(inference(), ag.Const(data(2, 7, 5))).Shape()[0], name)
		}
	}
}

func TestRecurrent_WeightShapes(t *testing.T) {
	tests := []struct {
		kind  string
		names []string
		want  [][]int // in 5, units 3
	}{
		{"SimpleRNN", []string{"simple_rnn_cell/kernel", "simple_rnn_cell/recurrent_kernel", "simple_rnn_cell/bias"}, [][]int{{5, 3}, {3, 3}, {3}}},
		{"LSTM", []string{"lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias"}, [][]int{{5, 12}, {3, 12}, {12}}},
		{"GRU", []string{"gru_cell/kernel", "gru_cell/recurrent_kernel", "gru_cell/bias"}, [][]int{{5, 9}, {3, 9}, {2, 9}}},
		{"GRU-before", []string{"gru_cell/kernel", "gru_cell/recurrent_kernel", "gru_cell/bias"}, [][]int{{5, 9}, {3, 9}, {9}}},
	}
	for _, tt := range tests {
		l := newRecurrent(tt.kind, 3, layers.RNNOptions{}, true)
		l.SetName("rnn")
		build(t, l, 4, 5)
		require.Len(t, l.Weights(), 3, tt.kind)
		for i, w := range l.Weights() {
			assert.Equal(t, tt.want[i], w.Shape(), tt.kind)
			assert.Equal(t, "rnn/"+tt.names[i], w.Name, tt.kind)
		}
		nb := newRecurrent(tt.kind, 3, layers.RNNOptions{}, false)
		build(t, nb, 4, 5)
		assert.Len(t, nb.Weights(), 2, "%s without bias", tt.kind)
	}
}

// TestRecurrent_Forward checks the unrolled graph against refRNN, the
// float64 reference written from Keras' equations, on small random weights.
func TestRecurrent_Forward(t *testing.T) {
	const batch, steps, in, units = 3, 4, 3, 2
	x := agtest.Rand(11, -1, 1, batch, steps, in)
	mask := padMask(batch, steps, [2]int{0, 3}, [2]int{1, 0}, [2]int{1, 2}, [2]int{2, 0}, [2]int{2, 1})
	h0 := []*tensor.Tensor{agtest.Rand(12, -1, 1, batch, units), agtest.Rand(13, -1, 1, batch, units)}
	tests := []struct {
		name    string
		opts    layers.RNNOptions
		noBias  bool
		mask    bool
		initial bool
	}{
		{name: "last output"},
		{name: "sequences", opts: layers.RNNOptions{ReturnSequences: true}},
		{name: "no bias", opts: layers.RNNOptions{ReturnSequences: true}, noBias: true},
		{name: "backwards", opts: layers.RNNOptions{GoBackwards: true}},
		{name: "backwards sequences", opts: layers.RNNOptions{GoBackwards: true, ReturnSequences: true}},
		{name: "masked", mask: true},
		{name: "masked sequences", opts: layers.RNNOptions{ReturnSequences: true}, mask: true},
		{name: "masked backwards", opts: layers.RNNOptions{ReturnSequences: true, GoBackwards: true}, mask: true},
		{name: "masked zero output", opts: layers.RNNOptions{ReturnSequences: true, ZeroOutputForMask: true}, mask: true},
		{name: "initial state", opts: layers.RNNOptions{ReturnSequences: true}, initial: true},
		{name: "initial state masked", opts: layers.RNNOptions{ReturnSequences: true}, mask: true, initial: true},
	}
	for _, kind := range kinds {
		for _, tt := range tests {
			name := kind + " " + tt.name
			l := newRecurrent(kind, units, tt.opts, !tt.noBias)
			build(t, l, steps, in)
			randomize(l, 3)
			var m *tensor.Tensor
			if tt.mask {
				m = mask
			}
			var init []*ag.Var
			var init64 [][]float64
			if tt.initial {
				for _, s := range h0[:len(l.StateSize())] {
					init = append(init, ag.Const(s))
					init64 = append(init64, f64(s.Data))
				}
			}
			out, states := l.CallWithState(inference(), ag.Const(x), m, init)
			var m64 []float64
			if m != nil {
				m64 = f64(m.Data)
			}
			seq, last, wantStates := newRef(kind, l, in, units).run(f64(x.Data), batch, steps, m64, init64)
			want := last
			if tt.opts.ReturnSequences {
				want = seq
			}
			assertClose(t, want, out.Data(), 1e-5, name+": output")
			require.Len(t, states, len(wantStates), name)
			for i := range states {
				assertClose(t, wantStates[i], states[i].Data(), 1e-5, fmt.Sprintf("%s: state %d", name, i))
			}
		}
	}
}

// assertClose reports the first index where got and want differ by more
// than tol.
func assertClose(t *testing.T, want []float64, got []float32, tol float64, msg string) {
	t.Helper()
	require.Len(t, got, len(want), msg)
	for i := range want {
		if math.Abs(want[i]-float64(got[i])) > tol {
			assert.Failf(t, "values differ", "%s: index %d: got %g, want %g", msg, i, got[i], want[i])
			return
		}
	}
}

// TestRecurrent_Grad checks backpropagation through time by finite
// differences, with respect to the input and every weight (and the initial
// states), for each layer and option.
func TestRecurrent_Grad(t *testing.T) {
	const batch, steps, in, units = 2, 4, 3, 2
	mask := padMask(batch, steps, [2]int{0, 1}, [2]int{1, 3})
	tests := []struct {
		name    string
		opts    layers.RNNOptions
		mask    bool
		initial bool
	}{
		{name: "last output"},
		{name: "sequences", opts: layers.RNNOptions{ReturnSequences: true}},
		{name: "backwards", opts: layers.RNNOptions{GoBackwards: true, ReturnSequences: true}},
		{name: "masked", mask: true},
		{name: "masked sequences", opts: layers.RNNOptions{ReturnSequences: true}, mask: true},
		{name: "initial state", opts: layers.RNNOptions{ReturnSequences: true}, mask: true, initial: true},
	}
	for _, kind := range kinds {
		for _, tt := range tests {
			t.Run(kind+" "+tt.name, func(t *testing.T) {
				l := newRecurrent(kind, units, tt.opts, true)
				build(t, l, steps, in)
				randomize(l, 5)
				inputs := []*tensor.Tensor{agtest.Rand(6, -1, 1, batch, steps, in)}
				nw := len(l.Weights())
				for _, w := range l.Weights() {
					inputs = append(inputs, w.Value)
				}
				if tt.initial {
					for i := range l.StateSize() {
						inputs = append(inputs, agtest.Rand(uint64(20+i), -1, 1, batch, units))
					}
				}
				var m *tensor.Tensor
				if tt.mask {
					m = mask
				}
				agtest.CheckGrad(t, agtest.Default, func(v []*ag.Var) *ag.Var {
					defer layers.SwapRecurrentWeights(l, v[1:1+nw])()
					var init []*ag.Var
					if tt.initial {
						init = v[1+nw:]
					}
					out, states := l.CallWithState(inference(), v[0], m, init)
					// Check the states' gradients too: output and states in one tensor.
					parts := []*ag.Var{ag.Reshape(out, batch, -1)}
					return ag.Concat(1, append(parts, states...)...)
				}, inputs...)
			})
		}
	}
}

// TestRecurrent_MaskedPrefix: a sequence padded at the end, with the padding
// masked, gives the final states and last output of its unpadded prefix,
// whatever the padding holds; with ReturnSequences the padded steps repeat
// the last real output.
func TestRecurrent_MaskedPrefix(t *testing.T) {
	const steps, in, units = 5, 2, 3
	for _, kind := range kinds {
		l := newRecurrent(kind, units, layers.RNNOptions{ReturnSequences: true}, true)
		build(t, l, steps, in)
		randomize(l, 8)
		for n := 1; n <= steps; n++ {
			padded := agtest.Rand(9, -1, 1, 1, steps, in) // padding: random, not 0
			mask := tensor.New(1, steps)
			for s := range n {
				mask.Data[s] = 1
			}
			prefix := tensor.From(padded.Data[:n*in], 1, n, in)
			seqP, statesP := l.CallWithState(inference(), ag.Const(padded), mask, nil)
			seqU, statesU := l.CallWithState(inference(), ag.Const(prefix), nil, nil)
			name := fmt.Sprintf("%s, %d real steps", kind, n)
			for i := range statesU {
				assert.Equal(t, statesU[i].Data(), statesP[i].Data(), name)
			}
			assert.Equal(t, seqU.Data(), seqP.Data()[:n*units], name)
			for s := n; s < steps; s++ {
				assert.Equal(t, seqU.Data()[(n-1)*units:], seqP.Data()[s*units:(s+1)*units], "%s: padded step %d", name, s)
			}
		}
	}
}

// TestRecurrent_MaskProducer: the output carries the mask only with
// ReturnSequences, as Keras' RNN.compute_mask.
func TestRecurrent_MaskProducer(t *testing.T) {
	mask := padMask(1, 3, [2]int{0, 2})
	for _, kind := range kinds {
		seq := newRecurrent(kind, 2, layers.RNNOptions{ReturnSequences: true}, true)
		assert.Same(t, mask, seq.ComputeMask(nil, mask), kind)
		last := newRecurrent(kind, 2, layers.RNNOptions{}, true)
		assert.Nil(t, last.ComputeMask(nil, mask), kind)
	}
}

func TestRecurrent_CallPanics(t *testing.T) {
	for _, kind := range kinds {
		l := newRecurrent(kind, 2, layers.RNNOptions{}, true)
		l.SetName("rnn")
		assert.Panics(t, func() { l.Call(inference(), ag.Const(data(1, 3, 4))) }, "%s: Call before Build", kind)
		build(t, l, 3, 4)
		n := len(l.StateSize())
		for name, fn := range map[string]func(){
			"features":            func() { l.Call(inference(), ag.Const(data(1, 3, 5))) },
			"rank 2":              func() { l.Call(inference(), ag.Const(data(1, 4))) },
			"no steps":            func() { l.Call(inference(), ag.Const(data(1, 0, 4))) },
			"mask shape":          func() { l.CallMasked(inference(), ag.Const(data(2, 3, 4)), tensor.Full(1, 2, 4)) },
			"initial state count": func() { l.CallWithState(inference(), ag.Const(data(2, 3, 4)), nil, make([]*ag.Var, n+1)) },
			"initial state shape": func() {
				init := make([]*ag.Var, n)
				for i := range init {
					init[i] = ag.Const(tensor.New(2, 3))
				}
				l.CallWithState(inference(), ag.Const(data(2, 3, 4)), nil, init)
			},
		} {
			func() {
				defer func() {
					r := recover()
					require.NotNil(t, r, "%s %s: no panic", kind, name)
					err, ok := r.(error)
					require.True(t, ok, "%s %s: panic %v", kind, name, r)
					assert.ErrorIs(t, err, tensor.ErrShape, "%s %s", kind, name)
					assert.Contains(t, err.Error(), `"rnn"`, "%s %s: the message names the layer", kind, name)
				}()
				fn()
			}()
		}
	}
}

func TestRecurrent_BuildErrors(t *testing.T) {
	for _, kind := range kinds {
		tests := []struct {
			shape []int
			want  string
		}{
			{[]int{784}, "(steps, features)"},
			{[]int{28, 28, 1}, "(steps, features)"},
			{[]int{0, 4}, "(steps, features)"},
			{[]int{3, 0}, "(steps, features)"},
		}
		for _, tt := range tests {
			l := newRecurrent(kind, 2, layers.RNNOptions{}, true)
			l.SetName("rnn")
			_, err := l.Build(tt.shape, rng.New(1))
			require.Error(t, err, "%s on %v", kind, tt.shape)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), fmt.Sprintf(`%s "rnn"`, l.ClassName()), "the error names the layer")
		}
	}
	zero := layers.NewLSTM(0)
	_, err := zero.Build([]int{3, 4}, rng.New(1))
	assert.ErrorContains(t, err, "units must be positive")
	cfg := layers.DefaultGRUConfig()
	cfg.Units, cfg.Activation = 2, "nope"
	_, err = layers.NewGRUWith(cfg).Build([]int{3, 4}, rng.New(1))
	assert.ErrorContains(t, err, `unknown activation "nope"`)
}

// TestLSTM_UnitForgetBias: the forget gate's bias block starts at 1, the
// rest from bias_initializer, as Keras' LSTMCell draws it.
func TestLSTM_UnitForgetBias(t *testing.T) {
	l := layers.NewLSTM(3)
	build(t, l, 2, 4)
	assert.Equal(t, []float32{0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}, l.Weights()[2].Data())

	cfg := layers.DefaultLSTMConfig()
	cfg.Units, cfg.UnitForgetBias = 3, false
	off := layers.NewLSTMWith(cfg)
	build(t, off, 2, 4)
	assert.Equal(t, make([]float32, 12), off.Weights()[2].Data())

	cfg.UnitForgetBias, cfg.BiasInitializer = true, initializers.Constant{Value: 0.5}
	c := layers.NewLSTMWith(cfg)
	build(t, c, 2, 4)
	assert.Equal(t, []float32{0.5, 0.5, 0.5, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, c.Weights()[2].Data())
}

// TestRecurrent_Initializers: glorot_uniform kernels within Keras' limit,
// orthogonal recurrent kernels (units, gates·units) with orthonormal rows.
func TestRecurrent_Initializers(t *testing.T) {
	for _, kind := range kinds {
		l := newRecurrent(kind, 4, layers.RNNOptions{}, true)
		build(t, l, 3, 6)
		k, u := l.Weights()[0], l.Weights()[1]
		limit := math.Sqrt(6 / float64(k.Shape()[0]+k.Shape()[1]))
		for _, v := range k.Data() {
			require.LessOrEqual(t, math.Abs(float64(v)), limit, kind)
		}
		rows, cols := u.Shape()[0], u.Shape()[1]
		for i := range rows {
			for j := range rows {
				dot := 0.0
				for c := range cols {
					dot += float64(u.Data()[i*cols+c]) * float64(u.Data()[j*cols+c])
				}
				want := 0.0
				if i == j {
					want = 1
				}
				assert.InDelta(t, want, dot, 1e-5, "%s: row %d · row %d", kind, i, j)
			}
		}
	}
}

// TestRecurrent_KerasDefaults: the config of a layer made with the short
// constructor is Keras 3's get_config for the same call.
func TestRecurrent_KerasDefaults(t *testing.T) {
	glorot := map[string]any{"class_name": "GlorotUniform", "config": map[string]any{"seed": nil}}
	orth := map[string]any{"class_name": "Orthogonal", "config": map[string]any{"gain": 1.0, "seed": nil}}
	zeros := map[string]any{"class_name": "Zeros", "config": map[string]any{}}
	common := map[string]any{
		"name": "", "trainable": true, "dtype": "float32",
		"return_sequences": false, "return_state": false, "go_backwards": false, "stateful": false,
		"unroll": false, "zero_output_for_mask": false,
		"units": 8, "activation": "tanh", "use_bias": true,
		"kernel_initializer": glorot, "recurrent_initializer": orth, "bias_initializer": zeros,
		"kernel_regularizer": nil, "recurrent_regularizer": nil, "bias_regularizer": nil, "activity_regularizer": nil,
		"kernel_constraint": nil, "recurrent_constraint": nil, "bias_constraint": nil,
		"dropout": 0.0, "recurrent_dropout": 0.0, "seed": nil,
	}
	with := func(extra map[string]any) map[string]any {
		m := map[string]any{}
		for k, v := range common {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		layer layers.Layer
		class string
		want  map[string]any
	}{
		{layers.NewSimpleRNN(8), "SimpleRNN", common},
		{layers.NewLSTM(8), "LSTM", with(map[string]any{"recurrent_activation": "sigmoid", "unit_forget_bias": true})},
		{layers.NewGRU(8), "GRU", with(map[string]any{"recurrent_activation": "sigmoid", "reset_after": true})},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.class, tt.layer.ClassName())
		assert.True(t, tt.layer.Trainable(), tt.class)
		got := tt.layer.Config()
		// Initializer configs hold typed numbers; compare them as JSON does.
		assert.Equal(t, jsonValue(t, tt.want), jsonValue(t, got), tt.class)
	}
}

// jsonValue is v after a JSON round trip: numbers become float64.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

// keras2LSTM is an LSTM's config as Keras 2 (tf.keras 2.x) writes it in
// model.json, with every key it has.
const keras2LSTM = `{"name": "lstm", "trainable": true, "dtype": "float32",
	"batch_input_shape": [null, 100, 32],
	"return_sequences": false, "return_state": false, "go_backwards": false,
	"stateful": false, "unroll": false, "time_major": false,
	"units": 32, "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true,
	"kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
	"recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": null}},
	"bias_initializer": {"class_name": "Zeros", "config": {}},
	"unit_forget_bias": true,
	"kernel_regularizer": null, "recurrent_regularizer": null, "bias_regularizer": null,
	"activity_regularizer": null, "kernel_constraint": null, "recurrent_constraint": null,
	"bias_constraint": null, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2}`

func TestRecurrent_FromConfig(t *testing.T) {
	l, err := layers.FromConfig("LSTM", json.RawMessage(keras2LSTM))
	require.NoError(t, err)
	lstm := l.(*layers.LSTM)
	assert.Equal(t, "lstm", lstm.Name())
	assert.Equal(t, 32, lstm.Units)
	assert.True(t, lstm.UnitForgetBias)
	assert.Equal(t, []int{100, 32}, lstm.InputShape())
	assert.Equal(t, []int{32}, build(t, lstm, 100, 32))

	gru, err := layers.FromConfig("GRU", json.RawMessage(`{"units": 4, "reset_after": false, "return_sequences": true, "go_backwards": true, "recurrent_activation": "relu"}`))
	require.NoError(t, err)
	g := gru.(*layers.GRU)
	assert.False(t, g.ResetAfter)
	assert.Equal(t, layers.RNNOptions{ReturnSequences: true, GoBackwards: true}, *g.Options())
	assert.Equal(t, "relu", g.RecurrentActivation)
	assert.Equal(t, "tanh", g.Activation, "absent keys take Keras defaults")

	bad := []struct{ class, config, want string }{
		{"LSTM", `{"units": 4, "dropout": 0.2}`, "dropout"},
		{"GRU", `{"units": 4, "recurrent_dropout": 0.1}`, "recurrent_dropout"},
		{"SimpleRNN", `{"units": 4, "stateful": true}`, "stateful"},
		{"LSTM", `{"units": 4, "time_major": true}`, "time_major"},
		{"LSTM", `{"units": 4, "kernel_regularizer": {"class_name": "L2"}}`, "kernel_regularizer"},
		{"SimpleRNN", `{"units": 4, "recurrent_activation": "sigmoid"}`, "unknown key"},
		{"GRU", `{"units": 4, "go_backward": true}`, "unknown key"},
		{"LSTM", `{"units": 0}`, "units"},
		{"LSTM", `{"units": 4, "return_sequences": "yes"}`, "return_sequences"},
		{"LSTM", `{"units": 4, "recurrent_activation": "hard_sigmoidish"}`, "recurrent_activation"},
	}
	for _, tt := range bad {
		_, err := layers.FromConfig(tt.class, json.RawMessage(tt.config))
		assert.ErrorContains(t, err, tt.want, "%s %s", tt.class, tt.config)
	}
}

// TestRecurrent_ConfigRoundTrip: Config written as JSON and read back by
// FromConfig gives the same config.
func TestRecurrent_ConfigRoundTrip(t *testing.T) {
	seed := int64(7)
	s := layers.DefaultSimpleRNNConfig()
	s.Units, s.Activation, s.UseBias, s.Seed = 5, "relu", false, &seed
	s.RNNOptions = layers.RNNOptions{ReturnSequences: true, ZeroOutputForMask: true, Unroll: true}
	l := layers.DefaultLSTMConfig()
	l.Units, l.UnitForgetBias, l.RecurrentActivation = 6, false, "tanh"
	l.KernelInitializer = initializers.RandomNormal{Mean: 0, Stddev: 0.1}
	l.RNNOptions = layers.RNNOptions{ReturnState: true, GoBackwards: true}
	g := layers.DefaultGRUConfig()
	g.Units, g.ResetAfter = 7, false
	for _, layer := range []layers.Layer{
		layers.NewSimpleRNNWith(s), layers.NewLSTMWith(l), layers.NewGRUWith(g),
		layers.NewLSTM(3), layers.NewGRU(3), layers.NewSimpleRNN(3),
	} {
		layer.SetName("my_" + layer.ClassName())
		layer.SetTrainable(false)
		back := roundTrip(t, layer)
		assert.Equal(t, jsonValue(t, layer.Config()), jsonValue(t, back.Config()), layer.ClassName())
		assert.False(t, back.Trainable())
	}
}

// TestRecurrent_SameSeedSameBits: building from one seed gives the same
// weights, and one forward and backward the same bits.
func TestRecurrent_SameSeedSameBits(t *testing.T) {
	for _, kind := range kinds {
		var grads [][]float32
		for range 2 {
			l := newRecurrent(kind, 3, layers.RNNOptions{ReturnSequences: true}, true)
			_, err := l.Build([]int{4, 2}, rng.New(99))
			require.NoError(t, err)
			out := l.Call(inference(), ag.Const(data(2, 4, 2)))
			ag.Backward(ag.SumAll(ag.Square(out)))
			var g []float32
			for _, w := range l.Weights() {
				g = append(append(g, w.Data()...), w.Grad.Data...)
			}
			grads = append(grads, g)
		}
		assert.Equal(t, grads[0], grads[1], kind)
	}
}

// TestRecurrent_ParamCounts: Keras' model.summary() counts.
func TestRecurrent_ParamCounts(t *testing.T) {
	tests := []struct {
		kind  string
		units int
		in    int
		want  int
	}{
		{"SimpleRNN", 8, 4, 8*4 + 8*8 + 8},
		{"LSTM", 32, 32, 8320}, // the lecture's Embedding(…, 32) → LSTM(32)
		{"GRU", 8, 4, 3*(8*4+8*8) + 2*3*8},
		{"GRU-before", 8, 4, 3 * (8*4 + 8*8 + 8)},
	}
	for _, tt := range tests {
		l := newRecurrent(tt.kind, tt.units, layers.RNNOptions{}, true)
		build(t, l, 10, tt.in)
		n := 0
		for _, w := range l.Weights() {
			n += w.Value.Size()
		}
		assert.Equal(t, tt.want, n, tt.kind)
	}
}
