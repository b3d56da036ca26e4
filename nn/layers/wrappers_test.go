package layers_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"gonn/nn"
	"gonn/nn/ag"
	"gonn/nn/ag/agtest"
	"gonn/nn/layers"
	"gonn/nn/rng"
	"gonn/nn/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeDistributed_Shapes(t *testing.T) {
	tests := []struct {
		name    string
		inner   layers.Layer
		in      []int // one example
		want    []int
		wantErr string
	}{
		{name: "dense", inner: layers.NewDense(5, "relu"), in: []int{4, 3}, want: []int{4, 5}},
		{name: "dense rank 4", inner: layers.NewDense(5, ""), in: []int{4, 2, 3}, want: []int{4, 2, 5}},
		{name: "conv2d", inner: layers.NewConv2D(2, 3, "relu"), in: []int{3, 6, 5, 1}, want: []int{3, 4, 3, 2}},
		{name: "flatten", inner: layers.NewFlatten(), in: []int{3, 2, 4}, want: []int{3, 8}},
		{name: "lstm per step", inner: layers.NewLSTM(2), in: []int{3, 5, 4}, want: []int{3, 2}},
		{name: "no steps axis", inner: layers.NewDense(5, ""), in: []int{3}, wantErr: "(steps, features…)"},
		{name: "zero steps", inner: layers.NewDense(5, ""), in: []int{0, 3}, wantErr: "steps > 0"},
		{name: "inner error", inner: layers.NewLSTM(2), in: []int{3, 4}, wantErr: "(steps, features)"},
		{name: "nothing wrapped", in: []int{3, 4}, wantErr: "no layer"},
	}
	for _, tt := range tests {
		l := layers.NewTimeDistributed(tt.inner)
		l.SetName("td")
		out, err := l.Build(tt.in, rng.New(1))
		if tt.wantErr != "" {
			assert.ErrorContains(t, err, tt.wantErr, tt.name)
			assert.ErrorContains(t, err, `TimeDistributed "td"`, tt.name)
			continue
		}
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, out, tt.name)
		y := l.Call(inference(), ag.Const(data(append([]int{2}, tt.in...)...)))
		assert.Equal(t, append([]int{2}, tt.want...), y.Shape(), tt.name)
	}
}

// TestTimeDistributed_PerStep: step t of the output is the inner layer on
// step t of the input, and the weights are the inner layer's, named after
// the wrapper as Keras 2 names them.
func TestTimeDistributed_PerStep(t *testing.T) {
	inner := layers.NewConv1D(3, 2, "tanh")
	inner.SetName("conv1d")
	l := layers.NewTimeDistributed(inner)
	l.SetName("td")
	build(t, l, 4, 5, 2)
	assert.Equal(t, "conv1d", inner.Name(), "the inner layer keeps its name")
	require.Len(t, l.Weights(), 2)
	assert.Same(t, inner.Weights()[0], l.Weights()[0])
	assert.Equal(t, "td/kernel", l.Weights()[0].Name)
	assert.Equal(t, "td/bias", l.Weights()[1].Name)

	x := agtest.Rand(3, -1, 1, 2, 4, 5, 2)
	y := l.Call(inference(), ag.Const(x))
	for b := range 2 {
		for s := range 4 {
			step := tensor.From(x.Data[(b*4+s)*10:(b*4+s+1)*10], 1, 5, 2)
			want := inner.Call(inference(), ag.Const(step)).Data()
			got := y.Data()[(b*4+s)*12 : (b*4+s+1)*12]
			assert.Equal(t, want, got, "example %d, step %d", b, s)
		}
	}
}

