//go:build js && wasm

package jsapi

import (
	"encoding/binary"
	"errors"
	"math"
	"syscall/js"

	"gonn/web/ui/internal/format"
)

// Module returns the gonn.js module, globalThis.gonn.
func Module() (js.Value, error) {
	g := js.Global().Get("gonn")
	if g.Type() != js.TypeObject {
		return js.Value{}, errors.New("gonn.js is not loaded (globalThis.gonn is missing)")
	}
	return g, nil
}

// Engine is the shared engine of gonn.init().
type Engine struct {
	js.Value
	Version  string  // gonn's version
	InWorker bool    // the engine runs in a Web Worker
	LoadMs   float64 // milliseconds to load it
}

// Init starts (or returns) the shared engine.
func Init() (*Engine, error) {
	g, err := Module()
	if err != nil {
		return nil, err
	}
	e, err := Call(g, "init")
	if err != nil {
		return nil, err
	}
	return &Engine{Value: e, Version: e.Get("version").Get("version").String(),
		InWorker: e.Get("inWorker").Bool(), LoadMs: e.Get("loadMs").Float()}, nil
}

// Upload copies data (a typed array) of shape into the engine once, so that
// many fits can use it: it returns the EngineTensor (dispose it when done).
func (e *Engine) Upload(data js.Value, shape ...int) (js.Value, error) {
	return Call(e.Value, "upload", TensorLike(data, shape...))
}

// TensorLike is the API's {data, shape}.
func TensorLike(data js.Value, shape ...int) js.Value {
	return js.ValueOf(map[string]any{"data": data, "shape": ints(shape)})
}

func ints(s []int) []any {
	out := make([]any, len(s))
	for i, d := range s {
		out[i] = d
	}
	return out
}

// Layer returns the LayerSpec gonn.layers[kind](opts): Layer("dense",
// map[string]any{"units": 10, "activation": "softmax"}). Options are
// camelCase, as in gonn.d.ts; a []int option (inputShape, kernelSize) is
// passed as an array.
func Layer(kind string, opts map[string]any) (spec js.Value, err error) {
	g, err := Module()
	if err != nil {
		return spec, err
	}
	if g.Get("layers").Get(kind).Type() != js.TypeFunction {
		return spec, errors.New("gonn.layers." + kind + " does not exist in this gonn.js")
	}
	o := make(map[string]any, len(opts))
	for k, v := range opts {
		if s, ok := v.([]int); ok { // js.ValueOf takes []any, not []int
			v = ints(s)
		}
		o[k] = v
	}
	defer func() {
		if r := recover(); r != nil {
			jerr, ok := r.(js.Error) // the builder threw: a bad option
			if !ok {
				panic(r)
			}
			err = Error(jerr.Value)
		}
	}()
	return g.Get("layers").Call(kind, o), nil
}

// Sequential makes a Sequential model of the layer specs in the engine,
// seeded with seed (initial weights, shuffles, dropout).
func (e *Engine) Sequential(layers []js.Value, seed int) (*Model, error) {
	specs := make([]any, len(layers))
	for i, l := range layers {
		specs[i] = l
	}
	v, err := Call(e.Value, "sequential", specs, map[string]any{"seed": seed})
	if err != nil {
		return nil, err
	}
	return &Model{v}, nil
}

// Model is a gonn.js Model.
type Model struct{ js.Value }

// Compile sets the optimizer, loss and metrics: opts are CompileOptions,
// e.g. {"optimizer": "rmsprop", "loss": "categorical_crossentropy",
// "metrics": []any{"accuracy"}}.
func (m *Model) Compile(opts map[string]any) error {
	_, err := Call(m.Value, "compile", opts)
	return err
}

// Logs are Keras logs ("loss", "accuracy", …); NaN where the API says null.
type Logs struct{ js.Value }

// Get returns the value of key, or NaN.
func (l Logs) Get(key string) float64 {
	v := l.Value.Get(key)
	if v.Type() != js.TypeNumber {
		return math.NaN()
	}
	return v.Float()
}

// Loss is the "loss" entry.
func (l Logs) Loss() float64 { return l.Get("loss") }

// Accuracy is the "accuracy" entry.
func (l Logs) Accuracy() float64 { return l.Get("accuracy") }

