package optimizers

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// State is what an optimiser carries from one step to the next, beyond its
// hyper-parameters: Keras's optimizer variables. Saved after step N and
// restored into a fresh optimiser of the same kind and hyper-parameters,
// over weights with the same values, it makes step N+1 and every later step
// give the same bits as a run that never stopped.
type State struct {
	// Iterations is the step counter (Keras's iterations); Adam's bias
	// corrections depend on it.
	Iterations int64
	// LearningRate is the learning rate in force, which callbacks may have
	// changed since the optimiser was made. Keras keeps it as a variable,
	// and so saves it with the others.
	LearningRate float32
	// Slots holds the per-weight state vectors, weight after weight in the
	// order of the params given to State, and for each weight the
	// optimiser's SlotNames in order.
	Slots []Slot
}

// Slot is one state vector of one weight.
type Slot struct {
	// Name is "<weight name>/<slot name>", as "dense/kernel/momentum".
	Name string
	// Shape is the weight's shape.
	Shape []int
	// Data holds tensor.NumElements(Shape) values, row-major.
	Data []float32
}

// Stateful is an optimiser whose state can be saved and restored. Every
// optimiser of this package implements it.
type Stateful interface {
	// SlotNames lists the state vectors kept per weight under the current
	// hyper-parameters, in the order State writes them: Keras's names
	// ("momentum", "velocity", …). It may be empty (SGD without momentum).
	SlotNames() []string
	// State copies the optimiser's state for params. A weight not stepped
	// yet has each slot at its initial value, which is what its first step
	// would start from.
	State(params []*ag.Var) State
	// SetState replaces the optimiser's state with s, for params (the
	// weights that s was taken for, or weights of the same names and
	// shapes in a fresh model). Nothing changes when it returns an error:
	// a wrong number of slots, a name or shape that does not match, a data
	// length that does not fit the shape, a negative step count or a
	// learning rate that is not finite.
	SetState(params []*ag.Var, s State) error
}

// ErrState is wrapped by every error SetState returns.
var ErrState = errors.New("optimizers: state does not fit")

// slotRef points at one state vector of a weight and gives its initial value.
type slotRef struct {
	name string
	buf  *[]float32
	init float32
}

// stateOf is State for an optimiser whose per-weight state, of type S, lives
// in the map m, with refs naming the vectors of one S.
func stateOf[S any](b *Base, m map[*ag.Var]*S, refs func(*S) []slotRef, params []*ag.Var) State {
	st := State{Iterations: b.iterations, LearningRate: b.LR}
	for _, p := range params {
		s := m[p]
		if s == nil {
			s = new(S)
		}
		n := p.Value.Size()
		for _, r := range refs(s) {
			data := slices.Clone(*r.buf)
			if data == nil {
				data = make([]float32, n)
				if r.init != 0 {
					for i := range data {
						data[i] = r.init
					}
				}
			}
			st.Slots = append(st.Slots, Slot{Name: p.Name + "/" + r.name, Shape: slices.Clone(p.Value.Shape), Data: data})
		}
	}
	return st
}

// setStateOf is SetState for an optimiser whose per-weight state, of type
// S, lives in *m: it checks all of st first, then replaces *m and the step
// counter and learning rate of b.
func setStateOf[S any](b *Base, m *map[*ag.Var]*S, refs func(*S) []slotRef, params []*ag.Var, st State) error {
	names := slotNames(refs(new(S)))
	if err := checkState(names, params, st); err != nil {
		return err
	}
	fresh := make(map[*ag.Var]*S, len(params))
	k := 0
	for _, p := range params {
		s := new(S)
		for _, r := range refs(s) {
			*r.buf = slices.Clone(st.Slots[k].Data)
			k++
		}
		fresh[p] = s
	}
	*m = fresh
	b.iterations, b.LR = st.Iterations, st.LearningRate
	return nil
}

// checkState reports the first thing in st that does not fit params and the
// per-weight slot names.
func checkState(names []string, params []*ag.Var, st State) error {
	if st.Iterations < 0 {
		return fmt.Errorf("%w: iterations = %d, must not be negative", ErrState, st.Iterations)
	}
	if lr := float64(st.LearningRate); math.IsNaN(lr) || math.IsInf(lr, 0) {
		return fmt.Errorf("%w: learning rate = %v, must be finite", ErrState, st.LearningRate)
	}
	if want := len(params) * len(names); len(st.Slots) != want {
		return fmt.Errorf("%w: %d slots, want %d (%d weights × %v)", ErrState, len(st.Slots), want, len(params), names)
	}
	k := 0
	for _, p := range params {
		for _, name := range names {
			s := st.Slots[k]
			k++
			if want := p.Name + "/" + name; s.Name != want {
				return fmt.Errorf("%w: slot %d is %q, want %q", ErrState, k-1, s.Name, want)
			}
			if !tensor.SameShape(s.Shape, p.Value.Shape) {
				return fmt.Errorf("%w: slot %q has shape %v, its weight %v", ErrState, s.Name, s.Shape, p.Value.Shape)
			}
			if len(s.Data) != p.Value.Size() {
				return fmt.Errorf("%w: slot %q has %d values, its shape %v holds %d", ErrState, s.Name, len(s.Data), s.Shape, p.Value.Size())
			}
		}
	}
	return nil
}

func slotNames(refs []slotRef) []string {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.name
	}
	return names
}
