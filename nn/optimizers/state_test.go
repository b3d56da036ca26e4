package optimizers

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/ag"
	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// stateParams returns three weights of different ranks with seeded values.
func stateParams() []*ag.Var {
	r := rng.New(11)
	fill := func(name string, shape ...int) *ag.Var {
		t := tensor.New(shape...)
		for i := range t.Data {
			t.Data[i] = float32(r.Normal())
		}
		return ag.Param(t, name)
	}
	return []*ag.Var{fill("dense/kernel", 3, 4), fill("dense/bias", 4), fill("conv/kernel", 2, 2, 2)}
}

// cloneParams copies params into new Vars of the same names: the weights of
// a fresh model that loaded them.
func cloneParams(params []*ag.Var) []*ag.Var {
	out := make([]*ag.Var, len(params))
	for i, p := range params {
		out[i] = ag.Param(p.Value.Clone(), p.Name)
	}
	return out
}

// runSteps applies opt for steps [from, to) with gradients fixed by the step
// number. The last weight has no gradient before step 2 (a frozen weight, so
// its slots are still unallocated at an early save), and before step 0 the
// learning rate is halved, as a callback would: the restored learning rate
// is then part of what the state must carry.
func runSteps(opt Optimizer, params []*ag.Var, from, to int) {
	for step := from; step < to; step++ {
		r := rng.New(uint64(100 + step))
		for i, p := range params {
			p.Grad = nil
			if i == len(params)-1 && step < 2 {
				continue
			}
			p.Grad = tensor.New(p.Value.Shape...)
			for j := range p.Grad.Data {
				p.Grad.Data[j] = float32(r.Normal()) + float32(0.1*p.Value.Data[j])
			}
		}
		if step == 0 {
			opt.SetLearningRate(opt.LearningRate() / 2)
		}
		opt.Apply(params)
	}
}

func weightBits(params []*ag.Var) []uint32 {
	var bits []uint32
	for _, p := range params {
		for _, v := range p.Value.Data {
			bits = append(bits, math.Float32bits(v))
		}
	}
	return bits
}

// TestState_Resume steps every optimiser N times, saves its state, restores
// it into a fresh optimiser over copies of the weights, steps M more times,
// and checks the bits against N+M uninterrupted steps.
func TestState_Resume(t *testing.T) {
	const total = 7
	for _, name := range slices.Sorted(maps.Keys(goldenRuns())) {
		for _, stopAt := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/after %d steps", name, stopAt), func(t *testing.T) {
				whole := stateParams()
				runSteps(goldenRuns()[name], whole, 0, total)

				first := stateParams()
				opt := goldenRuns()[name]
				runSteps(opt, first, 0, stopAt)
				st := opt.(Stateful).State(first)
				assert.Equal(t, int64(stopAt), st.Iterations)
				require.Len(t, st.Slots, len(first)*len(opt.(Stateful).SlotNames()))

				resumed := cloneParams(first)
				fresh := goldenRuns()[name]
				require.NoError(t, fresh.(Stateful).SetState(resumed, st))
				assert.Equal(t, st, fresh.(Stateful).State(resumed), "State gives back what SetState took")
				for _, s := range st.Slots { // SetState copied: the caller's buffers are its own
					clear(s.Data)
				}
				runSteps(fresh, resumed, stopAt, total)
				assert.Equal(t, weightBits(whole), weightBits(resumed), "resumed after %d steps", stopAt)
				assert.Equal(t, int64(total), fresh.Iterations())

				// Without the state the same steps give other bits: the
				// test above could fail.
				lost := cloneParams(first)
				runSteps(goldenRuns()[name], lost, stopAt, total)
				assert.NotEqual(t, weightBits(whole), weightBits(lost))
			})
		}
	}
}

func TestState_SlotNames(t *testing.T) {
	runs := goldenRuns()
	tests := []struct {
		run  string
		want []string
	}{
		{"SGD", []string{}},
		{"SGD momentum", []string{"momentum"}},
		{"RMSprop", []string{"velocity"}},
		{"RMSprop centered momentum global_clipnorm", []string{"velocity", "momentum", "average_gradient"}},
		{"Adam", []string{"momentum", "velocity"}},
		{"Adam amsgrad clipvalue", []string{"momentum", "velocity", "velocity_hat"}},
		{"Adagrad", []string{"accumulator"}},
		{"Adadelta", []string{"accumulated_grad", "accumulated_delta_var"}},
	}
	for _, tt := range tests {
		t.Run(tt.run, func(t *testing.T) {
			assert.Equal(t, tt.want, runs[tt.run].(Stateful).SlotNames())
		})
	}
}

// TestState_Unstepped: a weight never stepped has its slots at their initial
// values (Adagrad's accumulator starts at initial_accumulator_value).
func TestState_Unstepped(t *testing.T) {
	opt := NewAdagrad()
	opt.InitialAccumulatorValue = 0.25
	st := opt.State(stateParams()[:1])
	require.Len(t, st.Slots, 1)
	assert.Equal(t, "dense/kernel/accumulator", st.Slots[0].Name)
	assert.Equal(t, []int{3, 4}, st.Slots[0].Shape)
	for _, v := range st.Slots[0].Data {
		assert.Equal(t, float32(0.25), v)
	}
}

// TestState_SetStateErrors: each bad state is refused with an error naming
// the problem, and the optimiser goes on exactly as if it had not been asked.
func TestState_SetStateErrors(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(st *State)
		want  string
	}{
		{"too few slots", func(st *State) { st.Slots = st.Slots[:3] }, "3 slots, want 6"},
		{"renamed", func(st *State) { st.Slots[1].Name = "dense/kernel/moment" }, `slot 1 is "dense/kernel/moment", want "dense/kernel/velocity"`},
		{"reshaped", func(st *State) { st.Slots[2].Shape = []int{4, 1} }, `slot "dense/bias/momentum" has shape [4 1], its weight [4]`},
		{"short data", func(st *State) { st.Slots[4].Data = st.Slots[4].Data[:7] }, `slot "conv/kernel/momentum" has 7 values, its shape [2 2 2] holds 8`},
		{"negative iterations", func(st *State) { st.Iterations = -1 }, "iterations = -1"},
		{"NaN learning rate", func(st *State) { st.LearningRate = float32(math.NaN()) }, "learning rate = NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			whole := stateParams()
			runSteps(NewAdam(), whole, 0, 6)

			params := stateParams()
			opt := NewAdam()
			runSteps(opt, params, 0, 3)
			st := opt.State(params)
			tt.spoil(&st)
			err := opt.SetState(params, st)
			require.ErrorIs(t, err, ErrState)
			assert.Contains(t, err.Error(), tt.want)
			runSteps(opt, params, 3, 6)
			assert.Equal(t, weightBits(whole), weightBits(params), "the refused state changed nothing")
		})
	}
}

// TestState_OtherKind: the state of one kind of optimiser does not fit
// another, nor the same kind with slots switched on.
func TestState_OtherKind(t *testing.T) {
	params := stateParams()
	adam := NewAdam()
	runSteps(adam, params, 0, 2)
	st := adam.State(params)

	err := NewAdadelta().SetState(params, st)
	require.ErrorIs(t, err, ErrState)
	assert.Contains(t, err.Error(), "accumulated_grad")

	ams := NewAdam()
	ams.AMSGrad = true
	err = ams.SetState(params, st)
	require.ErrorIs(t, err, ErrState)
	assert.Contains(t, err.Error(), "6 slots, want 9")
}
