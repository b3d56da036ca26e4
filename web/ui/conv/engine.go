//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"gonn/web/ui/internal/jsapi"
)

// pipeline is the lecture's convolutional block for one image size and
// padding, as three models in the engine that share the filter: Conv2D
// (one 3×3 filter, no bias); the same then ReLU; and those then 2×2 max
// pooling. Each predicts on the image, so that every grid the page shows
// is the engine's.
type pipeline struct {
	h, w    int
	padding string
	models  [3]*jsapi.Model // conv; conv, relu; conv, relu, pool
}

// newPipeline makes the three models for h×w×1 images.
func newPipeline(e *jsapi.Engine, h, w int, padding string) (*pipeline, error) {
	p := &pipeline{h: h, w: w, padding: padding}
	for stages := range p.models {
		m, err := newModel(e, h, w, padding, stages)
		if err != nil {
			p.dispose()
			return nil, err
		}
		p.models[stages] = m
	}
	return p, nil
}

// newModel makes Conv2D, then ReLU if stages ≥ 1, then MaxPooling2D if
// stages ≥ 2, with gonn.layers.
func newModel(e *jsapi.Engine, h, w int, padding string, stages int) (*jsapi.Model, error) {
	conv, err := jsapi.Layer("conv2d", map[string]any{
		"filters": 1, "kernelSize": []int{3, 3}, "padding": padding, "useBias": false, "inputShape": []int{h, w, 1},
	})
	if err != nil {
		return nil, err
	}
	specs := []js.Value{conv}
	if stages >= 1 {
		relu, err := jsapi.Layer("activation", map[string]any{"activation": "relu"})
		if err != nil {
			return nil, err
		}
		specs = append(specs, relu)
	}
	if stages >= 2 {
		pool, err := jsapi.Layer("maxPooling2d", map[string]any{"poolSize": []int{2, 2}})
		if err != nil {
			return nil, err
		}
		specs = append(specs, pool)
	}
	return e.Sequential(specs, 0) // the seed draws the kernel that run replaces
}

// run sets the filter (row-major, as the kernel (3, 3, 1, 1) holds it) in
// the three models and returns their outputs on img: the convolution, the
// ReLU and the pooled grids.
func (p *pipeline) run(kernel [9]float32, img Grid) ([3]Grid, error) {
	var out [3]Grid
	if img.H != p.h || img.W != p.w {
		return out, errors.New("the image is " + img.Shape() + ", the models take " + strconv.Itoa(p.h) + "×" + strconv.Itoa(p.w))
	}
	ch, cw := OutputSize(p.h, p.padding), OutputSize(p.w, p.padding)
	shapes := [3][2]int{{ch, cw}, {ch, cw}, {PoolSize(ch), PoolSize(cw)}}
	for i, m := range p.models {
		if _, err := jsapi.Call(m.Value, "setWeights", jsapi.Float32Array(kernel[:])); err != nil {
			return out, err
		}
		y, err := m.Predict(img.Data, 1, p.h, p.w, 1)
		if err != nil {
			return out, err
		}
		g := Grid{H: shapes[i][0], W: shapes[i][1], Data: y}
		if len(y) != g.H*g.W {
			return out, errors.New("the engine gave " + strconv.Itoa(len(y)) + " values, want " + g.Shape())
		}
		out[i] = g
	}
	return out, nil
}

func (p *pipeline) dispose() {
	for _, m := range p.models {
		if m != nil {
			m.Dispose()
		}
	}
}
