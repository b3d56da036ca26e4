//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

func main() { page.Main("function", newApp, (*app).start) }

// app is the form, the points and the two plots.
type app struct {
	page.Status
	controls                                       page.Controls // Lock: add and clear the points
	target, activation                             *dom.HTMLSelectElement
	points, noise, layers, units, epochs, lr, seed *dom.HTMLInputElement
	resample, clearPoints                          *dom.HTMLButtonElement
	addForm                                        *dom.HTMLFormElement
	addX, addY                                     *dom.HTMLInputElement
	addButton                                      *dom.HTMLButtonElement
	progress                                       *dom.HTMLProgressElement
	stats, count, program, params, final           dom.HTMLElement
	fit, loss                                      *widgets.Plot

	engine *jsapi.Engine
	model  *jsapi.Model // the last trained, nil while none
	data   []point      // the training points
}

// newApp finds the elements of function.html; a missing one is an error.
func newApp(doc dom.Document) (*app, error) {
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	button := func(id string) *dom.HTMLButtonElement { return widgets.ByID[*dom.HTMLButtonElement](doc, id) }
	text := func(id string) dom.HTMLElement { return widgets.ByID[dom.HTMLElement](doc, id) }
	p := &app{
		Status:      page.NewStatus("function", text("status")),
		controls:    page.ControlsOf(doc),
		target:      widgets.ByID[*dom.HTMLSelectElement](doc, "target"),
		activation:  widgets.ByID[*dom.HTMLSelectElement](doc, "activation"),
		points:      input("points"),
		noise:       input("noise"),
		layers:      input("layers"),
		units:       input("units"),
		epochs:      input("epochs"),
		lr:          input("lr"),
		seed:        input("seed"),
		resample:    button("resample"),
		clearPoints: button("clear-points"),
		addForm:     widgets.ByID[*dom.HTMLFormElement](doc, "add-form"),
		addX:        input("add-x"),
		addY:        input("add-y"),
		addButton:   button("add"),
		progress:    widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		stats:       text("fit-stats"),
		count:       text("point-count"),
		program:     text("program"),
		params:      text("params"),
		final:       text("final-loss"),
		fit: widgets.NewPlot(widgets.ByID[*dom.HTMLCanvasElement](doc, "fit"),
			widgets.PlotAxis{Label: "x", Min: XMin, Max: XMax, Ticks: 8},
			widgets.PlotAxis{Label: "y", Min: YMin, Max: YMax, Ticks: 6}),
		loss: widgets.NewPlot(widgets.ByID[*dom.HTMLCanvasElement](doc, "loss"),
			widgets.PlotAxis{Label: "epochs"}, widgets.PlotAxis{Label: "loss (mean squared error)", Log: true}),
	}
	p.loss.Empty = "The loss appears here during training."
	p.controls.Lock = append(p.controls.Lock, p.addButton, p.clearPoints)
	s := defaults
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		s = quick
	}
	p.fill(s)
	p.wire()
	p.newSample()
	p.showProgram()
	return p, nil
}

// fill puts s in the form.
func (p *app) fill(s settings) {
	p.target.SetValue(s.Target)
	p.activation.SetValue(s.Activation)
	p.points.SetValue(format.Itoa(s.Points))
	p.noise.SetValue(format.Shortest(s.Noise))
	p.layers.SetValue(format.Itoa(s.Layers))
	p.units.SetValue(format.Itoa(s.Units))
	p.epochs.SetValue(format.Itoa(s.Epochs))
	p.lr.SetValue(format.Shortest(s.LR))
	p.seed.SetValue(format.Itoa(s.Seed))
}

// read returns the form's settings (a field that is not a number reads as
// NaN or 0, which check refuses).
func (p *app) read() settings {
	num := func(in *dom.HTMLInputElement) float64 {
		v, err := strconv.ParseFloat(strings.TrimSpace(in.Value()), 64)
		if err != nil {
			return -1
		}
		return v
	}
	whole := func(in *dom.HTMLInputElement) int {
		v := num(in)
		if v != float64(int(v)) {
			return -1
		}
		return int(v)
	}
	return settings{Target: p.target.Value(), Points: whole(p.points), Noise: num(p.noise),
		Layers: whole(p.layers), Units: whole(p.units), Activation: p.activation.Value(),
		Epochs: whole(p.epochs), LR: num(p.lr), Seed: whole(p.seed)}
}

