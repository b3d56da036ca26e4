//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/mnistdata"
)

// digits are the MNIST test images (data/mnist-test.gmn, docs/dist.md),
// fetched once, on first use; the bytes stay in JavaScript.
type digits struct {
	bytes js.Value // Uint8Array
	mnistdata.PackHeader
}

// fetchDigits fetches and checks the test pack.
func fetchDigits() (*digits, error) {
	b, err := jsapi.Fetch(mnistdata.TestURL)
	if err != nil {
		return nil, err
	}
	head := make([]byte, mnistdata.PackHeaderSize)
	n := js.CopyBytesToGo(head, b.Call("subarray", 0, mnistdata.PackHeaderSize))
	h, err := mnistdata.DecodePackHeader(head[:n], b.Length())
	if err != nil {
		return nil, jsapi.Wrap(mnistdata.TestURL, err)
	}
	return &digits{bytes: b, PackHeader: h}, nil
}

// image returns test image i, its pixels in [0, 1] as MNIST models read
// them, and its label.
func (d *digits) image(i int) (Grid, int, error) {
	if i < 0 || i >= d.N {
		return Grid{}, 0, errors.New("there is no test image " + format.Itoa(i) + ": choose 0 to " + format.Itoa(d.N-1))
	}
	s, e := d.Pixels(i, i+1)
	px := make([]byte, e-s)
	js.CopyBytesToGo(px, d.bytes.Call("subarray", s, e))
	g := Grid{H: d.Rows, W: d.Cols, Data: make([]float32, len(px))}
	for j, p := range px {
		g.Data[j] = float32(p) / 255
	}
	s, _ = d.Labels(i, i+1)
	label := make([]byte, 1)
	js.CopyBytesToGo(label, d.bytes.Call("subarray", s, s+1))
	return g, int(label[0]), nil
}
