package tfjs

// Limits on what Load reads, checked before anything of that size is
// allocated: a hostile or broken file fails with ErrTooLarge instead of
// exhausting memory. They are far above any model a browser trains (the
// engine runs in a 32-bit WebAssembly memory of at most 4 GiB).
const (
	// MaxModelJSONBytes bounds model.json (topology and manifest).
	MaxModelJSONBytes = 16 << 20
	// MaxWeightBytes bounds the weight data of one model: the sum of every
	// manifest entry's size, and the weights the topology would create.
	MaxWeightBytes = 1 << 30
	// MaxWeightEntries bounds the number of weights in the manifest.
	MaxWeightEntries = 100_000
	// MaxShardFiles bounds the number of weight files in the manifest.
	MaxShardFiles = 10_000
	// MaxLayers bounds the number of layers in the topology.
	MaxLayers = 10_000
	// MaxRank bounds the rank of a weight in the manifest.
	MaxRank = 8
)

// DefaultShardBytes is the size at which Save starts a new weight file:
// 4 MiB, the TF.js converter's default (weight_shard_size_bytes).
const DefaultShardBytes = 4 << 20
