package nn

import (
	"encoding/binary"
	"hash/fnv"
	"math"
)

// WeightsHash is the FNV-64a hash of the bits of every weight, layer by
// layer in Keras order, each float32 as 4 little-endian bytes. Two models
// hash alike exactly when their weights are bit-identical: the determinism
// tests compare it across platforms, and the engine exports it
// (gonn_weights_hash, as 16 hex digits).
func (m *Sequential) WeightsHash() uint64 {
	h := fnv.New64a()
	var buf [4]byte
	for _, w := range m.Weights() {
		for _, v := range w.Data() {
			binary.LittleEndian.PutUint32(buf[:], math.Float32bits(v))
			h.Write(buf[:])
		}
	}
	return h.Sum64()
}