func TestTimeDistributed_Grad(t *testing.T) {
	for _, inner := range []layers.Layer{layers.NewDense(3, "tanh"), layers.NewConv1D(2, 2, "sigmoid")} {
		t.Run(inner.ClassName(), func(t *testing.T) {
			l := layers.NewTimeDistributed(inner)
			in := []int{3, 4}
			if _, ok := inner.(*layers.Conv); ok {
				in = []int{3, 4, 2}
			}
			build(t, l, in...)
			randomize(l, 4)
			inputs := []*tensor.Tensor{agtest.Rand(5, -1, 1, append([]int{2}, in...)...)}
			for _, w := range l.Weights() {
				inputs = append(inputs, w.Value)
			}
			agtest.CheckGrad(t, agtest.Default, func(v []*ag.Var) *ag.Var {
				defer layers.SwapWrapperWeights(l, v[1:])()
				return l.Call(inference(), v[0])
			}, inputs...)
		})
	}
}

// TestTimeDistributed_Mask: the steps' mask passes through, as in Keras.
func TestTimeDistributed_Mask(t *testing.T) {
	l := layers.NewTimeDistributed(layers.NewDense(2, ""))
	build(t, l, 3, 4)
	mask := padMask(2, 3, [2]int{0, 2})
	_, got := layers.CallWithMask(inference(), l, ag.Const(data(2, 3, 4)), mask)
	assert.Same(t, mask, got)
}

// keras2TimeDistributed is TimeDistributed(Dense(12, softmax)) as tf.keras
// 2 writes it; keras3TimeDistributed as Keras 3 does.
const (
	keras2TimeDistributed = `{"name": "time_distributed", "trainable": true, "dtype": "float32",
		"layer": {"class_name": "Dense", "config": {"name": "dense", "trainable": true, "dtype": "float32",
			"units": 12, "activation": "softmax", "use_bias": true,
			"kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
			"bias_initializer": {"class_name": "Zeros", "config": {}},
			"kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null,
			"kernel_constraint": null, "bias_constraint": null}}}`
	keras3TimeDistributed = `{"name": "time_distributed", "trainable": true,
		"dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
		"layer": {"module": "keras.layers", "class_name": "Dense", "registered_name": null,
			"build_config": {"input_shape": [null, 128]},
			"config": {"name": "dense", "units": 12, "activation": "softmax"}}}`
)

func TestTimeDistributed_Config(t *testing.T) {
	for _, keras := range []string{keras2TimeDistributed, keras3TimeDistributed} {
		l, err := layers.FromConfig("TimeDistributed", json.RawMessage(keras))
		require.NoError(t, err)
		td := l.(*layers.TimeDistributed)
		assert.Equal(t, "time_distributed", td.Name())
		d := td.Layer.(*layers.Dense)
		assert.Equal(t, 12, d.Units)
		assert.Equal(t, "softmax", d.Activation)
		assert.Equal(t, "dense", d.Name())
		assert.Equal(t, []int{4, 12}, build(t, td, 4, 128))
	}

	inner := layers.NewDense(3, "relu")
	inner.SetName("dense_7")
	l := layers.NewTimeDistributed(inner)
	l.SetName("td")
	l.SetTrainable(false)
	c := l.Config()
	assert.Equal(t, map[string]any{"class_name": "Dense", "config": inner.Config()}, c["layer"])
	back := roundTrip(t, l)
	assert.Equal(t, jsonValue(t, c), jsonValue(t, back.Config()))
	assert.False(t, back.Trainable())
	assert.False(t, back.(*layers.TimeDistributed).Layer.Trainable(), "the flag reaches the inner layer")

	for _, bad := range []struct{ config, want string }{
		{`{}`, `no "layer"`},
		{`{"layer": null}`, `no "layer"`},
		{`{"layer": {"class_name": "Nope", "config": {}}}`, "unknown layer class"},
		{`{"layer": {"class_name": "Dense", "config": {"units": 0}}}`, "units must be positive"},
		{`{"layer": {"class_name": "Dense", "config": {"units": 2}}, "extra": 1}`, "unknown key"},
	} {
		_, err := layers.FromConfig("TimeDistributed", json.RawMessage(bad.config))
		assert.ErrorContains(t, err, bad.want, bad.config)
	}
}

