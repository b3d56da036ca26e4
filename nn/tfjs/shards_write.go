package tfjs

import (
	"encoding/binary"
	"fmt"
	"math"

	"gonn/nn/ag"
)

// encodeWeights writes the weights back to back as little-endian float32s,
// in the order given, and returns their manifest entries, named by TF.js.
func encodeWeights(ws []*ag.Var) ([]WeightSpec, []byte) {
	specs := make([]WeightSpec, len(ws))
	n := 0
	for i, w := range ws {
		specs[i] = WeightSpec{Name: tfjsName(w.Name), Shape: append([]int{}, w.Shape()...), DType: "float32"}
		n += len(w.Data())
	}
	data := make([]byte, 0, 4*n)
	for _, w := range ws {
		for _, v := range w.Data() {
			data = binary.LittleEndian.AppendUint32(data, math.Float32bits(v))
		}
	}
	return specs, data
}

// splitShards cuts data into files of shardBytes (the last one shorter),
// named as the TF.js converter names them: group1-shard1of3.bin, ….
// A weight may straddle two files: readers concatenate a group's files.
// No data gives no file.
func splitShards(data []byte, shardBytes int) []Shard {
	count := (len(data) + shardBytes - 1) / shardBytes
	shards := make([]Shard, count)
	for i := range shards {
		end := min((i+1)*shardBytes, len(data))
		shards[i] = Shard{Path: fmt.Sprintf("group1-shard%dof%d.bin", i+1, count), Data: data[i*shardBytes : end]}
	}
	return shards
}
