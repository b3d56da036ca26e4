// Package jsapi is the Go face of gonn's JavaScript API (wasm/js/gonn.js,
// types in gonn.d.ts) for page UIs built with GOOS=js GOARCH=wasm: the
// engine (Init), uploaded tensors (Engine.Upload), models (Engine.Sequential,
// Model.Compile, Fit, Evaluate, Predict, WeightsHash, Stop, Pause, Resume)
// and fetch (Fetch).
//
// The page's boot module (web/static/boot.js) puts gonn.js in
// globalThis.gonn, where Module finds it. Every call that talks to the engine
// awaits a Promise (Await): it blocks the calling goroutine while the
// browser's event loop runs on. Call it from a goroutine, never from an event
// handler or a callback of Fit.
//
// Only Wrap builds natively; everything else is js && wasm.
package jsapi
