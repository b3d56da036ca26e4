package main

import (
	"encoding/json"
	"runtime"
)

// ABIVersion is the version of docs/abi.md this engine implements.
const ABIVersion = 4

// Version is the engine's version.
const Version = "0.1.0"

// Engine is the state behind the exports: the handle table, the host's
// memory blocks, the result of the last call and its error. The module
// holds one (eng); tests make their own.
type Engine struct {
	handles handleTable
	blocks  blockTable

	result       []byte // the last call's result; kept here so the GC keeps it
	resultHandle int32

	errCode int32
	errMsg  []byte
}

// eng is the engine the exports use.
var eng = NewEngine()

// NewEngine returns an engine with no handles and no blocks.
func NewEngine() *Engine { return &Engine{} }

// Version puts {"abi", "version", "go"} in the result.
func (e *Engine) Version() int32 {
	return e.guard("gonn_version", false, func() error {
		return e.setJSON(struct {
			ABI     int    `json:"abi"`
			Version string `json:"version"`
			Go      string `json:"go"`
		}{ABIVersion, Version, runtime.Version()})
	})
}

// Dispose forgets a model or a tensor.
func (e *Engine) Dispose(h int32) int32 {
	return e.guard("gonn_dispose", false, func() error { return e.handles.remove(h) })
}

// The accessors below cannot fail and change nothing.

// ErrorCode is the status of the last failed call, 0 after a success.
func (e *Engine) ErrorCode() int32 { return e.errCode }

// ErrorPtr points at the last error's message.
func (e *Engine) ErrorPtr() uintptr { return addr(e.errMsg) }

// ErrorLen is the length of the last error's message.
func (e *Engine) ErrorLen() int32 { return int32(len(e.errMsg)) }

// ResultPtr points at the last call's result.
func (e *Engine) ResultPtr() uintptr { return addr(e.result) }

// ResultLen is the length in bytes of the last call's result.
func (e *Engine) ResultLen() int32 { return int32(len(e.result)) }

// ResultHandle is the handle made by the last call, or 0.
func (e *Engine) ResultHandle() int32 { return e.resultHandle }

func (e *Engine) clearResult() { e.result, e.resultHandle = nil, 0 }

// setResult makes b the result.
func (e *Engine) setResult(b []byte) { e.result = b }

// setJSON makes v, as JSON, the result.
func (e *Engine) setJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	e.result = b
	return nil
}
