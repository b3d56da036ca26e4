package ag

import "gonn/nn/tensor"

// MatMul returns op(a)·op(b) for 2-D a and b, where op transposes when the
// flag is set:
//
//	op(a): (m, k)    op(b): (k, n)    out: (m, n)
//
// Backward, with dout (m, n):
//
//	da = dout·op(b)ᵀ, laid out as a (transposed back when transA)
//	db = op(a)ᵀ·dout, laid out as b (transposed back when transB)
func MatMul(a, b *Var, transA, transB bool) *Var {
	m, k := dims2("MatMul", a, transA)
	k2, n := dims2("MatMul", b, transB)
	if k != k2 {
		tensor.Shapef("MatMul: op(a) is (%d, %d), op(b) is (%d, %d)", m, k, k2, n)
	}
	out := tensor.New(m, n)
	tensor.Gemm(transA, transB, m, n, k, a.Data(), b.Data(), out.Data, false)
	return record("matmul", out, func(out *Var) {
		dout := out.Grad.Data
		if da := gradOf(a); da != nil {
			if transA { // a is (k, m): da = op(b)·doutᵀ
				tensor.Gemm(transB, true, k, m, n, b.Data(), dout, da, true)
			} else { // a is (m, k): da = dout·op(b)ᵀ
				tensor.Gemm(false, !transB, m, k, n, dout, b.Data(), da, true)
			}
		}
		if db := gradOf(b); db != nil {
			if transB { // b is (n, k): db = doutᵀ·op(a)
				tensor.Gemm(true, transA, n, k, m, dout, a.Data(), db, true)
			} else { // b is (k, n): db = op(a)ᵀ·dout
				tensor.Gemm(!transA, false, k, n, m, a.Data(), dout, db, true)
			}
		}
	}, a, b)
}

// dims2 returns the (rows, cols) of op(v) for a 2-D v.
func dims2(op string, v *Var, trans bool) (int, int) {
	s := v.Shape()
	if len(s) != 2 {
		tensor.Shapef("%s: want a 2-D operand, got shape %v", op, s)
	}
	if trans {
		return s[1], s[0]
	}
	return s[0], s[1]
}
