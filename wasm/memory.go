package main

import (
	"encoding/binary"
	"slices"
	"unsafe"
)

// maxAlloc bounds one block from Alloc.
const maxAlloc = 1 << 30

// block is memory the host asked for with Alloc, to write arguments into.
// Its words are kept here so the GC keeps them (Go's GC does not move
// objects, so the address stays valid until Free).
type block struct {
	start uintptr
	n     int      // bytes the host asked for
	words []uint64 // the storage: 8-byte aligned, at least one word
}

// blockTable holds the live blocks, sorted by address.
type blockTable struct{ blocks []block }

// Alloc returns a zeroed block of nbytes for the host to write, or 0 with
// the error set. It leaves the result alone.
func (e *Engine) Alloc(nbytes int32) uintptr {
	var p uintptr
	e.guard("gonn_alloc", true, func() error {
		switch {
		case nbytes < 0:
			return fail(statusBadArgument, "gonn_alloc: negative size %d", nbytes)
		case nbytes > maxAlloc:
			return fail(statusTooLarge, "gonn_alloc: %d bytes is more than the limit of %d", nbytes, maxAlloc)
		}
		p = e.blocks.alloc(int(nbytes))
		return nil
	})
	return p
}

// Free releases a block from Alloc; ptr must be its start. It leaves the
// result alone.
func (e *Engine) Free(ptr uintptr) int32 {
	return e.guard("gonn_free", true, func() error { return e.blocks.free(ptr) })
}

func (t *blockTable) alloc(n int) uintptr {
	words := make([]uint64, max(1, (n+7)/8))
	b := block{start: uintptr(unsafe.Pointer(&words[0])), n: n, words: words}
	i, _ := slices.BinarySearchFunc(t.blocks, b.start, cmpStart)
	t.blocks = slices.Insert(t.blocks, i, b)
	return b.start
}

func (t *blockTable) free(ptr uintptr) error {
	i, ok := slices.BinarySearchFunc(t.blocks, ptr, cmpStart)
	if !ok {
		return fail(statusBadArgument, "gonn_free: %#x is not the start of a block from gonn_alloc (or it was freed)", ptr)
	}
	t.blocks = slices.Delete(t.blocks, i, i+1)
	return nil
}

func cmpStart(b block, p uintptr) int {
	switch {
	case b.start < p:
		return -1
	case b.start > p:
		return 1
	}
	return 0
}

// bytes returns the n bytes at ptr, which must lie inside one live block
// (what names the argument in the error). A length of 0 needs no pointer.
func (t *blockTable) bytes(what string, ptr uintptr, n int32) ([]byte, error) {
	if n < 0 {
		return nil, fail(statusBadArgument, "%s: negative length %d", what, n)
	}
	if n == 0 {
		return nil, nil
	}
	// The last block starting at or before ptr is the only one that can hold it.
	i, found := slices.BinarySearchFunc(t.blocks, ptr, cmpStart)
	if !found {
		i--
	}
	if i >= 0 {
		b := t.blocks[i]
		off := ptr - b.start
		if off <= uintptr(b.n) && uintptr(n) <= uintptr(b.n)-off {
			all := unsafe.Slice((*byte)(unsafe.Pointer(&b.words[0])), b.n)
			return all[off : off+uintptr(n) : off+uintptr(n)], nil
		}
	}
	return nil, fail(statusBadArgument,
		"%s: the %d bytes at %#x are not inside a block from gonn_alloc", what, n, ptr)
}

// addr is the address of b's first byte, or 0 if b is empty.
func addr(b []byte) uintptr {
	if len(b) == 0 {
		return 0
	}
	return uintptr(unsafe.Pointer(&b[0]))
}

// floatBytes views f's storage as bytes. wasm, amd64 and arm64 are all
// little-endian, which is the ABI's byte order.
func floatBytes(f []float32) []byte {
	if len(f) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&f[0])), 4*len(f))
}

// readFloats copies little-endian float32s from b (len(b) = 4·len(dst)),
// whatever b's alignment.
func readFloats(dst []float32, b []byte) { copy(floatBytes(dst), b) }

// readInt32s decodes little-endian int32s.
func readInt32s(b []byte) []int {
	out := make([]int, len(b)/4)
	for i := range out {
		out[i] = int(int32(binary.LittleEndian.Uint32(b[4*i:])))
	}
	return out
}
