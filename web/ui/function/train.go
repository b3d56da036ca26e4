//go:build js && wasm

package main

import (
	"errors"
	"math"
	"syscall/js"
	"time"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

// ready enables training on the engine e.
func (p *app) ready(e *jsapi.Engine) {
	p.engine = e
	p.controls.Wire(p.Status, func() func() error {
		s := p.read()
		if err := s.check(); err != nil {
			p.Say("Check the settings: " + err.Error() + ".")
			return nil
		}
		if len(p.data) == 0 {
			p.Say("There are no points to learn: click the plot to add some.")
			return nil
		}
		pts := append([]point(nil), p.data...)
		return func() error { return p.run(s, pts) }
	}, func() *jsapi.Model { return p.model })
}

// run trains on pts with s.
func (p *app) run(s settings, pts []point) error {
	if p.model != nil {
		p.model.Dispose()
		p.model = nil
	}
	m, err := newNet(p.engine, s)
	if err != nil {
		return err
	}
	p.model = m
	x, y, gridX, err := p.upload(pts)
	if err != nil {
		return err
	}
	defer func() {
		for _, t := range []js.Value{x, y, gridX} {
			t.Call("dispose")
		}
	}()

	p.progress.SetMax(float64(s.Epochs))
	p.progress.SetValue(0)
	p.loss.Clear()
	p.fit.Remove("fit")
	page.Dash(p.final)
	p.Say("Training on " + format.Itoa(len(pts)) + " points for " + format.Itoa(s.Epochs) + " epochs…")

	var epochs, losses []float64
	start := time.Now()
	batch := min(batchSize, len(pts))
	for done := 0; done < s.Epochs && !p.controls.Stopping(); {
		next := min(s.Epochs, done+s.chunk())
		err := m.Fit(x, y, jsapi.FitOptions{Epochs: next, InitialEpoch: done, BatchSize: batch,
			OnEpochEnd: func(e int, l jsapi.Logs) {
				epochs, losses = append(epochs, float64(e+1)), append(losses, l.Loss())
			}})
		if err != nil {
			return err
		}
		done = len(epochs)
		if err := p.drawFit(m, gridX); err != nil {
			return err
		}
		p.loss.Set(widgets.Series{Key: "loss", Color: "#b54708", Width: 2, X: epochs, Y: losses})
		p.progress.SetValue(float64(done))
		p.showStats(s, done, losses)
	}
	if len(losses) == 0 {
		p.Say("Stopped before the first epoch ended.")
		return nil
	}
	last := losses[len(losses)-1]
	page.ShowNumber(p.final, format.Fixed(last, 5), last)
	what := "Trained " + format.Itoa(len(losses)) + " epochs"
	if p.controls.Stopping() {
		what = "Stopped after " + format.Itoa(len(losses)) + " epochs"
	}
	p.Say(what + " in " + format.Fixed(time.Since(start).Seconds(), 1) + " s: mean squared error " +
		format.Fixed(last, 5) + " on the " + format.Itoa(len(pts)) + " points.")
	return nil
}

// upload puts the points, as x (n, 1) and y (n, 1), and the grid (gridSize,
// 1) in the engine once for the whole run.
func (p *app) upload(pts []point) (x, y, gridX js.Value, err error) {
	xs, ys := make([]float32, len(pts)), make([]float32, len(pts))
	for i, pt := range pts {
		xs[i], ys[i] = float32(pt.X), float32(pt.Y)
	}
	g := grid(gridSize)
	gs := make([]float32, len(g))
	for i, v := range g {
		gs[i] = float32(v)
	}
	var out [3]js.Value
	for i, d := range []struct {
		data []float32
		rows int
	}{{xs, len(xs)}, {ys, len(ys)}, {gs, len(gs)}} {
		if out[i], err = p.engine.Upload(jsapi.Float32Array(d.data), d.rows, 1); err != nil {
			for _, t := range out[:i] {
				t.Call("dispose")
			}
			return x, y, gridX, err
		}
	}
	return out[0], out[1], out[2], nil
}

// drawFit predicts the curve on the grid and draws it.
func (p *app) drawFit(m *jsapi.Model, gridX js.Value) error {
	out, err := m.PredictOn(gridX, gridSize)
	if err != nil {
		return err
	}
	if len(out) != gridSize {
		return errors.New("the net gave " + format.Itoa(len(out)) + " values for " + format.Itoa(gridSize) + " points")
	}
	ys := make([]float64, gridSize)
	for i, v := range out {
		ys[i] = float64(v)
	}
	p.fit.Set(widgets.Series{Key: "fit", Color: "#1d4ed8", Width: 2.5, X: grid(gridSize), Y: ys})
	return nil
}

// showStats says where the run is, and what the noise alone costs.
func (p *app) showStats(s settings, done int, losses []float64) {
	last := losses[len(losses)-1]
	msg := "Epoch " + format.Itoa(done) + "/" + format.Itoa(s.Epochs) + " · loss " + format.Fixed(last, 5)
	if t, _ := targetOf(s.Target); t.F != nil && s.Noise > 0 && !math.IsNaN(last) {
		msg += " · the noise alone costs about " + format.Fixed(s.Noise*s.Noise, 5) + " (σ²)"
	}
	p.stats.SetTextContent(msg)
}

// newNet makes and compiles the network of s: Dense(Units, Activation)
// Layers times on one input, then a linear Dense(1); Adam at s.LR, mean
// squared error.
func newNet(e *jsapi.Engine, s settings) (*jsapi.Model, error) {
	var specs []js.Value
	for l := range s.Layers {
		opts := map[string]any{"units": s.Units, "activation": s.Activation}
		if l == 0 {
			opts["inputShape"] = []int{1}
		}
		spec, err := jsapi.Layer("dense", opts)
		if err != nil {
			return nil, err
		}
		specs = append(specs, spec)
	}
	out, err := jsapi.Layer("dense", map[string]any{"units": 1})
	if err != nil {
		return nil, err
	}
	m, err := e.Sequential(append(specs, out), s.Seed)
	if err != nil {
		return nil, err
	}
	err = m.Compile(map[string]any{
		"optimizer": map[string]any{"className": "Adam", "config": map[string]any{"learning_rate": s.LR}},
		"loss":      "mse",
	})
	if err != nil {
		m.Dispose()
		return nil, err
	}
	return m, nil
}
