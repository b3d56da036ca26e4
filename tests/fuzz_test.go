package tests

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"gonn/tests/harness"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero/api"
)

// FuzzABI drives a fresh engine instance per input (GONN_FUZZ_REUSE: see
// fuzzReuse) through a sequence of
// export calls decoded from the input (abiFuzzer.step: a byte picks the
// export, the next bytes its arguments, random or plausible: handles issued
// earlier, pointers inside, past and outside gonn_alloc blocks, JSON built
// from valid and invalid fragments, shapes, NaN floats). The properties:
//
//   - no call traps (the instance never dies);
//   - every status is a code of docs/abi.md other than internal, a failure
//     sets gonn_error_code to it with a non-empty UTF-8 message starting
//     with the export's name, a success leaves no error, and the result
//     lies inside memory (and is JSON where the ABI says so);
//   - afterwards the instance still trains a tiny model exactly as a fresh
//     one does (fuzzCanary: same predictions, same weight hash).
//
// The seed corpus in testdata/fuzz/FuzzABI runs as a plain test
// (GONN_FUZZ_LOG=1 with -v logs each input's calls). To fuzz:
//
//	GONN_FUZZ_REUSE=1000 go test ./tests/ -run '^$' -fuzz FuzzABI -fuzztime 20m -fuzzminimizetime 0 -timeout 0
//
// (results/fuzz.md records the runs and why those flags). Sizes stay small
// or past the limits (never at a 1 GiB limit, which only costs time), and
// fits have few examples and epochs, so that an input runs in milliseconds. Running out of the 4 GiB address space is a
// documented trap (docs/abi.md, Limits): an input that gets there is skipped,
// not failed.
func FuzzABI(f *testing.F) {
	rt := fuzzRuntime(f)
	want := fuzzReference(f, rt)
	pool := &fuzzPool{rt: rt, reuse: fuzzReuse(f)}
	f.Fuzz(func(t *testing.T, in []byte) {
		e, out, used := pool.get(t)
		ok := false
		defer func() { pool.put(e, ok) }()
		z := &abiFuzzer{t: t, e: e, in: in, out: out, fresh: used == 0}
		if used > 0 {
			z.log = append(z.log, fmt.Sprintf("(an instance that ran %d inputs before: GONN_FUZZ_REUSE)", used))
		}
		for range maxFuzzOps {
			if len(z.in) == 0 {
				break
			}
			z.step()
		}
		got, err := fuzzCanary(e)
		if err != nil {
			z.fail("the canary after the sequence failed: %v", err)
		}
		if got != want {
			z.fail("the canary after the sequence gave %+v, a fresh instance %+v", got, want)
		}
		ok = true
		if os.Getenv("GONN_FUZZ_LOG") != "" {
			t.Logf("calls (→ status):\n  %s", strings.Join(z.log, "\n  "))
		}
	})
}

// fuzzReuse is GONN_FUZZ_REUSE: how many inputs one instance runs before a
// fresh one replaces it. The default, 1, gives every input a fresh instance
// (reproducible: what the seed corpus and minimization want); instantiating
// costs about as much as the rest of an input, so a long run may reuse
// instances for speed. A failure then names how many inputs ran before it;
// replay it with the default to see whether it needs them.
func fuzzReuse(t testing.TB) int {
	s := os.Getenv("GONN_FUZZ_REUSE")
	if s == "" {
		return 1
	}
	n, err := strconv.Atoi(s)
	require.NoError(t, err, "GONN_FUZZ_REUSE")
	return max(n, 1)
}

// fuzzPool hands out engine instances to FuzzABI, each for up to reuse
// inputs (and while its memory stays under 256 MiB).
type fuzzPool struct {
	rt    *harness.Runtime
	reuse int

	mu   sync.Mutex
	e    *harness.Engine
	out  *bytes.Buffer
	used int
}

func (p *fuzzPool) get(t *testing.T) (*harness.Engine, *bytes.Buffer, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.e != nil && p.used < p.reuse && p.e.Module().Memory().Size() < 256<<20 {
		e, out, used := p.e, p.out, p.used
		p.e, p.used = nil, used+1
		out.Reset()
		return e, out, used
	}
	if p.e != nil {
		p.e.Close()
		p.e = nil
	}
	out := &bytes.Buffer{}
	e, err := p.rt.Instantiate(context.Background(), out)
	require.NoError(t, err)
	p.out, p.used = out, 1
	return e, out, 0
}

// put takes an instance back, unless its input failed or was skipped.
func (p *fuzzPool) put(e *harness.Engine, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !ok || p.e != nil {
		e.Close()
		return
	}
	p.e = e
}

