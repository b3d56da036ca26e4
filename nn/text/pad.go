package text

import (
	"fmt"

	"gonn/nn/tensor"
)

// PadConfig holds the arguments of Keras' pad_sequences. Its zero value is
// Keras' defaults: pad and truncate at the start ("pre"), to the longest
// sequence, with 0.
type PadConfig struct {
	// MaxLen is the length of every output row; 0 is Keras' None: the
	// length of the longest sequence.
	MaxLen int
	// Padding is where short sequences get their padding: "pre" (before,
	// the default; "" means "pre") or "post" (after).
	Padding string
	// Truncating is where long sequences lose values: "pre" (their first
	// values, the default; "" means "pre") or "post" (their last values).
	Truncating string
	// Value fills the padding.
	Value float32
}

// maxExactID is the largest integer from which every smaller one is a
// float32 exactly (2^24).
const maxExactID = 1 << 24

// PadSequences is Keras' pad_sequences: it makes every sequence MaxLen long
// and returns them as one (len(seqs), MaxLen) tensor, ready for an Embedding
// layer. gonn's tensors are float32 (Keras' dtype argument has no
// counterpart): an id above 2^24 in magnitude, which float32 cannot hold
// exactly, is an error. Keras examples:
//
//	PadSequences([[1 2 3] [4 5] [6]], PadConfig{MaxLen: 2}) → [[2 3] [4 5] [0 6]]
//	PadSequences([[1 2 3] [4 5] [6]], PadConfig{})           → [[1 2 3] [0 4 5] [0 0 6]]
func PadSequences(seqs [][]int, cfg PadConfig) (*tensor.Tensor, error) {
	padPost, err := side("padding", cfg.Padding)
	if err != nil {
		return nil, err
	}
	truncPost, err := side("truncating", cfg.Truncating)
	if err != nil {
		return nil, err
	}
	if cfg.MaxLen < 0 {
		return nil, fmt.Errorf("text: PadSequences: maxlen must be >= 0 (0 for the longest sequence), got %d", cfg.MaxLen)
	}
	maxLen := cfg.MaxLen
	if maxLen == 0 {
		for _, s := range seqs {
			maxLen = max(maxLen, len(s))
		}
	}
	if len(seqs) > 0 && maxLen > tensor.MaxElements/len(seqs) {
		return nil, fmt.Errorf("text: PadSequences: %d sequences of %d are more than a tensor holds", len(seqs), maxLen)
	}
	out := tensor.Full(cfg.Value, len(seqs), maxLen)
	for i, s := range seqs {
		if len(s) > maxLen {
			if truncPost {
				s = s[:maxLen]
			} else {
				s = s[len(s)-maxLen:]
			}
		}
		row := out.Data[i*maxLen : (i+1)*maxLen]
		if !padPost {
			row = row[maxLen-len(s):]
		}
		for j, id := range s {
			if id > maxExactID || id < -maxExactID {
				return nil, fmt.Errorf("text: PadSequences: sequence %d holds %d, beyond 2^24: float32 cannot hold it exactly", i, id)
			}
			row[j] = float32(id)
		}
	}
	return out, nil
}

// side reads a padding or truncating argument: false for "pre", true for
// "post".
func side(arg, v string) (post bool, err error) {
	switch v {
	case "", "pre":
		return false, nil
	case "post":
		return true, nil
	}
	return false, fmt.Errorf("text: PadSequences: %s must be \"pre\" or \"post\", got %q", arg, v)
}
