package optimizers

import "gonn/nn/ag"

// The slots of each optimiser, by Keras's names and in Keras's order of
// creation (keras/src/optimizers/*.py, build). A slot that the
// hyper-parameters switch off (SGD's momentum at Momentum 0, RMSprop's
// average_gradient when not Centered, Adam's velocity_hat without AMSGrad)
// is not listed, as Keras does not create it.

func (o *SGD) refs(s *sgdSlots) []slotRef {
	if o.Momentum == 0 {
		return nil
	}
	return []slotRef{{"momentum", &s.momentum, 0}}
}

func (o *RMSprop) refs(s *rmspropSlots) []slotRef {
	refs := []slotRef{{"velocity", &s.velocity, 0}}
	if o.Momentum > 0 {
		refs = append(refs, slotRef{"momentum", &s.momentum, 0})
	}
	if o.Centered {
		refs = append(refs, slotRef{"average_gradient", &s.averageGradient, 0})
	}
	return refs
}

func (o *Adam) refs(s *adamSlots) []slotRef {
	refs := []slotRef{{"momentum", &s.momentum, 0}, {"velocity", &s.velocity, 0}}
	if o.AMSGrad {
		refs = append(refs, slotRef{"velocity_hat", &s.velocityHats, 0})
	}
	return refs
}

func (o *Adagrad) refs(s *adagradSlots) []slotRef {
	return []slotRef{{"accumulator", &s.accumulator, o.InitialAccumulatorValue}}
}

func (o *Adadelta) refs(s *adadeltaSlots) []slotRef {
	return []slotRef{{"accumulated_grad", &s.accumulatedGrad, 0}, {"accumulated_delta_var", &s.accumulatedDeltaVar, 0}}
}

// SlotNames, State and SetState implement Stateful.

func (o *SGD) SlotNames() []string          { return slotNames(o.refs(new(sgdSlots))) }
func (o *SGD) State(params []*ag.Var) State { return stateOf(&o.Base, o.state, o.refs, params) }
func (o *SGD) SetState(ps []*ag.Var, s State) error {
	return setStateOf(&o.Base, &o.state, o.refs, ps, s)
}

func (o *RMSprop) SlotNames() []string          { return slotNames(o.refs(new(rmspropSlots))) }
func (o *RMSprop) State(params []*ag.Var) State { return stateOf(&o.Base, o.state, o.refs, params) }
func (o *RMSprop) SetState(ps []*ag.Var, s State) error {
	return setStateOf(&o.Base, &o.state, o.refs, ps, s)
}

func (o *Adam) SlotNames() []string          { return slotNames(o.refs(new(adamSlots))) }
func (o *Adam) State(params []*ag.Var) State { return stateOf(&o.Base, o.state, o.refs, params) }
func (o *Adam) SetState(ps []*ag.Var, s State) error {
	return setStateOf(&o.Base, &o.state, o.refs, ps, s)
}

func (o *Adagrad) SlotNames() []string          { return slotNames(o.refs(new(adagradSlots))) }
func (o *Adagrad) State(params []*ag.Var) State { return stateOf(&o.Base, o.state, o.refs, params) }
func (o *Adagrad) SetState(ps []*ag.Var, s State) error {
	return setStateOf(&o.Base, &o.state, o.refs, ps, s)
}

func (o *Adadelta) SlotNames() []string          { return slotNames(o.refs(new(adadeltaSlots))) }
func (o *Adadelta) State(params []*ag.Var) State { return stateOf(&o.Base, o.state, o.refs, params) }
func (o *Adadelta) SetState(ps []*ag.Var, s State) error {
	return setStateOf(&o.Base, &o.state, o.refs, ps, s)
}

// Every optimiser of the package is Stateful.
var (
	_ Stateful = (*SGD)(nil)
	_ Stateful = (*RMSprop)(nil)
	_ Stateful = (*Adam)(nil)
	_ Stateful = (*Adagrad)(nil)
	_ Stateful = (*Adadelta)(nil)
)