// maxFuzzOps bounds the calls of one input.
const maxFuzzOps = 64

// canaryResult is what fuzzCanary observes.
type canaryResult struct {
	hash, predict string
}

// fuzzCanary makes a tiny model, compiles it, fits one batch, predicts and
// disposes everything: the fixed valid call that every instance must answer
// alike whatever ran before it.
func fuzzCanary(e *harness.Engine) (canaryResult, error) {
	var r canaryResult
	if _, err := e.Version(); err != nil {
		return r, err
	}
	m, err := e.CreateModel(`{"seed": 7, "layers": [
		{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4]}},
		{"class_name": "Dense", "config": {"units": 5, "activation": "relu"}},
		{"class_name": "Dense", "config": {"units": 3, "activation": "softmax"}}]}`)
	if err != nil {
		return r, err
	}
	defer e.Dispose(m)
	if err := e.Compile(m, `{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`); err != nil {
		return r, err
	}
	xs, ys := make([]float32, 8*4), make([]float32, 8*3)
	for i := range xs {
		xs[i] = float32(i%7) / 7
	}
	for i := range 8 {
		ys[i*3+i%3] = 1
	}
	x, err := e.CreateTensor(xs, 8, 4)
	if err != nil {
		return r, err
	}
	defer e.Dispose(x)
	y, err := e.CreateTensor(ys, 8, 3)
	if err != nil {
		return r, err
	}
	defer e.Dispose(y)
	if err := e.FitBegin(m, x, y, `{"batch_size": 8, "seed": 3}`); err != nil {
		return r, err
	}
	if _, err := e.FitStep(m, 1); err != nil {
		return r, err
	}
	p, err := e.Predict(m, x, 0)
	if err != nil {
		return r, err
	}
	defer e.Dispose(p)
	pd, err := e.TensorData(p)
	if err != nil {
		return r, err
	}
	r.predict = fmt.Sprint(pd)
	r.hash, err = e.WeightsHash(m)
	return r, err
}

// fuzzReference is the canary's result on a fresh instance.
func fuzzReference(t testing.TB, rt *harness.Runtime) canaryResult {
	t.Helper()
	r, err := fuzzReferenceOnce(rt)
	require.NoError(t, err)
	return r
}

// fuzzRuntime is the shared runtime; but -fuzz's workers, processes of
// their own, load the engine their coordinator built (GONN_FUZZ_ENGINE,
// which it sets for them) rather than each building it again.
func fuzzRuntime(f *testing.F) *harness.Runtime {
	if p := os.Getenv("GONN_FUZZ_ENGINE"); p != "" {
		if _, err := os.Stat(p); err == nil {
			rt, err := harness.NewRuntime(context.Background(), p, mustCacheDir(f))
			require.NoError(f, err)
			f.Cleanup(func() { rt.Close(context.Background()) })
			return rt
		}
	}
	rt := runtime(f)
	f.Setenv("GONN_FUZZ_ENGINE", built.path)
	return rt
}

var fuzzRef struct {
	once sync.Once
	r    canaryResult
	err  error
}

func fuzzReferenceOnce(rt *harness.Runtime) (canaryResult, error) {
	fuzzRef.once.Do(func() {
		e, err := rt.Instantiate(context.Background(), &bytes.Buffer{})
		if err != nil {
			fuzzRef.err = err
			return
		}
		defer e.Close()
		fuzzRef.r, fuzzRef.err = fuzzCanary(e)
	})
	return fuzzRef.r, fuzzRef.err
}

// span is a (ptr, len) range of engine memory.
type span struct {
	ptr uint32
	n   int32
}

// view is a tensor's storage, from gonn_tensor_data.
type view struct {
	h int32
	span
}

// abiFuzzer decodes a fuzz input into export calls and checks each.
type abiFuzzer struct {
	t   *testing.T
	e   *harness.Engine
	in  []byte
	out *bytes.Buffer // the engine's stdout and stderr
	// fresh is false when the instance ran inputs before this one, whose
	// blocks the fuzzer does not know.
	fresh bool

	handles []int32 // every handle issued, disposed ones too
	blocks  []span  // live gonn_alloc blocks
	freed   []span  // freed ones
	views   []view  // gonn_tensor_data results of live tensors
	log     []string

	lastHandleArg int32 // the handle of the last gonn_tensor_data call
}

// byte_ is the next input byte, 0 once the input is used up.
func (z *abiFuzzer) byte_() byte {
	if len(z.in) == 0 {
		return 0
	}
	b := z.in[0]
	z.in = z.in[1:]
	return b
}

