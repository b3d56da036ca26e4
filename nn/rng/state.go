package rng

import (
	"bytes"
	"fmt"
)

// StateSize is the length of a state from State: the 4 bytes "pcg:" and
// the generator's two 64-bit words, big-endian (math/rand/v2's PCG
// encoding).
const StateSize = 20

// State returns the generator's state, StateSize bytes. A Rand given it by
// SetState, in this process or another, draws the same numbers from then on:
// it is how a checkpoint saves and resumes a run.
func (r *Rand) State() ([]byte, error) { return r.pcg.MarshalBinary() }

// SetState restores a state returned by State. A state of the wrong length
// or kind is an error naming what was wrong, and the generator is left as
// it was.
func (r *Rand) SetState(b []byte) error {
	if len(b) != StateSize {
		return fmt.Errorf("rng: SetState: the state has %d bytes, want %d", len(b), StateSize)
	}
	if !bytes.HasPrefix(b, []byte("pcg:")) {
		return fmt.Errorf("rng: SetState: the state does not start with \"pcg:\" (%q): not a PCG state", b[:4])
	}
	if err := r.pcg.UnmarshalBinary(b); err != nil {
		return fmt.Errorf("rng: SetState: %w", err)
	}
	return nil
}
