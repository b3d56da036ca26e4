//go:build js && wasm

package mnistdata

import (
	"errors"
	"syscall/js"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
)

// LabelBytes returns the labels of the first n images (all if n > N).
func (p *Pack) LabelBytes(n int) []byte {
	n = min(n, p.N)
	s, e := p.Labels(0, n)
	out := make([]byte, e-s)
	js.CopyBytesToGo(out, p.bytes.Call("subarray", s, e))
	return out
}

// Subset is some images of a pack, in JavaScript memory: X holds N·784
// values (a Float32Array), Y their labels one-hot over Digits (N,
// Digits.Count), Labels the digits themselves.
type Subset struct {
	N      int
	X, Y   js.Value
	Labels []int
	Digits Digits
}

// Gather copies the images at indices, pixels scaled from lo (0) to hi
// (255), with their labels, which must all be in d.
func (p *Pack) Gather(indices []int, d Digits, lo, hi float32) (*Subset, error) {
	n := len(indices)
	x := js.Global().Get("Float32Array").New(n * Pixels)
	xb := jsapi.BytesOf(x)
	px := make([]byte, Pixels)
	fl := make([]byte, 4*Pixels)
	labels := make([]byte, n)
	s := &Subset{N: n, X: x, Labels: make([]int, n), Digits: d}
	for k, i := range indices {
		if i < 0 || i >= p.N {
			return nil, errors.New("image " + format.Itoa(i) + " is not in the pack of " + format.Thousands(p.N))
		}
		a, b := p.Pixels(i, i+1)
		js.CopyBytesToGo(px, p.bytes.Call("subarray", a, b))
		ScaledPixelFloats(fl, px, lo, hi)
		js.CopyBytesToJS(xb.Call("subarray", 4*k*Pixels, 4*(k+1)*Pixels), fl)
		a, _ = p.Labels(i, i+1)
		labels[k] = byte(p.bytes.Index(a).Int())
		s.Labels[k] = int(labels[k])
	}
	hot := make([]byte, 4*d.Count*n)
	if err := OneHotDigits(hot, labels, d); err != nil {
		return nil, err
	}
	s.Y = js.Global().Get("Float32Array").New(n * d.Count)
	js.CopyBytesToJS(jsapi.BytesOf(s.Y), hot)
	return s, nil
}

// Image returns the pixels of image k of the subset.
func (s *Subset) Image(k int) js.Value {
	return s.X.Call("subarray", k*Pixels, (k+1)*Pixels)
}