// newBidirectional wraps a recurrent layer of the given kind.
func newBidirectional(kind string, units int, sequences bool, merge string) *layers.Bidirectional {
	return layers.NewBidirectional(newRecurrent(kind, units, layers.RNNOptions{ReturnSequences: sequences}, true), merge)
}

func TestBidirectional_Shapes(t *testing.T) {
	tests := []struct {
		merge     string
		sequences bool
		want      []int // steps 4, units 3
	}{
		{"concat", false, []int{6}},
		{"concat", true, []int{4, 6}},
		{"sum", false, []int{3}},
		{"mul", true, []int{4, 3}},
		{"ave", true, []int{4, 3}},
	}
	for _, kind := range kinds {
		for _, tt := range tests {
			name := fmt.Sprintf("%s %s sequences=%v", kind, tt.merge, tt.sequences)
			l := newBidirectional(kind, 3, tt.sequences, tt.merge)
			assert.Equal(t, tt.want, build(t, l, 4, 5), name)
			x := ag.Const(data(2, 4, 5))
			assert.Equal(t, append([]int{2}, tt.want...), l.Call(inference(), x).Shape(), name)
			out, states := l.CallWithState(inference(), x, nil, nil)
			assert.Equal(t, append([]int{2}, tt.want...), out.Shape(), name)
			assert.Len(t, states, 2*len(l.Forward.StateSize()), name)
		}
	}
	l := newBidirectional("LSTM", 3, false, "concat")
	l.SetName("bi")
	_, err := l.Build([]int{5}, rng.New(1))
	assert.ErrorContains(t, err, `Bidirectional "bi"`)
	assert.ErrorContains(t, err, "(steps, features)")
	_, err = newBidirectional("LSTM", 3, false, "max").Build([]int{4, 5}, rng.New(1))
	assert.ErrorContains(t, err, "merge_mode")
}

// TestBidirectional_Directions: the forward half is the layer itself, the
// backward half the same layer on the time-reversed input, put back in time
// order with sequences; the weights are forward's then backward's, named as
// Keras names them, drawn forward first.
func TestBidirectional_Directions(t *testing.T) {
	const batch, steps, in, units = 2, 4, 3, 2
	x := agtest.Rand(8, -1, 1, batch, steps, in)
	reversed := tensor.New(batch, steps, in)
	for b := range batch {
		for s := range steps {
			copy(reversed.Data[(b*steps+s)*in:][:in], x.Data[(b*steps+steps-1-s)*in:][:in])
		}
	}
	for _, kind := range kinds {
		for _, seq := range []bool{false, true} {
			name := fmt.Sprintf("%s sequences=%v", kind, seq)
			bi := newBidirectional(kind, units, seq, "concat")
			bi.SetName("bi")
			build(t, bi, steps, in)
			randomize(bi, 9)
			ws := bi.Weights()
			nf := len(bi.Forward.Weights())
			require.Len(t, ws, 2*nf, name)
			cell := map[string]string{"SimpleRNN": "simple_rnn", "LSTM": "lstm", "GRU": "gru", "GRU-before": "gru"}[kind]
			assert.Equal(t, "bi/forward_"+cell+"/"+cell+"_cell/kernel", ws[0].Name, name)
			assert.Equal(t, "bi/backward_"+cell+"/"+cell+"_cell/kernel", ws[nf].Name, name)
			assert.Equal(t, "forward_"+cell, bi.Forward.Name(), name)
			assert.True(t, bi.Backward.Options().GoBackwards, name)

			// The same layer, going forwards, with the backward weights.
			plain := newRecurrent(kind, units, layers.RNNOptions{ReturnSequences: seq}, true)
			build(t, plain, steps, in)
			for i, w := range plain.Weights() {
				copy(w.Data(), ws[nf+i].Data())
			}
			fwd := bi.Forward.Call(inference(), ag.Const(x)).Data()
			bwd := plain.Call(inference(), ag.Const(reversed)).Data()
			got := bi.Call(inference(), ag.Const(x)).Data()
			rows := batch // rows of units values in each direction's output
			if seq {
				rows = batch * steps
			}
			for r := range rows {
				br := r // the backward row in time order
				if seq {
					b, s := r/steps, r%steps
					br = b*steps + steps - 1 - s
				}
				assert.Equal(t, fwd[r*units:(r+1)*units], got[2*r*units:(2*r+1)*units], "%s: row %d forward", name, r)
				assertClose(t, f64(bwd[br*units:(br+1)*units]), got[(2*r+1)*units:(2*r+2)*units], 1e-6, fmt.Sprintf("%s: row %d backward", name, r))
			}
		}
	}
}

