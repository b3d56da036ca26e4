//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
)

// The MNIST packs that the site builder writes (docs/dist.md), relative to
// the page.
const (
	trainURL = "data/mnist-train.gmn"
	testURL  = "data/mnist-test.gmn"
)

// pack is a fetched MNIST pack: its bytes stay in JavaScript (47 MB for the
// training set) and only the images asked for are copied through Go.
type pack struct {
	bytes js.Value // Uint8Array
	PackHeader
}

// fetchPack fetches and checks the pack at url.
func fetchPack(url string) (*pack, error) {
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return nil, wrap("fetch "+url, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, errors.New("fetch " + url + ": " + itoa(resp.Get("status").Int()) + " " + resp.Get("statusText").String())
	}
	buf, err := call(resp, "arrayBuffer")
	if err != nil {
		return nil, wrap("fetch "+url, err)
	}
	b := js.Global().Get("Uint8Array").New(buf)
	head := make([]byte, PackHeaderSize)
	n := js.CopyBytesToGo(head, b.Call("subarray", 0, PackHeaderSize))
	h, err := DecodePackHeader(head[:n], b.Length())
	if err != nil {
		return nil, wrap(url, err)
	}
	return &pack{bytes: b, PackHeader: h}, nil
}

// chunk is the number of images converted at a time, to keep Go's memory small.
const chunk = 1024

// examples returns the first n images as a Float32Array of shape (n, 784)
// in [0, 1], and their labels one-hot, a Float32Array of shape (n, 10).
func (p *pack) examples(n int) (x, y js.Value, err error) {
	if n > p.N {
		return x, y, errors.New("the pack holds " + itoa(p.N) + " images, not " + itoa(n))
	}
	x = js.Global().Get("Float32Array").New(n * Pixels)
	xb := bytesOf(x)
	px := make([]byte, chunk*Pixels)
	fl := make([]byte, 4*chunk*Pixels)
	for from := 0; from < n; from += chunk {
		to := min(n, from+chunk)
		s, e := p.Pixels(from, to)
		js.CopyBytesToGo(px[:e-s], p.bytes.Call("subarray", s, e))
		PixelFloats(fl[:4*(e-s)], px[:e-s])
		js.CopyBytesToJS(xb.Call("subarray", 4*from*Pixels, 4*to*Pixels), fl[:4*(e-s)])
	}

	s, e := p.Labels(0, n)
	labels := make([]byte, e-s)
	js.CopyBytesToGo(labels, p.bytes.Call("subarray", s, e))
	hot := make([]byte, 4*Classes*n)
	if err := OneHot(hot, labels); err != nil {
		return x, y, err
	}
	y = js.Global().Get("Float32Array").New(n * Classes)
	js.CopyBytesToJS(bytesOf(y), hot)
	return x, y, nil
}

// dataset is examples uploaded to the engine, ready for fit or evaluate.
type dataset struct {
	N    int
	X, Y js.Value // EngineTensors (N, 784) and (N, 10)
}

// upload copies the first n examples of p into the engine.
func (p *pack) upload(e *engine, n int) (*dataset, error) {
	x, y, err := p.examples(n)
	if err != nil {
		return nil, err
	}
	ex, err := e.upload(x, n, Pixels)
	if err != nil {
		return nil, err
	}
	ey, err := e.upload(y, n, Classes)
	if err != nil {
		ex.Call("dispose")
		return nil, err
	}
	return &dataset{N: n, X: ex, Y: ey}, nil
}

func (d *dataset) dispose() {
	d.X.Call("dispose")
	d.Y.Call("dispose")
}
