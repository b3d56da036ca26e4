package ag

import "gonn/nn/tensor"

// Binary elementwise ops. Shapes broadcast as in NumPy (broadcast.go):
//
//	a: (N, D)   b: (N, D)   out: (N, D)
//	a: (N, D)   b: (D)      out: (N, D)    the bias add
//	a: (N, 1)   b: (1, D)   out: (N, D)
//
// Each op is a forward kernel and a backward kernel over equal-length blocks
// of the output. In backward, an input that was broadcast gets the sum of its
// gradient terms over the broadcast axes, added in increasing flat index of
// the output, starting from 0; the sum is then added to its Grad.

// Add returns a + b.
//
// Backward: da += dout, db += dout.
func Add(a, b *Var) *Var {
	if isBias(a, b) {
		return addBias(a, b)
	}
	return binary("add", a, b, addForward, addBackward)
}

// isBias reports whether b is a bias of a: a has the output's shape and b
// is a shorter block of its trailing axes, repeated (a layer's (N…, D) + (D)).
func isBias(a, b *Var) bool {
	n, m := a.Value.Size(), b.Value.Size()
	return m >= minChunk && m < n && n%m == 0 && len(b.Shape()) <= len(a.Shape()) && isSuffix(b.Shape(), a.Shape())
}

// addBias is Add for a bias b (isBias), with binary's bits and without its
// call per block:
//
//	a: (N…, D)   b: (D…)   out: (N…, D)
//
// Backward: da += dout in one pass; db += the sum of dout's blocks, added
// in increasing offset starting from 0, as binary sums a broadcast operand.
func addBias(a, b *Var) *Var {
	out := like(a)
	o, x, y := out.Data, a.Data(), b.Data()
	m := len(y)
	copy(o, x)
	addRuns(o, m, y, 0, m, len(o)/m) // o[off+j] = x[off+j] + y[j]
	return record("add", out, func(out *Var) {
		dout := out.Grad.Data
		if dx := gradOf(a); dx != nil {
			addRuns(dx, 0, dout, 0, len(dout), 1)
		}
		if b.requiresGrad {
			sum := make([]float32, m)
			addRuns(sum, 0, dout, m, m, len(dout)/m)
			addInto(gradOf(b), sum)
		}
	}, a, b)
}

func addForward(o, x, y []float32) {
	x, y = x[:len(o)], y[:len(o)]
	for i := range o {
		o[i] = x[i] + y[i]
	}
}

func addBackward(dout, x, y, o, dx, dy []float32) {
	for i := range dx {
		dx[i] = dx[i] + dout[i]
	}
	for i := range dy {
		dy[i] = dy[i] + dout[i]
	}
}

// Sub returns a - b.
//
// Backward: da += dout, db -= dout.
func Sub(a, b *Var) *Var { return binary("sub", a, b, subForward, subBackward) }

func subForward(o, x, y []float32) {
	x, y = x[:len(o)], y[:len(o)]
	for i := range o {
		o[i] = x[i] - y[i]
	}
}

func subBackward(dout, x, y, o, dx, dy []float32) {
	for i := range dx {
		dx[i] = dx[i] + dout[i]
	}
	for i := range dy {
		dy[i] = dy[i] - dout[i]
	}
}

// Mul returns a * b elementwise.
//
// Backward: da += dout*b, db += dout*a.
func Mul(a, b *Var) *Var { return binary("mul", a, b, mulForward, mulBackward) }

func mulForward(o, x, y []float32) {
	x, y = x[:len(o)], y[:len(o)]
	for i := range o {
		o[i] = x[i] * y[i]
	}
}

func mulBackward(dout, x, y, o, dx, dy []float32) {
	for i := range dx {
		dx[i] = dx[i] + float32(dout[i]*y[i])
	}
	for i := range dy {
		dy[i] = dy[i] + float32(dout[i]*x[i])
	}
}

// Div returns a / b elementwise.
//
// Backward: da += dout/b, db -= dout*out/b (= dout*a/b²).
func Div(a, b *Var) *Var { return binary("div", a, b, divForward, divBackward) }

func divForward(o, x, y []float32) {
	x, y = x[:len(o)], y[:len(o)]
	for i := range o {
		o[i] = x[i] / y[i]
	}
}

func divBackward(dout, x, y, o, dx, dy []float32) {
	for i := range dx {
		dx[i] = dx[i] + dout[i]/y[i]
	}
	for i := range dy {
		dy[i] = dy[i] - float32(dout[i]*o[i])/y[i]
	}
}

// binaryForward computes a block of the output o from blocks of the inputs.
type binaryForward func(o, x, y []float32)

// binaryBackward adds a block's gradient into dx and dy (nil: not wanted).
type binaryBackward func(dout, x, y, o, dx, dy []float32)

// binary runs fwd over the broadcast output and records bwd. The output is
// cut into blocks the length of the shorter operand (see operand), so a
// repeated trailing block — the bias of (N, D) + (D) — is read in place.
func binary(op string, a, b *Var, fwd binaryForward, bwd binaryBackward) *Var {
	shape := broadcastShape(op, a.Shape(), b.Shape())
	out := tensor.New(shape...)
	o := out.Data
	x, y := operand(a.Value, shape, len(o)), operand(b.Value, shape, len(o))
	n := min(len(x), len(y))
	for off := 0; off < len(o); off += n {
		fwd(o[off:off+n], block(x, off, n), block(y, off, n))
	}
	return record(op, out, func(out *Var) {
		dout := out.Grad.Data
		dx, dy := gradBlock(a, len(x), len(o)), gradBlock(b, len(y), len(o))
		for off := 0; off < len(o); off += n {
			bwd(dout[off:off+n], block(x, off, n), block(y, off, n), o[off:off+n],
				block(dx, off, n), block(dy, off, n))
		}
		finishGrad(a, dx, shape, len(o))
		finishGrad(b, dy, shape, len(o))
	}, a, b)
}

// block returns the n values of s that line up with out[off:off+n]: s is
// either as long as the output, or a block of n repeated. nil stays nil.
func block(s []float32, off, n int) []float32 {
	if s == nil {
		return nil
	}
	if len(s) == n {
		return s
	}
	return s[off : off+n]
}

// gradBlock returns the buffer an operand's gradient terms go into, of the
// operand's kernel length m: its own Grad when it is not broadcast (size n),
// a zeroed scratch buffer when it is (summed by finishGrad), nil when no
// gradient is wanted.
func gradBlock(v *Var, m, n int) []float32 {
	if !v.requiresGrad {
		return nil
	}
	if v.Value.Size() == n {
		return gradOf(v)
	}
	return make([]float32, m)
}

// finishGrad adds a broadcast operand's scratch gradient d into its Grad,
// first summing over the broadcast axes when d has the output's size.
func finishGrad(v *Var, d []float32, shape []int, n int) {
	if d == nil || v.Value.Size() == n {
		return
	}
	if len(d) == n {
		d = sumTo(d, shape, v.Shape())
	}
	addInto(gradOf(v), d)
}