func TestBidirectional_MergeModes(t *testing.T) {
	x := ag.Const(data(2, 3, 4))
	for _, merge := range []string{"sum", "mul", "ave"} {
		bi := newBidirectional("GRU", 2, true, merge)
		build(t, bi, 3, 4)
		cat := layers.NewBidirectionalWith(bi.Forward, bi.Backward, "concat") // the same two layers
		build(t, cat, 3, 4)
		randomize(cat, 2)
		both, got := cat.Call(inference(), x).Data(), bi.Call(inference(), x).Data()
		for i := range got {
			f, b := both[(i/2)*4+i%2], both[(i/2)*4+2+i%2]
			want := map[string]float32{"sum": f + b, "mul": f * b, "ave": (f + b) * 0.5}[merge]
			assert.InDelta(t, want, got[i], 1e-6, "%s, value %d", merge, i)
		}
	}
}

func TestBidirectional_Grad(t *testing.T) {
	const batch, steps, in, units = 2, 3, 3, 2
	mask := padMask(batch, steps, [2]int{0, 2}, [2]int{1, 1}, [2]int{1, 2})
	tests := []struct {
		merge     string
		sequences bool
		mask      bool
	}{
		{"concat", false, false},
		{"concat", true, false},
		{"sum", true, true},
		{"mul", false, true},
		{"ave", true, false},
	}
	for _, kind := range kinds {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s %+v", kind, tt), func(t *testing.T) {
				bi := newBidirectional(kind, units, tt.sequences, tt.merge)
				build(t, bi, steps, in)
				randomize(bi, 6)
				inputs := []*tensor.Tensor{agtest.Rand(7, -1, 1, batch, steps, in)}
				for _, w := range bi.Weights() {
					inputs = append(inputs, w.Value)
				}
				var m *tensor.Tensor
				if tt.mask {
					m = mask
				}
				agtest.CheckGrad(t, agtest.Default, func(v []*ag.Var) *ag.Var {
					defer layers.SwapWrapperWeights(bi, v[1:])()
					out, states := bi.CallWithState(inference(), v[0], m, nil)
					return ag.Concat(1, append([]*ag.Var{ag.Reshape(out, batch, -1)}, states...)...)
				}, inputs...)
			})
		}
	}
}

// TestBidirectional_Mask: a sequence padded at the end, its padding masked,
// gives the output of its unpadded prefix in both directions (last output),
// and the mask goes on with sequences only.
func TestBidirectional_Mask(t *testing.T) {
	const steps, in, units = 5, 2, 3
	for _, kind := range kinds {
		bi := newBidirectional(kind, units, false, "concat")
		build(t, bi, steps, in)
		randomize(bi, 10)
		for n := 1; n <= steps; n++ {
			padded := agtest.Rand(11, -1, 1, 1, steps, in)
			mask := tensor.New(1, steps)
			for s := range n {
				mask.Data[s] = 1
			}
			prefix := tensor.From(padded.Data[:n*in], 1, n, in)
			got, outMask := layers.CallWithMask(inference(), bi, ag.Const(padded), mask)
			want := bi.Call(inference(), ag.Const(prefix))
			assertClose(t, f64(want.Data()), got.Data(), 1e-6, fmt.Sprintf("%s, %d real steps", kind, n))
			assert.Nil(t, outMask)
		}
		seq := newBidirectional(kind, units, true, "sum")
		build(t, seq, steps, in)
		mask := padMask(1, steps, [2]int{0, 4})
		_, outMask := layers.CallWithMask(inference(), seq, ag.Const(data(1, steps, in)), mask)
		assert.Same(t, mask, outMask, kind)
		assert.True(t, seq.Forward.Options().ZeroOutputForMask, "Keras sets zero_output_for_mask with sequences")
	}
}

