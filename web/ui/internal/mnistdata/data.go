//go:build js && wasm

package mnistdata

import (
	"errors"
	"syscall/js"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
)

// The MNIST packs that the site builder writes (docs/dist.md), relative to
// the page.
const (
	TrainURL = "data/mnist-train.gmn"
	TestURL  = "data/mnist-test.gmn"
)

// Pack is a fetched MNIST pack: its bytes stay in JavaScript (47 MB for the
// training set) and only the images asked for are copied through Go.
type Pack struct {
	bytes js.Value // Uint8Array
	PackHeader
}

// FetchPack fetches and checks the pack at url.
func FetchPack(url string) (*Pack, error) {
	b, err := jsapi.Fetch(url)
	if err != nil {
		return nil, err
	}
	head := make([]byte, PackHeaderSize)
	n := js.CopyBytesToGo(head, b.Call("subarray", 0, PackHeaderSize))
	h, err := DecodePackHeader(head[:n], b.Length())
	if err != nil {
		return nil, jsapi.Wrap(url, err)
	}
	return &Pack{bytes: b, PackHeader: h}, nil
}

// chunk is the number of images converted at a time, to keep Go's memory small.
const chunk = 1024

// Examples returns the first n images as a Float32Array of n·784 values in
// [0, 1], image after image, row-major, and their labels one-hot, a
// Float32Array of shape (n, 10).
func (p *Pack) Examples(n int) (x, y js.Value, err error) {
	if n > p.N {
		return x, y, errors.New("the pack holds " + format.Itoa(p.N) + " images, not " + format.Itoa(n))
	}
	x = js.Global().Get("Float32Array").New(n * Pixels)
	xb := jsapi.BytesOf(x)
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
	js.CopyBytesToJS(jsapi.BytesOf(y), hot)
	return x, y, nil
}

// Dataset is examples uploaded to the engine, ready for fit or evaluate.
type Dataset struct {
	N    int
	X, Y js.Value // EngineTensors (N, shape…) and (N, 10)
}

// Upload copies the first n examples of p into the engine, each image of
// shape (784 when none is given; 28, 28, 1 for a channels-last CNN).
func (p *Pack) Upload(e *jsapi.Engine, n int, shape ...int) (*Dataset, error) {
	if len(shape) == 0 {
		shape = []int{Pixels}
	}
	x, y, err := p.Examples(n)
	if err != nil {
		return nil, err
	}
	ex, err := e.Upload(x, append([]int{n}, shape...)...)
	if err != nil {
		return nil, err
	}
	ey, err := e.Upload(y, n, Classes)
	if err != nil {
		ex.Call("dispose")
		return nil, err
	}
	return &Dataset{N: n, X: ex, Y: ey}, nil
}

// Dispose frees the tensors in the engine.
func (d *Dataset) Dispose() {
	d.X.Call("dispose")
	d.Y.Call("dispose")
}