func (z *abiFuzzer) u32() uint32 {
	var b [4]byte
	for i := range b {
		b[i] = z.byte_()
	}
	return binary.LittleEndian.Uint32(b[:])
}

// pick returns one of the choices, chosen by the next byte.
func pick[T any](z *abiFuzzer, choices ...T) T { return choices[int(z.byte_())%len(choices)] }

// fail reports a broken property with the calls that led to it and the
// engine's output.
func (z *abiFuzzer) fail(format string, args ...any) {
	z.t.Helper()
	z.t.Fatalf("%s\ncalls:\n  %s\nengine output:\n%s", fmt.Sprintf(format, args...), strings.Join(z.log, "\n  "), z.out.String())
}

// call calls an export and fails on a trap. Running out of the wasm address
// space is the one documented trap: the input is skipped.
func (z *abiFuzzer) call(name string, args ...uint64) uint64 {
	z.t.Helper()
	z.log = append(z.log, fmt.Sprintf("%s%v", name, fmtArgs(args)))
	return z.rawCall(name, args...)
}

// rawCall is call without the log entry (for accessors).
func (z *abiFuzzer) rawCall(name string, args ...uint64) uint64 {
	z.t.Helper()
	res, err := z.e.Call(name, args...)
	if err != nil {
		if strings.Contains(z.out.String(), "out of memory") {
			z.t.Skipf("ran out of the wasm address space (a documented trap): %v", err)
		}
		z.fail("%s trapped: %v", name, err)
	}
	return res[0]
}

func fmtArgs(args []uint64) []int32 {
	out := make([]int32, len(args))
	for i, a := range args {
		out[i] = api.DecodeI32(a)
	}
	return out
}

// acc reads an accessor.
func (z *abiFuzzer) acc(name string) uint32 { return uint32(z.rawCall(name)) }

// knownStatus are the codes of docs/abi.md but ok and internal.
var knownStatus = map[int32]bool{harness.BadArgument: true, harness.UnknownHandle: true, harness.Shape: true,
	harness.NonFinite: true, harness.NotReady: true, harness.TooLarge: true, harness.Busy: true}

// status calls a status export and checks the error state it leaves.
func (z *abiFuzzer) status(name string, args ...uint64) int32 {
	z.t.Helper()
	code := api.DecodeI32(z.call(name, args...))
	z.log[len(z.log)-1] += fmt.Sprintf(" → %d", code)
	z.checkError(name, code)
	if code == harness.OK {
		z.checkResult(name)
	}
	return code
}

// checkError checks gonn_error_code and the message against a status.
func (z *abiFuzzer) checkError(name string, code int32) {
	z.t.Helper()
	ec, elen := int32(z.acc("gonn_error_code")), z.acc("gonn_error_len")
	if code == harness.OK {
		if ec != 0 || elen != 0 {
			z.fail("%s succeeded but left error %d (%d bytes)", name, ec, elen)
		}
		return
	}
	msg := string(z.read("error message", z.acc("gonn_error_ptr"), elen))
	z.log[len(z.log)-1] += fmt.Sprintf(": %.100q", msg)
	switch {
	case code == harness.Internal:
		z.fail("%s: internal error (an engine bug): %s", name, msg)
	case !knownStatus[code]:
		z.fail("%s returned unknown status %d: %s", name, code, msg)
	case ec != code:
		z.fail("%s returned %d but gonn_error_code is %d", name, code, ec)
	case elen == 0:
		z.fail("%s returned %d with an empty message", name, code)
	case !strings.HasPrefix(msg, name+":") || !utf8.ValidString(msg):
		z.fail("%s: message does not start with the export's name or is not UTF-8: %q", name, msg)
	}
}

// jsonResults are the exports whose result is JSON.
var jsonResults = map[string]bool{"gonn_version": true, "gonn_tensor_shape": true, "gonn_model_info": true,
	"gonn_fit_step": true, "gonn_evaluate": true, "gonn_weights_manifest": true}

// checkResult checks a success's result: inside memory, JSON where due.
func (z *abiFuzzer) checkResult(name string) {
	z.t.Helper()
	ptr, n := z.acc("gonn_result_ptr"), z.acc("gonn_result_len")
	b := z.read("result", ptr, n)
	if jsonResults[name] && !json.Valid(b) {
		z.fail("%s: the result is not JSON: %q", name, b)
	}
	if name == "gonn_tensor_data" {
		z.views = append(z.views, view{z.lastHandleArg, span{ptr, int32(n)}})
	}
}

