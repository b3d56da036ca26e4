package initializers

import (
	"math"

	"gonn/nn/rng"
	"gonn/nn/tensor"
)

// Orthogonal makes a (semi-)orthogonal matrix times Gain (Keras "orthogonal";
// default gain 1), as Keras does: a shape (d1, …, dk, cols) is seen as a
// matrix of rows = d1·…·dk and cols; a normal matrix of max(rows, cols) ×
// min(rows, cols) is drawn in row-major order and factored A = QR with R's
// diagonal made positive (Q's columns multiplied by sign(diag R)); Q, or Qᵀ
// when rows < cols, is the result. So the columns are orthonormal when
// rows ≥ cols, the rows otherwise. The shape needs at least 2 axes.
type Orthogonal struct {
	Gain float64 `json:"gain"`
	Seed *int64  `json:"seed"`
}

func (o Orthogonal) Init(r *rng.Rand, shape []int, _, _ int) *tensor.Tensor {
	if len(shape) < 2 {
		tensor.Shapef("orthogonal initializer: want at least 2 axes, got shape %v", shape)
	}
	r = source(r, o.Seed)
	out := tensor.New(shape...)
	cols := shape[len(shape)-1]
	rows := out.Size() / max(cols, 1)
	if out.Size() == 0 {
		return out
	}
	m, n := max(rows, cols), min(rows, cols)
	a := make([]float64, m*n) // (m, n)
	for i := range a {
		a[i] = r.Normal()
	}
	q := orthonormalColumns(a, m, n) // (m, n)
	for i := range rows {
		for j := range cols {
			v := q[j*n+i] // Qᵀ: q is (cols, rows)
			if rows >= cols {
				v = q[i*n+j]
			}
			out.Data[i*cols+j] = float32(o.Gain * v)
		}
	}
	return out
}

func (o Orthogonal) Config() map[string]any {
	return map[string]any{"gain": o.Gain, "seed": seedValue(o.Seed)}
}
func (Orthogonal) Name() string { return "orthogonal" }

// orthonormalColumns returns the Q (m × n, row-major) of the thin QR
// factorisation a = QR of a (m × n, m ≥ n), with the signs chosen so that R
// has a non-negative diagonal: the unique such Q when a has full rank.
// a is overwritten.
//
// It uses Householder reflections H_k = I − 2·v_k·v_kᵀ/(v_kᵀv_k), which
// zero column k below the diagonal: R = H_{n−1}…H_0·a, so Q is
// H_0…H_{n−1} applied to the first n columns of the identity. Every sum runs
// in index order and every multiply-add is written a + float64(b*c), so the
// result has the same bits on every platform.
func orthonormalColumns(a []float64, m, n int) []float64 {
	vs := make([][]float64, n) // v_k, of length m−k; nil when column k is already 0
	vv := make([]float64, n)   // v_kᵀv_k
	diag := make([]float64, n) // R_kk
	for k := range n {
		norm := 0.0
		for i := k; i < m; i++ {
			norm = norm + float64(a[i*n+k]*a[i*n+k])
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			continue
		}
		// Reflect x = a[k:, k] onto alpha·e_0 with alpha = −sign(x_0)·|x|,
		// the choice that avoids cancellation in v = x − alpha·e_0.
		alpha := -norm
		if a[k*n+k] < 0 {
			alpha = norm
		}
		v := make([]float64, m-k)
		for i := k; i < m; i++ {
			v[i-k] = a[i*n+k]
		}
		v[0] = v[0] - alpha
		vs[k], vv[k], diag[k] = v, dot(v, v), alpha
		reflect(a, n, k, k, v, vv[k])
	}
	q := make([]float64, m*n)
	for j := range n {
		q[j*n+j] = 1
	}
	for k := n - 1; k >= 0; k-- {
		if vs[k] != nil {
			reflect(q, n, k, 0, vs[k], vv[k])
		}
	}
	// A = QR = (Q·D)(D·R) with D = diag(sign(R_kk)): flip column k of Q
	// where R_kk < 0. (A zero R_kk, which needs a rank-deficient draw,
	// keeps its column as it is.)
	for k := range n {
		if diag[k] < 0 {
			for i := range m {
				q[i*n+k] = -q[i*n+k]
			}
		}
	}
	return q
}

// reflect applies I − 2·v·vᵀ/vv to rows k… of columns j0… of the m × n
// matrix x, where v has one entry per row from k on.
func reflect(x []float64, n, k, j0 int, v []float64, vv float64) {
	for j := j0; j < n; j++ {
		s := 0.0
		for i, vi := range v {
			s = s + float64(vi*x[(k+i)*n+j])
		}
		f := 2 * s / vv
		for i, vi := range v {
			x[(k+i)*n+j] = x[(k+i)*n+j] - float64(f*vi)
		}
	}
}

// dot is Σ a_i·b_i in index order.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s = s + float64(a[i]*b[i])
	}
	return s
}
