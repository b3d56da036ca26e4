//go:build wasip1

package main

// The exports of data-parallel training (docs/abi.md, "Data-parallel
// training"; parallel.go, replica.go), one line each, as in exports.go.

//go:wasmexport gonn_fit_shards
func gonnFitShards(h int32) int32 { return eng.FitShards(h) }

//go:wasmexport gonn_fit_leader_shard
func gonnFitLeaderShard(h int32) int32 { return eng.FitLeaderShard(h) }

//go:wasmexport gonn_fit_finish
func gonnFitFinish(h int32, ptr uint32, nbytes int32) int32 {
	return eng.FitFinish(h, uintptr(ptr), nbytes)
}

//go:wasmexport gonn_fit_abort
func gonnFitAbort(h int32) int32 { return eng.FitAbort(h) }

//go:wasmexport gonn_replica_create
func gonnReplicaCreate(ptr uint32, n int32) int32 { return eng.ReplicaCreate(uintptr(ptr), n) }

//go:wasmexport gonn_shard_gradients
func gonnShardGradients(h int32, ptr uint32, nbytes int32) int32 {
	return eng.ShardGradients(h, uintptr(ptr), nbytes)
}
