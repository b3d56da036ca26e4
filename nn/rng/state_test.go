package rng

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// draws takes a few of every kind of draw, so a restored state is checked
// through all of them.
func draws(r *Rand) []float64 {
	out := []float64{float64(r.Uint64() >> 11), float64(r.Intn(1000)), r.Float64(), float64(r.Float32()), r.Normal(), r.TruncatedNormal()}
	for _, v := range r.Perm(6) {
		out = append(out, float64(v))
	}
	return out
}

// TestRand_State: a generator of another seed given the state continues the
// first one's stream exactly.
func TestRand_State(t *testing.T) {
	r := New(5)
	draws(r)
	st, err := r.State()
	require.NoError(t, err)
	require.Len(t, st, StateSize)
	want := draws(r)

	other := New(999)
	require.NoError(t, other.SetState(st))
	assert.Equal(t, want, draws(other))
	assert.Equal(t, want, func() []float64 { require.NoError(t, r.SetState(st)); return draws(r) }())
}

func TestRand_SetStateErrors(t *testing.T) {
	good, err := New(1).State()
	require.NoError(t, err)
	tests := []struct {
		name  string
		state []byte
		want  string
	}{
		{"nil", nil, "the state has 0 bytes, want 20"},
		{"truncated", good[:19], "the state has 19 bytes, want 20"},
		{"too long", append(append([]byte{}, good...), 0), "the state has 21 bytes, want 20"},
		{"other kind", append([]byte("xyz:"), good[4:]...), `does not start with "pcg:"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ref := New(7), New(7)
			r.Uint64()
			ref.Uint64()
			err := r.SetState(tt.state)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, draws(ref), draws(r), "a refused state leaves the generator as it was")
		})
	}
}