// keras2Bidirectional is Bidirectional(LSTM(4, return_sequences=True)) as
// tf.keras 2 writes it: the wrapped layer, no backward_layer.
const keras2Bidirectional = `{"name": "bidirectional", "trainable": true, "dtype": "float32",
	"batch_input_shape": [null, 7, 12], "merge_mode": "ave",
	"layer": {"class_name": "LSTM", "config": {"name": "lstm", "units": 4, "return_sequences": true,
		"go_backwards": false, "stateful": false, "unroll": false, "time_major": false}}}`

func TestBidirectional_Config(t *testing.T) {
	l, err := layers.FromConfig("Bidirectional", json.RawMessage(keras2Bidirectional))
	require.NoError(t, err)
	bi := l.(*layers.Bidirectional)
	assert.Equal(t, "ave", bi.MergeMode)
	assert.Equal(t, "forward_lstm", bi.Forward.Name())
	assert.Equal(t, "backward_lstm", bi.Backward.Name())
	assert.True(t, bi.Backward.Options().GoBackwards)
	assert.True(t, bi.Backward.Options().ReturnSequences)
	assert.Equal(t, []int{7, 12}, bi.InputShape())
	assert.Equal(t, []int{7, 4}, build(t, bi, 7, 12))

	for _, kind := range kinds {
		for _, merge := range []string{"concat", "mul"} {
			l := newBidirectional(kind, 3, true, merge)
			l.SetName("bi")
			back := roundTrip(t, l).(*layers.Bidirectional)
			assert.Equal(t, jsonValue(t, l.Config()), jsonValue(t, back.Config()), kind)
			assert.Equal(t, "backward_"+back.Forward.Name()[len("forward_"):], back.Backward.Name())
		}
	}

	for _, bad := range []struct{ config, want string }{
		{`{"layer": {"class_name": "LSTM", "config": {"units": 2}}, "merge_mode": null}`, "None"},
		{`{"layer": {"class_name": "LSTM", "config": {"units": 2}}, "merge_mode": "max"}`, "merge_mode"},
		{`{"layer": {"class_name": "Dense", "config": {"units": 2}}}`, "not a recurrent layer"},
		{`{"merge_mode": "sum"}`, `no "layer"`},
		{`{"layer": {"class_name": "LSTM", "config": {"units": 2}},
			"backward_layer": {"class_name": "LSTM", "config": {"units": 2}}}`, "same go_backwards"},
	} {
		_, err := layers.FromConfig("Bidirectional", json.RawMessage(bad.config))
		assert.ErrorContains(t, err, bad.want, bad.config)
	}
}

// TestWrappers_InModel: in a Sequential, the wrappers' weights are the
// model's, freezing a wrapper freezes what it holds, and the summary counts
// Keras' parameters.
func TestWrappers_InModel(t *testing.T) {
	m := nn.NewSequential(
		layers.NewInput(7, 12),
		layers.NewBidirectional(layers.NewLSTM(8), "concat"),
		layers.NewRepeatVector(4),
		layers.NewTimeDistributed(layers.NewDense(12, "softmax")),
	)
	require.NoError(t, m.Build())
	assert.Equal(t, []int{4, 12}, m.OutputShape())
	n := 0
	for _, w := range m.TrainableWeights() {
		n += w.Value.Size()
	}
	assert.Equal(t, 2*4*8*(12+8+1)+(16*12+12), n, "Keras' count")
	assert.Equal(t, "bidirectional/forward_lstm/lstm_cell/kernel", m.Weights()[0].Name)
	assert.Equal(t, "time_distributed/kernel", m.Weights()[6].Name)
	m.Layers[1].SetTrainable(false)
	assert.Len(t, m.TrainableWeights(), 2)
}
