package inspect

import (
	"fmt"

	"gonn/nn"
)

// Filters returns the kernel of the convolution at index layer of m as one
// image per filter, scaled to [0, 1] for display:
//
//	kernel (KH, KW, C, F)  →  images[f] = (KH, KW, C) values, row-major,
//	v' = (v − min_f) / (max_f − min_f)   (0.5 everywhere when max_f = min_f)
//
// where min_f and max_f are over filter f alone, so every filter uses the
// whole grey range. Conv1D kernels (K, C, F) give (K, C) images. (For
// Conv2DTranspose, whose kernel is (KH, KW, F, C), the images are per input
// channel: the split is always along the kernel's last axis.)
func Filters(m *nn.Sequential, layer int) (images [][]float32, shape []int, err error) {
	if m == nil || !m.Built() {
		return nil, nil, fmt.Errorf("inspect: Filters: the model is not built")
	}
	if err := checkLayer("Filters", m, layer); err != nil {
		return nil, nil, err
	}
	l := m.Layers[layer]
	ws := l.Weights()
	if len(ws) == 0 || ws[0].Value.Rank() < 3 {
		return nil, nil, fmt.Errorf("inspect: Filters: layer %d (%s %q) is not a convolution", layer, l.ClassName(), l.Name())
	}
	k := ws[0].Value
	f := k.Shape[k.Rank()-1]
	per := k.Size() / f
	images = make([][]float32, f)
	for fi := range f {
		img := make([]float32, per)
		lo, hi := k.Data[fi], k.Data[fi]
		for p := range per {
			v := k.Data[p*f+fi]
			img[p] = v
			lo, hi = min(lo, v), max(hi, v)
		}
		for p, v := range img {
			if hi > lo {
				img[p] = (v - lo) / (hi - lo)
			} else {
				img[p] = 0.5
			}
		}
		images[fi] = img
	}
	return images, append([]int{}, k.Shape[:k.Rank()-1]...), nil
}
