package ag

import (
	"math"

	"gonn/nn/tensor"
)

// Inference ops: a whole Dense or convolution layer in one op, for a pass
// that takes no gradient (one that starts from NoGrad). The graph computes
// act(x·kernel + bias) in three ops, each writing a new tensor; these write
// the product once and then add the bias and apply the activation in place,
// row by row, while the row is still in cache. Every element goes through the
// same float32 operations in the same order as in the graph ops, so the bits
// are the same:
//
//	product:  Gemm, as MatMul and Conv2D run it
//	bias:     v = product + bias[j]            (Add: the product first)
//	relu:     v if v > 0, else +0              (Relu: NaN gives +0)
//
// Their output is no-grad, whatever the inputs (see NoGrad), and records the
// op and inputs like any other.

// Act is an activation an inference op applies in place after the bias.
type Act uint8

const (
	// ActLinear applies nothing (Keras "linear").
	ActLinear Act = iota
	// ActRelu is max(v, 0), as Relu computes it.
	ActRelu
)

// DenseInfer returns act(x·kernel + bias) without a graph:
//
//	x: (M, K)   kernel: (K, N)   bias: (N), or nil   out: (M, N)
//
// with the bits of Relu(Add(MatMul(x, kernel, false, false), bias)) (or of
// the ops act and bias leave out). It panics with ErrShape on mismatched
// shapes.
func DenseInfer(x, kernel, bias *Var, act Act) *Var {
	m, k := dims2("DenseInfer", x, false)
	k2, n := dims2("DenseInfer", kernel, false)
	if k != k2 {
		tensor.Shapef("DenseInfer: x is (%d, %d), kernel is (%d, %d)", m, k, k2, n)
	}
	b := biasData("DenseInfer", bias, n)
	out := tensor.New(m, n)
	tensor.Gemm(false, false, m, n, k, x.Data(), kernel.Data(), out.Data, false)
	biasAct(out.Data, b, n, act)
	return inferred("matmul", out, bias, act, x, kernel)
}

// Conv2DInfer returns act(Conv2D(x, kernel, p) + bias) without a graph:
//
//	x: (N, H, W, C)   kernel: (KH, KW, C, F)   bias: (F), or nil   out: (N, OH, OW, F)
//
// with the bits of the graph ops. The bias and activation are applied to
// each im2col chunk's rows right after its product. It panics with ErrShape
// as Conv2D does.
func Conv2DInfer(x, kernel, bias *Var, p ConvParams, act Act) *Var {
	xs, ks := x.Shape(), kernel.Shape()
	if len(xs) != 4 || len(ks) != 4 || xs[3] != ks[2] {
		tensor.Shapef("Conv2DInfer: x %v and kernel %v, want (N, H, W, C) and (KH, KW, C, F)", xs, ks)
	}
	g := newConvGeom("Conv2DInfer", xs[0], xs[1], xs[2], xs[3], ks[0], ks[1], ks[3], p)
	b := biasData("Conv2DInfer", bias, g.f)
	out := tensor.New(g.n, g.oh, g.ow, g.f)
	cols := getScratch(g.chunk * g.rows() * g.kk)
	defer putScratch(cols)
	xd := x.Data()
	for n0 := 0; n0 < g.n; n0 += g.chunk {
		nb := min(g.chunk, g.n-n0)
		m := nb * g.rows()
		y := out.Data[n0*g.rows()*g.f : (n0*g.rows()+m)*g.f]
		g.im2col(xd[n0*g.h*g.w*g.c:], nb, cols)
		// (m, kk)·(kk, F) → (m, F)
		tensor.Gemm(false, false, m, g.f, g.kk, cols, kernel.Data(), y, false)
		biasAct(y, b, g.f, act)
	}
	return inferred("conv2d", out, bias, act, x, kernel)
}

// biasData returns bias's values after checking they number n; nil for a
// nil bias.
func biasData(op string, bias *Var, n int) []float32 {
	if bias == nil {
		return nil
	}
	if s := bias.Shape(); len(s) != 1 || s[0] != n {
		tensor.Shapef("%s: bias of shape %v, want (%d)", op, s, n)
	}
	return bias.Data()
}

// biasAct adds bias (n values, or nil) to every row of n values of y and
// applies act, in place. ReLU is Relu's branch-free form (positiveMask).
func biasAct(y, bias []float32, n int, act Act) {
	if kernels.AddRuns != nil && n > 0 && len(y) >= minKernelFloats {
		// The kernels: two vector passes instead of one scalar pass.
		rows := len(y) / n
		if bias != nil {
			addRuns(y, n, bias, 0, n, rows)
		}
		if act == ActRelu {
			relu(y[:rows*n], y[:rows*n])
		}
		return
	}
	switch {
	case bias != nil && act == ActRelu:
		for off := 0; off+n <= len(y); off += n {
			biasReluRow(y[off:off+n], bias)
		}
	case bias != nil:
		for off := 0; off+n <= len(y); off += n {
			row := y[off : off+n]
			b := bias[:len(row)]
			for j, v := range row {
				row[j] = v + b[j]
			}
		}
	case act == ActRelu:
		for i, v := range y {
			y[i] = math.Float32frombits(math.Float32bits(v) & positiveMask(v))
		}
	}
}

// biasReluRow sets row[j] = relu(row[j] + bias[j]), four at a time: Go's
// WebAssembly pays for every turn of a loop, more than for the work in it.
func biasReluRow(row, bias []float32) {
	bias = bias[:len(row)]
	j := 0
	for ; j+4 <= len(row); j += 4 {
		r, b := row[j:j+4:j+4], bias[j:j+4:j+4]
		v0, v1, v2, v3 := r[0]+b[0], r[1]+b[1], r[2]+b[2], r[3]+b[3]
		r[0] = math.Float32frombits(math.Float32bits(v0) & positiveMask(v0))
		r[1] = math.Float32frombits(math.Float32bits(v1) & positiveMask(v1))
		r[2] = math.Float32frombits(math.Float32bits(v2) & positiveMask(v2))
		r[3] = math.Float32frombits(math.Float32bits(v3) & positiveMask(v3))
	}
	for ; j < len(row); j++ {
		v := row[j] + bias[j]
		row[j] = math.Float32frombits(math.Float32bits(v) & positiveMask(v))
	}
}

// inferred makes the no-grad output Var of an inference op, named after the
// last op it stands for (the one losses would look at), reading the given
// inputs and the bias.
func inferred(product string, value *tensor.Tensor, bias *Var, act Act, inputs ...*Var) *Var {
	op := product
	if bias != nil {
		op, inputs = "add", append(inputs, bias)
	}
	if act == ActRelu {
		op = "relu"
	}
	return &Var{Value: value, op: op, inputs: inputs, noGrad: true}
}