// FitOptions are the options of Fit. The callbacks run on the page's thread
// and must not block.
type FitOptions struct {
	Epochs, BatchSize int
	// InitialEpoch is Keras' initial_epoch: the fit runs epochs
	// InitialEpoch … Epochs-1, continuing a model trained before.
	InitialEpoch int
	OnBatchEnd   func(batch int, l Logs)
	OnEpochEnd   func(epoch int, l Logs)
}

// Fit trains on x and y, shuffling, until every epoch ran or Stop is
// called.
func (m *Model) Fit(x, y js.Value, o FitOptions) error {
	opts := map[string]any{"epochs": o.Epochs, "batchSize": o.BatchSize, "shuffle": true}
	if o.InitialEpoch > 0 {
		opts["initialEpoch"] = o.InitialEpoch
	}
	if o.OnBatchEnd != nil {
		f := js.FuncOf(func(_ js.Value, args []js.Value) any {
			o.OnBatchEnd(args[0].Int(), Logs{args[1]})
			return nil
		})
		defer f.Release()
		opts["onBatchEnd"] = f
	}
	if o.OnEpochEnd != nil {
		f := js.FuncOf(func(_ js.Value, args []js.Value) any {
			o.OnEpochEnd(args[0].Int(), Logs{args[1]})
			return nil
		})
		defer f.Release()
		opts["onEpochEnd"] = f
	}
	_, err := Call(m.Value, "fit", x, y, opts)
	return err
}

// Stop ends the running fit after the batch in progress: Fit returns.
func (m *Model) Stop() { m.Call("stop") }

// Pause holds the running fit after the batch in progress, until Resume;
// meanwhile Evaluate, Predict and WeightsHash work on its weights.
func (m *Model) Pause() { m.Call("pause") }

// Resume continues the paused fit.
func (m *Model) Resume() { m.Call("resume") }

// Dispose frees the model in the engine (and ends its fit).
func (m *Model) Dispose() { m.Call("dispose") }

// Evaluate returns the loss and metrics on x and y.
func (m *Model) Evaluate(x, y js.Value, batchSize int) (Logs, error) {
	v, err := Call(m.Value, "evaluate", x, y, map[string]any{"batchSize": batchSize})
	return Logs{v}, err
}

// Predict returns the model's outputs for data of shape (the batch axis
// included), flattened.
func (m *Model) Predict(data []float32, shape ...int) ([]float32, error) {
	y, err := Call(m.Value, "predict", TensorLike(Float32Array(data), shape...))
	if err != nil {
		return nil, err
	}
	out := y.Get("data")
	p := make([]float32, out.Length())
	for i := range p {
		p[i] = float32(out.Index(i).Float())
	}
	return p, nil
}

// WeightsHash is the FNV-64a hash of every weight's bits, 16 hex digits:
// the same on every platform for the same seed, data and settings.
func (m *Model) WeightsHash() (string, error) {
	v, err := Call(m.Value, "weightsHash")
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

// Summary is Keras' model.summary() table.
func (m *Model) Summary() (string, error) {
	v, err := Call(m.Value, "summary")
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

// Float32Array copies f into a new Float32Array.
func Float32Array(f []float32) js.Value {
	b := make([]byte, 0, 4*len(f))
	for _, v := range f {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	a := js.Global().Get("Float32Array").New(len(f))
	js.CopyBytesToJS(BytesOf(a), b)
	return a
}

// BytesOf returns a Uint8Array on the bytes of the typed array a.
func BytesOf(a js.Value) js.Value {
	return js.Global().Get("Uint8Array").New(a.Get("buffer"), a.Get("byteOffset"), a.Get("byteLength"))
}

// Fetch fetches url and returns its body as a Uint8Array.
func Fetch(url string) (js.Value, error) {
	resp, err := Await(js.Global().Call("fetch", url))
	if err != nil {
		return js.Value{}, Wrap("fetch "+url, err)
	}
	if !resp.Get("ok").Bool() {
		return js.Value{}, errors.New("fetch " + url + ": " + format.Itoa(resp.Get("status").Int()) + " " + resp.Get("statusText").String())
	}
	buf, err := Call(resp, "arrayBuffer")
	if err != nil {
		return js.Value{}, Wrap("fetch "+url, err)
	}
	return js.Global().Get("Uint8Array").New(buf), nil
}
