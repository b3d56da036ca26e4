package inspect

import (
	"fmt"

	"gonn/nn"
	"gonn/nn/tensor"
)

// OcclusionConfig says how Occlusion hides parts of the image.
type OcclusionConfig struct {
	Class  int     // the output unit to watch
	Size   int     // the patch is Size×Size pixels (all channels)
	Stride int     // step between patch positions; 0 means Size
	Fill   float32 // the value the hidden pixels take (0: black)
}

// Occlusion slides a grey patch over one image and records how much the
// model's output unit cfg.Class drops when that part is hidden (Zeiler &
// Fergus 2014):
//
//	map[i, j] = out(x)[class] − out(x with the patch at (i·stride, j·stride) filled)[class]
//
// x is one example (1, H, W) or (1, H, W, C); the map is (ceil(H/stride),
// ceil(W/stride)), patches are cut at the border. A large positive value marks
// a region the prediction relies on. For a linear model out = x·w + b, the drop
// is Σ over the patch of (x − fill)·w.
func Occlusion(m *nn.Sequential, x *tensor.Tensor, cfg OcclusionConfig) (occ *tensor.Tensor, err error) {
	defer catchShape("Occlusion", &err)
	if err := prepare("Occlusion", m, x); err != nil {
		return nil, err
	}
	if x.Shape[0] != 1 || (x.Rank() != 3 && x.Rank() != 4) {
		return nil, fmt.Errorf("inspect: Occlusion: x is %v; want one image (1, H, W) or (1, H, W, C)", x.Shape)
	}
	h, w := x.Shape[1], x.Shape[2]
	c := x.Size() / (h * w)
	stride := cfg.Stride
	if stride == 0 {
		stride = cfg.Size
	}
	if cfg.Size < 1 || cfg.Size > max(h, w) || stride < 1 {
		return nil, fmt.Errorf("inspect: Occlusion: patch size %d and stride %d: want 1 ≤ size ≤ %d and stride ≥ 1", cfg.Size, stride, max(h, w))
	}
	outShape := m.OutputShape()
	if len(outShape) != 1 || cfg.Class < 0 || cfg.Class >= outShape[0] {
		return nil, fmt.Errorf("inspect: Occlusion: class %d for a model output of shape %v", cfg.Class, outShape)
	}
	rows, cols := (h+stride-1)/stride, (w+stride-1)/stride

	// Example 0 is x itself; example 1 + i·cols + j has the patch at (i, j).
	batch := tensor.New(append([]int{1 + rows*cols}, x.Shape[1:]...)...)
	for e := range 1 + rows*cols {
		img := batch.Data[e*x.Size() : (e+1)*x.Size()]
		copy(img, x.Data)
		if e == 0 {
			continue
		}
		i, j := (e-1)/cols, (e-1)%cols
		for y := i * stride; y < min(i*stride+cfg.Size, h); y++ {
			for xx := j * stride; xx < min(j*stride+cfg.Size, w); xx++ {
				for ch := range c {
					img[(y*w+xx)*c+ch] = cfg.Fill
				}
			}
		}
	}
	pred, err := m.Predict(batch, 64)
	if err != nil {
		return nil, fmt.Errorf("inspect: Occlusion: %w", err)
	}
	k := outShape[0]
	base := pred.Data[cfg.Class]
	occ = tensor.New(rows, cols)
	for e := 1; e <= rows*cols; e++ {
		occ.Data[e-1] = base - pred.Data[e*k+cfg.Class]
	}
	return occ, nil
}
