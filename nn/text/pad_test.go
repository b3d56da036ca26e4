package text

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPadSequences(t *testing.T) {
	docs := [][]int{{1}, {2, 3}, {4, 5, 6}} // the example of Keras' pad_sequences documentation
	brief := [][]int{{1, 2, 3}, {4, 5}, {6}}
	tests := []struct {
		name  string
		seqs  [][]int
		cfg   PadConfig
		shape []int
		want  []float32
	}{
		// Keras documentation: pad_sequences(sequence) and variants.
		{"defaults", docs, PadConfig{}, []int{3, 3}, []float32{0, 0, 1, 0, 2, 3, 4, 5, 6}},
		{"value -1", docs, PadConfig{Value: -1}, []int{3, 3}, []float32{-1, -1, 1, -1, 2, 3, 4, 5, 6}},
		{"padding post", docs, PadConfig{Padding: "post"}, []int{3, 3}, []float32{1, 0, 0, 2, 3, 0, 4, 5, 6}},
		{"maxlen 2", docs, PadConfig{MaxLen: 2}, []int{3, 2}, []float32{0, 1, 2, 3, 5, 6}},
		// pad_sequences([[1,2,3],[4,5],[6]], maxlen=2) and the other sides.
		{"pre/pre", brief, PadConfig{MaxLen: 2, Padding: "pre", Truncating: "pre"}, []int{3, 2}, []float32{2, 3, 4, 5, 0, 6}},
		{"post padding", brief, PadConfig{MaxLen: 2, Padding: "post"}, []int{3, 2}, []float32{2, 3, 4, 5, 6, 0}},
		{"post truncating", brief, PadConfig{MaxLen: 2, Truncating: "post"}, []int{3, 2}, []float32{1, 2, 4, 5, 0, 6}},
		{"post/post", brief, PadConfig{MaxLen: 2, Padding: "post", Truncating: "post"}, []int{3, 2}, []float32{1, 2, 4, 5, 6, 0}},
		{"longer maxlen", brief, PadConfig{MaxLen: 4}, []int{3, 4}, []float32{0, 1, 2, 3, 0, 0, 4, 5, 0, 0, 0, 6}},
		{"empty sequence", [][]int{{}, {7}}, PadConfig{MaxLen: 2, Value: 9}, []int{2, 2}, []float32{9, 9, 9, 7}},
		{"all empty", [][]int{{}, {}}, PadConfig{}, []int{2, 0}, []float32{}},
		{"no sequences", nil, PadConfig{MaxLen: 3}, []int{0, 3}, []float32{}},
		{"2^24 is exact", [][]int{{1 << 24, -(1 << 24)}}, PadConfig{}, []int{1, 2}, []float32{1 << 24, -(1 << 24)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := PadSequences(tt.seqs, tt.cfg)
			require.NoError(t, err)
			assert.Equal(t, tt.shape, x.Shape)
			assert.Equal(t, tt.want, x.Data)
		})
	}
	assert.Equal(t, [][]int{{1, 2, 3}, {4, 5}, {6}}, brief, "the input is left alone")
}

func TestPadSequencesErrors(t *testing.T) {
	tests := []struct {
		name string
		seqs [][]int
		cfg  PadConfig
		want string
	}{
		{"padding", nil, PadConfig{Padding: "left"}, `text: PadSequences: padding must be "pre" or "post", got "left"`},
		{"truncating", nil, PadConfig{Truncating: "Post"}, `text: PadSequences: truncating must be "pre" or "post", got "Post"`},
		{"negative maxlen", nil, PadConfig{MaxLen: -1}, "text: PadSequences: maxlen must be >= 0 (0 for the longest sequence), got -1"},
		{"id beyond float32", [][]int{{1}, {2, 1<<24 + 1}}, PadConfig{}, "text: PadSequences: sequence 1 holds 16777217, beyond 2^24"},
		{"too large", make([][]int, 1<<20), PadConfig{MaxLen: 1 << 12}, "text: PadSequences: 1048576 sequences of 4096 are more than a tensor holds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := PadSequences(tt.seqs, tt.cfg)
			require.Error(t, err)
			assert.Nil(t, x)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
