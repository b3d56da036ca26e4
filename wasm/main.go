// Command wasm is gonn's engine module: the nn/ engine behind a small ABI of
// handles, pointers and status codes (docs/abi.md), built as a WASI reactor:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -o engine.wasm ./wasm
//
// The exports live in the exports*.go and kernels_wasip1.go files, the only
// wasip1 files: each export is one line calling a method of Engine, so everything else (argument checks, status
// codes, panic recovery, JSON) is plain Go, built and tested natively with
// go test ./wasm/. Engine methods take the ABI's scalars: pointers as
// uintptr into blocks from Alloc, lengths and handles as int32.
package main

func main() {}
