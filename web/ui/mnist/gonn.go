//go:build js && wasm

package main

import (
	"encoding/binary"
	"errors"
	"math"
	"syscall/js"
)

// The Go face of gonn.js (wasm/js/gonn.d.ts), the module that the boot
// script puts in globalThis.gonn. Every call that talks to the engine
// blocks its goroutine until the engine answers.

// api returns the gonn.js module.
func api() (js.Value, error) {
	g := js.Global().Get("gonn")
	if g.Type() != js.TypeObject {
		return js.Value{}, errors.New("gonn.js is not loaded (globalThis.gonn is missing)")
	}
	return g, nil
}

// engine is the shared engine of gonn.init().
type engine struct {
	js.Value
	Version  string  // gonn's version
	InWorker bool    // the engine runs in a Web Worker
	LoadMs   float64 // milliseconds to load it
}

// initEngine starts (or returns) the shared engine.
func initEngine() (*engine, error) {
	g, err := api()
	if err != nil {
		return nil, err
	}
	e, err := call(g, "init")
	if err != nil {
		return nil, err
	}
	return &engine{Value: e, Version: e.Get("version").Get("version").String(),
		InWorker: e.Get("inWorker").Bool(), LoadMs: e.Get("loadMs").Float()}, nil
}

// upload copies data of shape into the engine once, so that many fits can
// use it: it returns the EngineTensor.
func (e *engine) upload(data js.Value, shape ...int) (js.Value, error) {
	return call(e.Value, "upload", tensorLike(data, shape...))
}

// tensorLike is the API's {data, shape}.
func tensorLike(data js.Value, shape ...int) js.Value {
	s := make([]any, len(shape))
	for i, d := range shape {
		s[i] = d
	}
	return js.ValueOf(map[string]any{"data": data, "shape": s})
}

// mlpConfig says which multilayer perceptron to make.
type mlpConfig struct {
	Hidden  int     // units of the hidden Dense layer
	Dropout float64 // rate of the Dropout after it
	Seed    int     // the model's PRNG seed
}

// model is a gonn.js Model.
type model struct{ js.Value }

// newMLP makes and compiles Dense(Hidden, relu) → Dropout → Dense(10,
// softmax) on 784 inputs, with RMSprop and categorical cross-entropy, as
// Keras' mnist_mlp example (which has two hidden layers of 512).
func (e *engine) newMLP(c mlpConfig) (*model, error) {
	g, err := api()
	if err != nil {
		return nil, err
	}
	layers := g.Get("layers")
	spec := []any{
		layers.Call("dense", map[string]any{"units": c.Hidden, "activation": "relu", "inputShape": []any{Pixels}}),
		layers.Call("dropout", map[string]any{"rate": c.Dropout}),
		layers.Call("dense", map[string]any{"units": Classes, "activation": "softmax"}),
	}
	v, err := call(e.Value, "sequential", spec, map[string]any{"seed": c.Seed})
	if err != nil {
		return nil, err
	}
	m := &model{v}
	_, err = call(v, "compile", map[string]any{
		"optimizer": "rmsprop", "loss": "categorical_crossentropy", "metrics": []any{"accuracy"}})
	if err != nil {
		m.dispose()
		return nil, err
	}
	return m, nil
}

// logs are Keras logs ("loss", "accuracy", …); NaN where the API says null.
type logs struct{ js.Value }

func (l logs) get(key string) float64 {
	v := l.Get(key)
	if v.Type() != js.TypeNumber {
		return math.NaN()
	}
	return v.Float()
}

func (l logs) loss() float64     { return l.get("loss") }
func (l logs) accuracy() float64 { return l.get("accuracy") }

// fitOptions are the options of fit: epochs and batch size, and the
// callbacks, which run on the page's thread and must not block.
type fitOptions struct {
	Epochs, BatchSize int
	OnBatchEnd        func(batch int, l logs)
	OnEpochEnd        func(epoch int, l logs)
}

// fit trains on x and y until every epoch ran or stop is called.
func (m *model) fit(x, y js.Value, o fitOptions) error {
	onBatch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		o.OnBatchEnd(args[0].Int(), logs{args[1]})
		return nil
	})
	defer onBatch.Release()
	onEpoch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		o.OnEpochEnd(args[0].Int(), logs{args[1]})
		return nil
	})
	defer onEpoch.Release()
	_, err := call(m.Value, "fit", x, y, map[string]any{
		"epochs": o.Epochs, "batchSize": o.BatchSize, "shuffle": true,
		"onBatchEnd": onBatch, "onEpochEnd": onEpoch,
	})
	return err
}

// stop ends the running fit after the batch in progress.
func (m *model) stop() { m.Call("stop") }

// dispose frees the model in the engine.
func (m *model) dispose() { m.Call("dispose") }

// evaluate returns the loss and metrics on x and y.
func (m *model) evaluate(x, y js.Value, batchSize int) (logs, error) {
	v, err := call(m.Value, "evaluate", x, y, map[string]any{"batchSize": batchSize})
	return logs{v}, err
}

// predict returns the class probabilities of one image.
func (m *model) predict(img []float32) ([]float32, error) {
	y, err := call(m.Value, "predict", tensorLike(float32Array(img), 1, len(img)))
	if err != nil {
		return nil, err
	}
	data := y.Get("data")
	p := make([]float32, data.Length())
	for i := range p {
		p[i] = float32(data.Index(i).Float())
	}
	return p, nil
}

// float32Array copies f into a new Float32Array.
func float32Array(f []float32) js.Value {
	b := make([]byte, 0, 4*len(f))
	for _, v := range f {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	a := js.Global().Get("Float32Array").New(len(f))
	js.CopyBytesToJS(bytesOf(a), b)
	return a
}

// bytesOf returns a Uint8Array on the bytes of the typed array a.
func bytesOf(a js.Value) js.Value {
	return js.Global().Get("Uint8Array").New(a.Get("buffer"), a.Get("byteOffset"), a.Get("byteLength"))
}