// wire listens to the form and the plot.
func (p *app) wire() {
	for _, el := range []dom.Element{p.target, p.points, p.noise, p.seed} {
		el.AddEventListener("change", false, func(dom.Event) { p.newSample() })
	}
	for _, el := range []dom.Element{p.layers, p.units, p.activation} {
		el.AddEventListener("input", false, func(dom.Event) { p.showProgram() })
	}
	p.resample.AddEventListener("click", false, func(dom.Event) { p.newSample() })
	p.clearPoints.AddEventListener("click", false, func(dom.Event) { p.setPoints(nil, "The points are cleared: click the plot to add some.") })
	p.fit.OnClick(func(x, y float64) { p.addPoint(point{x, y}) })
	p.addForm.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault()
		x, errX := strconv.ParseFloat(strings.TrimSpace(p.addX.Value()), 64)
		y, errY := strconv.ParseFloat(strings.TrimSpace(p.addY.Value()), 64)
		if errX != nil || errY != nil || !inWindow(point{x, y}) {
			p.Say("A point needs x from −1 to 1 and y from −1.5 to 1.5.")
			return
		}
		p.addPoint(point{x, y})
	})
}

// newSample draws the target's sample anew.
func (p *app) newSample() {
	if p.controls.Running() {
		return
	}
	s := p.read()
	t, err := targetOf(s.Target)
	if err != nil {
		p.Say(err.Error())
		return
	}
	if s.Points < 1 || s.Points > maxPoints || !(s.Noise >= 0 && s.Noise <= maxNoise) || s.Seed < 0 {
		p.Say("Choose 1 to 200 points, a noise of 0 to 1 and a seed of 0 or more.")
		return
	}
	if t.F == nil {
		p.setPoints(nil, "Click the plot to add your own points, or type them in below it.")
		p.fit.Remove("target")
		return
	}
	p.setPoints(sample(t, s.Points, s.Noise, uint64(s.Seed)),
		format.Itoa(s.Points)+" points of "+t.Label+", with noise of standard deviation "+format.Shortest(s.Noise)+". Press Train.")
	xs := grid(gridSize)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = t.F(x)
	}
	p.fit.Set(widgets.Series{Key: "target", Color: "#475467", Width: 1.5, Dashed: true, X: xs, Y: ys})
}

// addPoint adds a training point, unless a run is using the points.
func (p *app) addPoint(pt point) {
	if p.controls.Running() {
		p.Say("The points are fixed while the net trains: add more when it stops.")
		return
	}
	if !inWindow(pt) {
		return
	}
	p.setPoints(append(p.data, pt), "Point added at x = "+format.Fixed(pt.X, 2)+", y = "+format.Fixed(pt.Y, 2)+".")
}

// setPoints makes ps the training points and says msg.
func (p *app) setPoints(ps []point, msg string) {
	p.data = ps
	xs, ys := make([]float64, len(ps)), make([]float64, len(ps))
	for i, pt := range ps {
		xs[i], ys[i] = pt.X, pt.Y
	}
	p.fit.Set(widgets.Series{Key: "points", Color: "#101828", Dot: 3.5, X: xs, Y: ys})
	page.Show(p.count, format.Itoa(len(ps)), format.Itoa(len(ps)))
	p.Say(msg)
}

// showProgram writes the program of the network in the form.
func (p *app) showProgram() {
	s := p.read()
	if s.Layers < 1 || s.Layers > maxLayers || s.Units < 1 || s.Units > maxUnits {
		return
	}
	p.program.SetTextContent(strings.Join(program(s), "\n"))
	page.Show(p.params, format.Thousands(parameters(s)), format.Itoa(parameters(s)))
}

// start loads the engine and enables training.
func (p *app) start() {
	if e := p.LoadEngine(); e != nil {
		p.ready(e)
		p.Ready(e, "Choose a target and a network, then press Train.")
	}
}
