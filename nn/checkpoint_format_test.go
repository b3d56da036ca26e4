package nn

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/layers"
	"gonn/nn/losses"
	"gonn/nn/optimizers"
	"gonn/nn/rng"
)

// payloadSections writes a payload with an empty model: the spec "{}", a
// good generator state, then the sections given, each written by its
// function (nil: an empty, valid section).
func payloadSections(t *testing.T, weights, optimizer, progress func(e *encoder)) []byte {
	randState, err := rng.New(1).State()
	require.NoError(t, err)
	var e encoder
	e.bytes([]byte("{}"))
	e.u64(1)
	e.bytes(randState)
	for _, section := range []func(e *encoder){weights, optimizer, progress} {
		section(&e)
	}
	return e.buf
}

func noWeights(e *encoder)   { e.u32(0) }
func noOptimizer(e *encoder) { e.u64(0); e.u32(math.Float32bits(0.1)); e.u32(0) }
func atEpoch2(e *encoder)    { e.u32(2); e.u32(0) }
func nothing(*encoder)       {}

// midEpochOrder writes a position after batch 1 of batches of 2, with the
// given order of examples.
func midEpochOrder(order ...uint32) func(e *encoder) {
	return func(e *encoder) {
		e.u32(0)
		e.u32(1)
		e.u32(2)   // batch size
		e.f64(1.5) // loss sum
		e.u32(2)   // seen
		e.u32(1)
		e.str("loss")
		e.f64(0.75)
		e.u32(uint32(len(order)))
		for _, i := range order {
			e.u32(i)
		}
	}
}

// TestDecodeCheckpoint_Structure: a payload whose CRC is right but whose
// structure is not (a crafted file) is refused, naming the section and the
// problem, before anything is allocated from a length it gives.
func TestDecodeCheckpoint_Structure(t *testing.T) {
	tests := []struct {
		name    string
		payload func(t *testing.T) []byte
		want    string
	}{
		{"huge spec", func(t *testing.T) []byte {
			var e encoder
			e.u32(1 << 30)
			return e.buf
		}, "spec section: model spec has 1073741824 bytes, over the limit of 16777216"},
		{"spec not JSON", func(t *testing.T) []byte {
			var e encoder
			e.bytes([]byte("{layers"))
			return e.buf
		}, "spec section: invalid character"},
		{"bad generator state", func(t *testing.T) []byte {
			var e encoder
			e.bytes([]byte("{}"))
			e.u64(1)
			e.bytes([]byte("pcg:short"))
			return e.buf
		}, "generator section: rng: SetState: the state has 9 bytes, want 20"},
		{"a billion weights", func(t *testing.T) []byte {
			return payloadSections(t, func(e *encoder) { e.u32(1 << 30) }, noOptimizer, atEpoch2)
		}, "weights section: the number of weights is 1073741824, more than the"},
		{"rank 200", func(t *testing.T) []byte {
			return payloadSections(t, func(e *encoder) { e.u32(1); e.str("w"); e.u8(200) }, noOptimizer, atEpoch2)
		}, `weights section: weight 0 "w" has rank 200, over the limit of 8`},
		{"overflowing shape", func(t *testing.T) []byte {
			return payloadSections(t, func(e *encoder) {
				e.u32(1)
				e.str("w")
				e.u8(3)
				e.u32(1 << 31)
				e.u32(1 << 31)
				e.u32(1 << 31)
			}, noOptimizer, atEpoch2)
		}, `weights section: weight 0 "w" has shape [2147483648]…: more values than`},
		{"short values", func(t *testing.T) []byte {
			return payloadSections(t, func(e *encoder) { e.u32(1); e.str("w"); e.u8(1); e.u32(3); e.u32(0) }, nothing, nothing)
		}, `weights section: weight 0 "w" has shape [3]…: more values than the 4 bytes left`},
		{"too many slots", func(t *testing.T) []byte {
			return payloadSections(t, noWeights, func(e *encoder) { e.u64(0); e.u32(0); e.u32(1 << 23) }, atEpoch2)
		}, "optimizer section: the number of slots is 8388608"},
		{"no progress", func(t *testing.T) []byte {
			return payloadSections(t, noWeights, noOptimizer, nothing)
		}, "progress section: epochs done needs 4 bytes, 0 left"},
		{"order not a permutation", func(t *testing.T) []byte {
			return payloadSections(t, noWeights, noOptimizer, midEpochOrder(0, 2, 2, 1))
		}, "progress section: the order of examples is not a permutation (index 2 at 2)"},
		{"index out of range", func(t *testing.T) []byte {
			return payloadSections(t, noWeights, noOptimizer, midEpochOrder(0, 9))
		}, "not a permutation (index 9 at 1)"},
		{"past the epoch's end", func(t *testing.T) []byte {
			return payloadSections(t, noWeights, noOptimizer, midEpochOrder(1, 0))
		}, "1 batches of 2 done of 2 examples (2 seen) is not inside an epoch"},
		{"left over bytes", func(t *testing.T) []byte {
			return append(payloadSections(t, noWeights, noOptimizer, atEpoch2), 0)
		}, "progress section: 1 bytes left over after the last section"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeCheckpoint(tt.payload(t))
			require.ErrorIs(t, err, ErrCheckpointCorrupt)
			assert.Contains(t, err.Error(), tt.want)

			// Framed with a right CRC, LoadCheckpoint says the same.
			var file bytes.Buffer
			require.NoError(t, writeFramed(&file, tt.payload(t)))
			m := NewSequential(layers.NewInput(3), layers.NewDense(2, ""))
			require.NoError(t, m.Compile(optimizers.NewSGD(), losses.MeanSquaredError{}))
			err = m.LoadCheckpoint(&file)
			require.ErrorIs(t, err, ErrCheckpointCorrupt)
			assert.Contains(t, err.Error(), tt.want)
			assert.False(t, m.Built(), "a refused checkpoint built the model")
		})
	}

	// The valid payloads of this test decode, so the cases above fail for
	// the reason they name.
	for _, progress := range []func(e *encoder){atEpoch2, midEpochOrder(1, 0, 3, 2)} {
		ck, err := decodeCheckpoint(payloadSections(t, noWeights, noOptimizer, progress))
		require.NoError(t, err)
		assert.Equal(t, float32(0.1), ck.opt.LearningRate)
		if ck.position.batch > 0 {
			assert.Equal(t, []int{1, 0, 3, 2}, ck.position.order)
			assert.Equal(t, Logs{"loss": 0.75}, ck.position.logs)
		}
	}
}
