package harness

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"

	"github.com/tetratelabs/wazero/api"
)

// Status codes of docs/abi.md.
const (
	OK            = 0
	BadArgument   = 1
	UnknownHandle = 2
	Shape         = 3
	NonFinite     = 4
	NotReady      = 5
	TooLarge      = 6
	Busy          = 7
	Internal      = 99
)

// Error is a call the engine refused: the export, its status code and the
// engine's message.
type Error struct {
	Func    string
	Code    int32
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: status %d: %s", e.Func, e.Code, e.Message) }

// Engine is one instance of the engine module. Its methods mirror the
// exports; Call and Status reach any export with raw arguments.
type Engine struct {
	ctx context.Context
	mod api.Module
	rt  *Runtime
}

// Close ends the instance and its kernel instance.
func (e *Engine) Close() error {
	if k := e.rt.links.remove(e.mod); k != nil {
		k.mod.Close(e.ctx)
	}
	return e.mod.Close(e.ctx)
}

// Module is the wazero instance.
func (e *Engine) Module() api.Module { return e.mod }

// I32 encodes an i32 argument for Call and Status.
func I32(v int32) uint64 { return api.EncodeI32(v) }

// Call calls an export with raw arguments and returns its raw results; an
// error means the call trapped (or the export does not exist).
func (e *Engine) Call(name string, args ...uint64) ([]uint64, error) {
	fn := e.mod.ExportedFunction(name)
	if fn == nil {
		return nil, fmt.Errorf("harness: the engine exports no %s", name)
	}
	return fn.Call(e.ctx, args...)
}

// Status calls a status export: nil for status 0, an *Error with the
// engine's message otherwise, or the trap.
func (e *Engine) Status(name string, args ...uint64) error {
	res, err := e.Call(name, args...)
	if err != nil {
		return err
	}
	if code := api.DecodeI32(res[0]); code != OK {
		return &Error{Func: name, Code: code, Message: e.errorMessage()}
	}
	return nil
}

// LastError is the engine's last error (nil after a success).
func (e *Engine) LastError() *Error {
	code := e.i32("gonn_error_code")
	if code == OK {
		return nil
	}
	return &Error{Code: code, Message: e.errorMessage()}
}

func (e *Engine) errorMessage() string {
	return string(e.read(e.u32("gonn_error_ptr"), e.u32("gonn_error_len")))
}

// Result is a copy of the last call's result.
func (e *Engine) Result() []byte { return e.read(e.u32("gonn_result_ptr"), e.u32("gonn_result_len")) }

// ResultHandle is the handle made by the last call.
func (e *Engine) ResultHandle() int32 { return e.i32("gonn_result_handle") }

func (e *Engine) i32(name string) int32 {
	res, err := e.Call(name)
	if err != nil {
		panic(err) // an accessor trapped: the instance is dead
	}
	return api.DecodeI32(res[0])
}

func (e *Engine) u32(name string) uint32 { return uint32(e.i32(name)) }

// read copies n bytes of memory at ptr.
func (e *Engine) read(ptr, n uint32) []byte {
	if n == 0 {
		return nil
	}
	b, ok := e.mod.Memory().Read(ptr, n)
	if !ok {
		panic(fmt.Sprintf("harness: %d bytes at %#x are outside memory", n, ptr))
	}
	return append([]byte(nil), b...)
}

// Alloc asks the engine for a block of n bytes.
func (e *Engine) Alloc(n int32) (uint32, error) {
	res, err := e.Call("gonn_alloc", I32(n))
	if err != nil {
		return 0, err
	}
	if p := uint32(res[0]); p != 0 {
		return p, nil
	}
	le := e.LastError()
	le.Func = "gonn_alloc"
	return 0, le
}

// Free returns a block to the engine.
func (e *Engine) Free(ptr uint32) error { return e.Status("gonn_free", uint64(ptr)) }

// Put copies b into a new block and returns it; free it with Free.
func (e *Engine) Put(b []byte) (uint32, error) {
	p, err := e.Alloc(int32(len(b)))
	if err != nil {
		return 0, err
	}
	if !e.mod.Memory().Write(p, b) {
		return 0, fmt.Errorf("harness: writing %d bytes at %#x", len(b), p)
	}
	return p, nil
}

// withBytes runs call with b in a block, freed afterwards.
func (e *Engine) withBytes(b []byte, call func(ptr uint32) error) error {
	p, err := e.Put(b)
	if err != nil {
		return err
	}
	defer e.Free(p)
	return call(p)
}

// withJSON calls a status export whose arguments are args then the JSON
// text s as (ptr, len).
func (e *Engine) withJSON(name, s string, args ...uint64) error {
	return e.withBytes([]byte(s), func(p uint32) error {
		return e.Status(name, append(args, uint64(p), I32(int32(len(s))))...)
	})
}

// jsonResult calls a status export and decodes its JSON result into v.
func (e *Engine) jsonResult(v any, name string, args ...uint64) error {
	if err := e.Status(name, args...); err != nil {
		return err
	}
	if err := json.Unmarshal(e.Result(), v); err != nil {
		return fmt.Errorf("harness: %s result %q: %w", name, e.Result(), err)
	}
	return nil
}

// ABIVersion is the version of docs/abi.md the tests expect the engine (and
// gonn.js) to speak: bumped with the ABI, in one place.
const ABIVersion = 4

// VersionInfo is gonn_version's result.
type VersionInfo struct {
	ABI     int    `json:"abi"`
	Version string `json:"version"`
	Go      string `json:"go"`
}

func (e *Engine) Version() (v VersionInfo, err error) {
	return v, e.jsonResult(&v, "gonn_version")
}

// CreateModel makes a model from a JSON spec.
func (e *Engine) CreateModel(spec string) (int32, error) {
	if err := e.withJSON("gonn_model_create", spec); err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// Compile compiles a model with a JSON config.
func (e *Engine) Compile(h int32, cfg string) error {
	return e.withJSON("gonn_model_compile", cfg, I32(h))
}

// CreateTensor makes a tensor from data of the given shape.
func (e *Engine) CreateTensor(data []float32, shape ...int) (int32, error) {
	sb := make([]byte, 4*len(shape))
	for i, d := range shape {
		binary.LittleEndian.PutUint32(sb[4*i:], uint32(int32(d)))
	}
	err := e.withBytes(floatsLE(data), func(dp uint32) error {
		return e.withBytes(sb, func(sp uint32) error {
			return e.Status("gonn_tensor_create", uint64(dp), I32(int32(len(data))), uint64(sp), I32(int32(len(shape))))
		})
	})
	if err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// TensorShape is a tensor's shape.
func (e *Engine) TensorShape(h int32) (shape []int, err error) {
	return shape, e.jsonResult(&shape, "gonn_tensor_shape", I32(h))
}

// TensorData is a copy of a tensor's data.
func (e *Engine) TensorData(h int32) ([]float32, error) {
	if err := e.Status("gonn_tensor_data", I32(h)); err != nil {
		return nil, err
	}
	return floatsOf(e.Result()), nil
}

// FitBegin starts fitting model h on tensors x and y with a JSON config.
func (e *Engine) FitBegin(h, x, y int32, cfg string) error {
	return e.withJSON("gonn_fit_begin", cfg, I32(h), I32(x), I32(y))
}

// Progress is gonn_fit_step's result. Null numbers (NaN) decode as nil.
type Progress struct {
	Epoch           int                 `json:"epoch"`
	Epochs          int                 `json:"epochs"`
	Batch           int                 `json:"batch"`
	BatchesPerEpoch int                 `json:"batches_per_epoch"`
	Done            bool                `json:"done"`
	Logs            map[string]*float64 `json:"logs"`
	History         HistoryJSON         `json:"history"`
	Raw             json.RawMessage     `json:"-"` // the result as the engine wrote it
}

// HistoryJSON is Keras' History: the epochs done and their logs.
type HistoryJSON struct {
	Epoch   []int                 `json:"epoch"`
	History map[string][]*float64 `json:"history"`
}

// FitStep trains up to n batches.
func (e *Engine) FitStep(h, n int32) (*Progress, error) {
	var p Progress
	if err := e.jsonResult(&p, "gonn_fit_step", I32(h), I32(n)); err != nil {
		return nil, err
	}
	p.Raw = e.Result()
	return &p, nil
}

// Stop ends the model's fit.
func (e *Engine) Stop(h int32) error { return e.Status("gonn_model_stop", I32(h)) }

// Evaluate returns the loss and metrics on (x, y).
func (e *Engine) Evaluate(h, x, y, batchSize int32) (logs map[string]*float64, err error) {
	return logs, e.jsonResult(&logs, "gonn_evaluate", I32(h), I32(x), I32(y), I32(batchSize))
}

// Predict returns the handle of the model's outputs on x.
func (e *Engine) Predict(h, x, batchSize int32) (int32, error) {
	if err := e.Status("gonn_predict", I32(h), I32(x), I32(batchSize)); err != nil {
		return 0, err
	}
	return e.ResultHandle(), nil
}

// Info is gonn_model_info's result, decoded loosely.
func (e *Engine) Info(h int32) (info map[string]any, err error) {
	return info, e.jsonResult(&info, "gonn_model_info", I32(h))
}

// Summary is the model's Keras summary.
func (e *Engine) Summary(h int32) (string, error) {
	if err := e.Status("gonn_model_summary", I32(h)); err != nil {
		return "", err
	}
	return string(e.Result()), nil
}

// SetTrainable freezes or unfreezes layer i.
func (e *Engine) SetTrainable(h, layer int32, trainable bool) error {
	t := int32(0)
	if trainable {
		t = 1
	}
	return e.Status("gonn_model_set_trainable", I32(h), I32(layer), I32(t))
}

// WeightEntry is one weight of gonn_weights_manifest.
type WeightEntry struct {
	Name      string `json:"name"`
	Shape     []int  `json:"shape"`
	Offset    int    `json:"offset"`
	Size      int    `json:"size"`
	Trainable bool   `json:"trainable"`
}

func (e *Engine) WeightsManifest(h int32) (m []WeightEntry, err error) {
	return m, e.jsonResult(&m, "gonn_weights_manifest", I32(h))
}

// Weights returns all weights, concatenated in manifest order.
func (e *Engine) Weights(h int32) ([]float32, error) {
	if err := e.Status("gonn_weights_get", I32(h)); err != nil {
		return nil, err
	}
	return floatsOf(e.Result()), nil
}

// SetWeights sets all weights from the layout of Weights.
func (e *Engine) SetWeights(h int32, w []float32) error {
	b := floatsLE(w)
	return e.withBytes(b, func(p uint32) error {
		return e.Status("gonn_weights_set", I32(h), uint64(p), I32(int32(len(b))))
	})
}

// WeightsHash is the FNV-64a hash of the weights, 16 hex digits.
func (e *Engine) WeightsHash(h int32) (string, error) {
	if err := e.Status("gonn_weights_hash", I32(h)); err != nil {
		return "", err
	}
	return string(e.Result()), nil
}

// Dispose forgets a model or tensor.
func (e *Engine) Dispose(h int32) error { return e.Status("gonn_dispose", I32(h)) }

func floatsLE(f []float32) []byte {
	b := make([]byte, 4*len(f))
	for i, v := range f {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}

func floatsOf(b []byte) []float32 {
	f := make([]float32, len(b)/4)
	for i := range f {
		f[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return f
}