// read copies memory, failing if the range is outside it.
func (z *abiFuzzer) read(what string, ptr, n uint32) []byte {
	z.t.Helper()
	if n == 0 {
		return nil
	}
	b, ok := z.e.Module().Memory().Read(ptr, n)
	if !ok {
		z.fail("%s: %d bytes at %#x are outside memory (%d bytes)", what, n, ptr, z.e.Module().Memory().Size())
	}
	return b
}

// made records the handle a successful call made.
func (z *abiFuzzer) made(name string, code int32) {
	z.t.Helper()
	h := int32(z.acc("gonn_result_handle"))
	switch {
	case code == harness.OK && h <= 0:
		z.fail("%s succeeded without a handle", name)
	case code != harness.OK && h != 0:
		z.fail("%s failed but left handle %d", name, h)
	case code == harness.OK:
		z.handles = append(z.handles, h)
	}
}

// alloc calls gonn_alloc and checks its block.
func (z *abiFuzzer) alloc(n int32) uint32 {
	z.t.Helper()
	before, beforeLen := z.acc("gonn_error_code"), z.acc("gonn_error_len")
	p := uint32(z.call("gonn_alloc", harness.I32(n)))
	if p == 0 {
		z.checkError("gonn_alloc", int32(z.acc("gonn_error_code")))
		if n >= 0 && n <= 1<<30 {
			z.fail("gonn_alloc(%d) failed", n)
		}
		return 0
	}
	if ec, el := z.acc("gonn_error_code"), z.acc("gonn_error_len"); ec != before || el != beforeLen {
		z.fail("gonn_alloc changed the last error: %d → %d", before, ec)
	}
	if p%8 != 0 {
		z.fail("gonn_alloc(%d) = %#x is not 8-byte aligned", n, p)
	}
	z.read("block", p, uint32(n))
	z.blocks = append(z.blocks, span{p, n})
	return p
}

// free calls gonn_free, which leaves the last error alone when it works.
func (z *abiFuzzer) free(p uint32) int32 {
	z.t.Helper()
	before, beforeLen := z.acc("gonn_error_code"), z.acc("gonn_error_len")
	code := api.DecodeI32(z.call("gonn_free", uint64(p)))
	if code != harness.OK {
		z.checkError("gonn_free", code)
	} else if ec, el := z.acc("gonn_error_code"), z.acc("gonn_error_len"); ec != before || el != beforeLen {
		z.fail("gonn_free changed the last error: %d → %d", before, ec)
	}
	return code
}

// put copies b into a new block.
func (z *abiFuzzer) put(b []byte) uint32 {
	p := z.alloc(int32(len(b)))
	if p != 0 && !z.e.Module().Memory().Write(p, b) {
		z.fail("writing %d bytes at %#x", len(b), p)
	}
	return p
}

// handle is a handle argument: mostly one issued before (maybe disposed),
// sometimes 0, negative, never issued or random.
func (z *abiFuzzer) handle() int32 {
	sel := z.byte_()
	if len(z.handles) > 0 && sel >= 64 {
		return z.handles[int(z.byte_())%len(z.handles)]
	}
	switch sel % 5 {
	case 0:
		return 0
	case 1:
		return -1
	case 2:
		return int32(len(z.handles) + 1 + int(sel))
	case 3:
		return int32(z.u32())
	}
	if len(z.handles) > 0 {
		return z.handles[len(z.handles)-1]
	}
	return 1
}

// ptr is a pointer argument for n bytes: 0, random, inside a live block,
// at a block's end, in a freed block, in a tensor's data or past memory.
func (z *abiFuzzer) ptr(n int32) uint32 {
	sel := z.byte_()
	from := func(s []span) (span, bool) {
		if len(s) == 0 {
			return span{}, false
		}
		return s[int(z.byte_())%len(s)], true
	}
	switch sel % 8 {
	case 0:
		return 0
	case 1:
		return z.u32()
	case 2:
		if b, ok := from(z.blocks); ok {
			return b.ptr + uint32(b.n) - uint32(max(n, 0)) + uint32(z.byte_()%3) // at, or just past, the end
		}
	case 3:
		if b, ok := from(z.freed); ok {
			return b.ptr
		}
	case 4:
		if len(z.views) > 0 {
			return z.views[int(z.byte_())%len(z.views)].ptr
		}
	case 5:
		return z.e.Module().Memory().Size() - uint32(z.byte_())
	}
	if b, ok := from(z.blocks); ok {
		if sel%3 == 0 && b.n > 0 {
			return b.ptr + uint32(z.byte_())%uint32(b.n)
		}
		return b.ptr
	}
	return z.u32()
}

// length is a size argument: small, moderate, negative or past a limit,
// never a valid size near a 1 GiB limit (which would only cost time).
func (z *abiFuzzer) length() int32 {
	switch sel := z.byte_(); sel % 8 {
	case 0:
		return -int32(z.byte_()) - 1
	case 1:
		return pick(z, int32(math.MaxInt32), math.MinInt32, 1<<28+1, 1<<30+1, 32<<20+1)
	case 2:
		return int32(z.byte_())<<4 | int32(z.byte_()&15)
	default:
		return int32(sel % 17)
	}
}

// smallInt is a batch size, layer index or step count: small or invalid.
func (z *abiFuzzer) smallInt() int32 {
	switch sel := z.byte_(); sel % 6 {
	case 0:
		return pick(z, int32(-1), math.MinInt32, math.MaxInt32, 1<<30+1, 1<<30)
	default:
		return int32(sel % 9)
	}
}

// floats are the tensor values the fuzzer writes.
var floats = []float32{0, 1, -1, 0.5, 3, 7, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
	math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32, 1e-20, 2.5e9}

// floatsOf is n floats: all one value of floats, or varied small values
// with one of floats every fifth.
func (z *abiFuzzer) floatsOf(n int) []byte {
	b := make([]byte, 4*n)
	k, vary := int(z.byte_()), z.byte_()%2 == 0
	for i := range n {
		v := floats[k%len(floats)]
		if vary && i%5 != 0 {
			v = float32((k+i)%5) / 4
		} else if vary {
			v = floats[(k+i*7)%len(floats)]
		}
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}

// dims are tensor dimensions: fitting the specs' shapes, or bad.
func (z *abiFuzzer) dims() []int32 {
	rank := int(z.byte_() % 5)
	if rank == 4 && z.byte_()%4 == 0 {
		rank = pick(z, 9, 100, 0)
	}
	shape := make([]int32, rank)
	for i := range shape {
		shape[i] = pick(z, int32(4), 4, 2, 1, 3, 8, 0, 5, 6, 10, -3, 1<<28+1, 1<<20)
	}
	return shape
}

// step decodes and makes one call.
func (z *abiFuzzer) step() {
	z.t.Helper()
	switch op := z.byte_() % 24; op {
	case 0:
		n := z.length()
		if n > 1<<16 && n <= 1<<30 {
			n = 1<<30 + 1 // past the limit: a real 256 MiB block only costs time
		}
		z.alloc(n)
	case 1:
		p := z.ptr(0)
		code := z.free(p)
		for i, b := range z.blocks {
			if b.ptr == p && code == harness.OK {
				z.freed = append(z.freed, b)
				z.blocks = append(z.blocks[:i], z.blocks[i+1:]...)
				return
			}
		}
		if code == harness.OK && z.fresh {
			z.fail("gonn_free(%#x) freed a pointer that is no block's start", p)
		}
	case 2:
		z.status("gonn_version")
	case 3:
		h := z.handle()
		if z.status("gonn_dispose", harness.I32(h)) == harness.OK {
			// Its storage is the engine's again: never write there.
			z.views = slices.DeleteFunc(z.views, func(v view) bool { return v.h == h })
		}
	case 4, 5:
		z.tensorCreate()
	case 6:
		z.status("gonn_tensor_shape", harness.I32(z.handle()))
	case 7:
		z.lastHandleArg = z.handle()
		z.status("gonn_tensor_data", harness.I32(z.lastHandleArg))
	case 8, 9:
		p, n := z.jsonArg(z.modelSpec())
		z.made("gonn_model_create", z.status("gonn_model_create", uint64(p), harness.I32(n)))
	case 10:
		h := z.handle()
		p, n := z.jsonArg(z.compileSpec())
		z.status("gonn_model_compile", harness.I32(h), uint64(p), harness.I32(n))
	case 11:
		z.status("gonn_model_info", harness.I32(z.handle()))
	case 12:
		z.status("gonn_model_summary", harness.I32(z.handle()))
	case 13:
		h, l := z.handle(), z.smallInt()
		z.status("gonn_model_set_trainable", harness.I32(h), harness.I32(l), harness.I32(int32(z.byte_()%3)))
	case 14:
		z.status("gonn_model_stop", harness.I32(z.handle()))
	case 15, 16:
		h, x, y := z.handle(), z.handle(), z.handle()
		p, n := z.jsonArg(z.fitSpec())
		z.status("gonn_fit_begin", harness.I32(h), harness.I32(x), harness.I32(y), uint64(p), harness.I32(n))
	case 17:
		if z.byte_()%4 == 0 {
			z.fuzzParallel() // parallel_test.go: data-parallel training
			return
		}
		h, n := z.handle(), z.smallInt()
		z.status("gonn_fit_step", harness.I32(h), harness.I32(n))
	case 18:
		h, x, y, bs := z.handle(), z.handle(), z.handle(), z.smallInt()
		z.status("gonn_evaluate", harness.I32(h), harness.I32(x), harness.I32(y), harness.I32(bs))
	case 19:
		if z.byte_()%3 == 0 {
			z.fuzzMore() // inspect_test.go: custom loops, inspection, composition, GANs
			return
		}
		h, x, bs := z.handle(), z.handle(), z.smallInt()
		z.made("gonn_predict", z.status("gonn_predict", harness.I32(h), harness.I32(x), harness.I32(bs)))
	case 20:
		z.status(pick(z, "gonn_weights_manifest", "gonn_weights_get", "gonn_weights_hash",
			"gonn_model_save", "gonn_model_checkpoint"), harness.I32(z.handle()))
	case 21:
		pick(z, z.weightsSet, z.modelLoad, z.modelRestore)() // saveload_test.go
	case 22:
		// Write into a tensor's storage in place, as a host may.
		if len(z.views) > 0 {
			v := z.views[int(z.byte_())%len(z.views)]
			if v.n >= 4 {
				off := uint32(z.byte_()) % uint32(v.n/4) * 4
				z.e.Module().Memory().Write(v.ptr+off, z.floatsOf(1))
			}
		}
	case 23:
		for _, name := range []string{"gonn_error_code", "gonn_error_ptr", "gonn_error_len",
			"gonn_result_ptr", "gonn_result_len", "gonn_result_handle"} {
			z.call(name)
		}
	}
}

// tensorCreate calls gonn_tensor_create with a shape and data, either
// consistent or not.
func (z *abiFuzzer) tensorCreate() {
	z.t.Helper()
	shape := z.dims()
	n := int64(1)
	for _, d := range shape {
		n *= int64(d)
	}
	nf := int32(n)
	if n < 0 || n > 1<<16 {
		nf = int32(z.byte_()) // a size the engine refuses before using it
	}
	sb := make([]byte, 4*len(shape))
	for i, d := range shape {
		binary.LittleEndian.PutUint32(sb[4*i:], uint32(d))
	}
	sp, dp, rank := z.put(sb), uint32(0), int32(len(shape))
	if z.byte_()%4 != 0 && nf >= 0 && nf <= 1<<16 {
		dp = z.put(z.floatsOf(int(nf)))
	}
	switch z.byte_() % 10 {
	case 0:
		nf += int32(z.byte_()%3) - 1
	case 1:
		rank += int32(z.byte_()%3) - 1
	case 2:
		sp = z.ptr(4 * rank)
	case 3:
		dp = z.ptr(4 * nf)
	case 4:
		nf, rank = z.length(), z.length()
	}
	z.made("gonn_tensor_create", z.status("gonn_tensor_create", uint64(dp), harness.I32(nf), uint64(sp), harness.I32(rank)))
}

// weightsSet calls gonn_weights_set with the model's own weights (maybe
// altered) or random bytes.
func (z *abiFuzzer) weightsSet() {
	z.t.Helper()
	h := z.handle()
	var data []byte
	if z.status("gonn_weights_get", harness.I32(h)) == harness.OK {
		data = bytes.Clone(z.read("weights", z.acc("gonn_result_ptr"), z.acc("gonn_result_len")))
	}
	switch z.byte_() % 4 {
	case 0:
		if len(data) >= 4 {
			copy(data[len(data)-4:], z.floatsOf(1))
		}
	case 1:
		data = append(data, z.floatsOf(int(z.byte_()%3))...)
	case 2:
		if len(data) > 0 {
			data = data[:len(data)-1]
		}
	}
	p, n := z.put(data), int32(len(data))
	if z.byte_()%5 == 0 {
		p, n = z.ptr(n), z.length()
	}
	z.status("gonn_weights_set", harness.I32(h), uint64(p), harness.I32(n))
}

// jsonArg writes s into a block and returns (ptr, len), or a broken pair.
func (z *abiFuzzer) jsonArg(s string) (uint32, int32) {
	p, n := z.put([]byte(s)), int32(len(s))
	switch z.byte_() % 12 {
	case 0:
		n++ // one byte past the block
	case 1:
		p = z.ptr(n)
	case 2:
		n = z.length()
	case 3:
		n = 0
	}
	return p, n
}

// Fragments of model specs: valid and invalid layers and wrappers.
var (
	fuzzInputs = []string{
		`{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4]}}`,
		`{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 2, 2]}}`,
		`{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 4, 1]}}`,
		`{"class_name": "InputLayer", "config": {"batch_input_shape": [null]}}`,
		`{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 0]}}`,
		`{"class_name": "InputLayer", "config": {"batch_input_shape": [null, -2]}}`,
		`{"class_name": "InputLayer", "config": {"batch_shape": [null, 8]}}`,
		`{"class_name": "InputLayer", "config": {"input_shape": [3]}}`,
		`{"class_name": "Dense", "config": {"units": 3, "batch_input_shape": [null, 4]}}`,
		`{"class_name": "Embedding", "config": {"input_dim": 5, "output_dim": 2, "batch_input_shape": [null, 4]}}`,
		`{"class_name": "InputLayer", "config": {"batch_input_shape": 4}}`,
		``,
	}
	fuzzLayers = []string{
		`{"class_name": "Dense", "config": {"units": 3, "activation": "softmax"}}`,
		`{"class_name": "Dense", "config": {"units": 4, "activation": "relu"}}`,
		`{"class_name": "Dense", "config": {"units": 1, "activation": "sigmoid", "use_bias": false}}`,
		`{"class_name": "Dense", "config": {"units": 0}}`,
		`{"class_name": "Dense", "config": {"units": -4}}`,
		`{"class_name": "Dense", "config": {"units": "many"}}`,
		`{"class_name": "Dense", "config": {"units": 2, "activation": "bogus"}}`,
		`{"class_name": "Dense", "config": {"units": 2, "kernel_initializer": {"class_name": "Zeros", "config": {}}}}`,
		`{"class_name": "Dropout", "config": {"rate": 0.5}}`,
		`{"class_name": "Dropout", "config": {"rate": 1.5}}`,
		`{"class_name": "Flatten", "config": {}}`,
		`{"class_name": "Reshape", "config": {"target_shape": [2, 2]}}`,
		`{"class_name": "Reshape", "config": {"target_shape": [5]}}`,
		`{"class_name": "Reshape", "config": {"target_shape": [-1]}}`,
		`{"class_name": "Activation", "config": {"activation": "tanh"}}`,
		`{"class_name": "LeakyReLU", "config": {}}`,
		`{"class_name": "BatchNormalization", "config": {}}`,
		`{"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 3, "padding": "same"}}`,
		`{"class_name": "Conv2D", "config": {"filters": 2, "kernel_size": 9}}`,
		`{"class_name": "Conv1D", "config": {"filters": 2, "kernel_size": 2, "padding": "causal"}}`,
		`{"class_name": "MaxPooling2D", "config": {"pool_size": 2}}`,
		`{"class_name": "GlobalAveragePooling2D", "config": {}}`,
		`{"class_name": "UpSampling2D", "config": {"size": 2}}`,
		`{"class_name": "ZeroPadding2D", "config": {"padding": 1}}`,
		`{"class_name": "Embedding", "config": {"input_dim": 5, "output_dim": 2}}`,
		`{"class_name": "SimpleRNN", "config": {"units": 2}}`,
		`{"class_name": "LSTM", "config": {"units": 2, "return_sequences": true}}`,
		`{"class_name": "GRU", "config": {"units": 2}}`,
		`{"class_name": "RepeatVector", "config": {"n": 2}}`,
		`{"class_name": "Masking", "config": {"mask_value": 0}}`,
		`{"class_name": "Conv7D", "config": {}}`,
		`{"class_name": "Dense"}`,
		`{"class_name": 3, "config": {}}`,
		`{"config": {"units": 2}}`,
		`[]`,
		`null`,
	}
	fuzzCompiles = []string{
		`{"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]}`,
		`{"optimizer": "sgd", "loss": "mse"}`,
		`{"optimizer": "rmsprop", "loss": "binary_crossentropy", "metrics": ["accuracy"]}`,
		`{"optimizer": {"class_name": "Adam", "config": {"learning_rate": 1e30}}, "loss": "mse"}`,
		`{"optimizer": {"class_name": "SGD", "config": {"learning_rate": -1, "momentum": 0.9}}, "loss": "mae"}`,
		`{"optimizer": "sgd", "loss": {"class_name": "CategoricalCrossentropy", "config": {"from_logits": true}}}`,
		`{"optimizer": "sgd", "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}`,
		`{"optimizer_config": {"class_name": "Adam", "config": {}}, "loss": "mse"}`,
		`{"optimizer": "adamw", "loss": "mse"}`,
		`{"optimizer": "sgd"}`,
		`{"optimizer": "sgd", "loss": "mse", "metrics": ["f7"]}`,
		`{"optimizer": "sgd", "loss": "mse", "loss_weights": [1]}`,
		`{"optimizer": 3, "loss": []}`,
		`[1, 2]`,
		`{"optimizer": `,
		``,
	}
	fuzzFits = []string{
		`{}`, ``, `null`,
		`{"epochs": 2, "batch_size": 2}`,
		`{"epochs": 3, "batch_size": 1, "validation_split": 0.5, "shuffle": false, "seed": 1}`,
		`{"batch_size": 3, "allow_non_finite": true}`,
		`{"epochs": 1, "initial_epoch": 5}`,
		`{"epochs": 0}`, `{"batch_size": -3}`, `{"batch_size": 268435457}`, `{"validation_split": 1}`,
		`{"validation_split": -0.1}`, `{"epochs": 1073741825}`, `{"seed": -1}`, `{"steps_per_epoch": 3}`,
		`{"epochs": "two"}`, `[1]`, `{"epochs": `,
	}
)

// modelSpec builds a model spec from the fragments, or takes raw input
// bytes (digit runs cut to two digits: no model with billions of weights).
func (z *abiFuzzer) modelSpec() string {
	var ls []string
	if in := pick(z, fuzzInputs...); in != "" {
		ls = append(ls, in)
	}
	for range z.byte_() % 4 {
		ls = append(ls, pick(z, fuzzLayers...))
	}
	layers := "[" + strings.Join(ls, ", ") + "]"
	seed := pick(z, "1", "0", "18446744073709551615", "-1", "1.5", `"x"`, "1e3")
	switch z.byte_() % 9 {
	case 0:
		return `{"class_name": "Sequential", "seed": ` + seed + `, "config": {"name": "s", "layers": ` + layers + `}}`
	case 1:
		return `{"class_name": "Sequential", "config": {"layers": ` + layers + `, "build_input_shape": [null, 4]}}`
	case 2:
		return `{"model_config": {"class_name": "Sequential", "config": ` + layers + `}, "keras_version": "2.2"}`
	case 3:
		return `{"class_name": "Functional", "config": {}}`
	case 4:
		return z.rawJSON()
	case 5:
		return `{"layers": ` + layers + `, "optimizer": "adam"}`
	}
	return `{"seed": ` + seed + `, "name": "m", "layers": ` + layers + `}`
}

func (z *abiFuzzer) compileSpec() string {
	if z.byte_()%8 == 0 {
		return z.rawJSON()
	}
	return pick(z, fuzzCompiles...)
}

func (z *abiFuzzer) fitSpec() string {
	switch sel := z.byte_(); {
	case sel%8 == 0:
		return z.rawJSON()
	case sel%8 == 1 && len(z.handles) > 1:
		return fmt.Sprintf(`{"batch_size": 2, "validation_data": [%d, %d]}`, z.handle(), z.handle())
	}
	return pick(z, fuzzFits...)
}

// rawJSON takes up to 200 input bytes as text, with every run of digits
// cut to two (so that no spec asks for billions of weights or epochs).
func (z *abiFuzzer) rawJSON() string {
	n := min(int(z.byte_())%200, len(z.in))
	raw := z.in[:n]
	z.in = z.in[n:]
	var b strings.Builder
	digits := 0
	for _, c := range raw {
		if c >= '0' && c <= '9' {
			if digits++; digits > 2 {
				continue
			}
		} else {
			digits = 0
		}
		b.WriteByte(c)
	}
	return b.String()
}

// TestFuzzABI_Canary checks the canary itself: a fresh instance answers as
// the reference, twice in a row.
func TestFuzzABI_Canary(t *testing.T) {
	want := fuzzReference(t, runtime(t))
	require.Len(t, want.hash, 16)
	e := newEngine(t)
	got, err := fuzzCanary(e)
	require.NoError(t, err)
	require.Equal(t, want, got)
	// The canary leaves nothing behind: a second run gives the same.
	got, err = fuzzCanary(e)
	require.NoError(t, err)
	require.Equal(t, want, got)
}

// TestErrors_MessageIsUTF8 is FuzzABI's first find: an error message quoted
// the bad bytes of a JSON argument as they were, so it was not UTF-8 (the
// ABI promises UTF-8). They are now replaced by U+FFFD.
func TestErrors_MessageIsUTF8(t *testing.T) {
	e := newEngine(t)
	_, err := e.CreateModel("\xb90")
	requireCode(t, e, err, harness.BadArgument, "want a JSON object, got \uFFFD0")
	assert.True(t, utf8.ValidString(err.Error()))
	_, err = e.CreateModel("{\"class_name\": \"Seq\xff\", \"config\": {}}")
	requireCode(t, e, err, harness.BadArgument, "Seq\uFFFD")
	assert.True(t, utf8.ValidString(err.Error()))
}
