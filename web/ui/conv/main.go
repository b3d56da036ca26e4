//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
)

func main() { page.Main("conv", newApp, (*app).start) }

// app wires the controls to the pipeline and the four grids.
type app struct {
	page.Status
	doc       dom.Document
	sources   []*dom.HTMLInputElement // radio buttons: lecture, mnist
	paddings  []*dom.HTMLInputElement // radio buttons: valid, same
	digit     *dom.HTMLInputElement
	random    *dom.HTMLButtonElement
	presets   []*dom.HTMLButtonElement
	cells     [9]*dom.HTMLInputElement
	fieldsets []*dom.HTMLFieldSetElement
	kernelErr dom.HTMLElement
	input     *gridView
	conv      *gridView
	relu      *gridView
	pool      *gridView
	engine    *jsapi.Engine
	pipelines map[string]*pipeline // by image size and padding
	digits    *digits              // the MNIST test images, once fetched
	wake      chan struct{}        // an update is due
}

// newApp finds the elements of conv.html; a missing one is an error.
func newApp(doc dom.Document) (*app, error) {
	p := &app{
		Status:    page.NewStatus("conv", widgets.ByID[dom.HTMLElement](doc, "status")),
		doc:       doc,
		digit:     widgets.ByID[*dom.HTMLInputElement](doc, "digit"),
		random:    widgets.ByID[*dom.HTMLButtonElement](doc, "random-digit"),
		kernelErr: widgets.ByID[dom.HTMLElement](doc, "kernel-error"),
		input:     newGridView(doc, "grid-input", "the input image"),
		conv:      newGridView(doc, "grid-conv", "the convolution"),
		relu:      newGridView(doc, "grid-relu", "after ReLU"),
		pool:      newGridView(doc, "grid-pool", "after max pooling"),
		pipelines: map[string]*pipeline{},
		wake:      make(chan struct{}, 1),
	}
	p.sources = radios(doc, "source", 2)
	p.paddings = radios(doc, "padding", 2)
	for _, id := range []string{"source", "padding", "kernel"} {
		p.fieldsets = append(p.fieldsets, widgets.ByID[*dom.HTMLFieldSetElement](doc, id))
	}
	for i := range p.cells {
		p.cells[i] = widgets.ByID[*dom.HTMLInputElement](doc, "k"+itoa(i))
	}
	for _, el := range doc.QuerySelectorAll("#presets button[data-preset]") {
		p.presets = append(p.presets, el.(*dom.HTMLButtonElement))
	}
	if len(p.presets) != len(Presets) {
		panic("conv.html has " + itoa(len(p.presets)) + " preset buttons, want " + itoa(len(Presets)))
	}
	return p, nil
}

// radios returns the n radio buttons named name.
func radios(doc dom.Document, name string, n int) []*dom.HTMLInputElement {
	var out []*dom.HTMLInputElement
	for _, el := range doc.QuerySelectorAll(`input[type="radio"][name="` + name + `"]`) {
		out = append(out, el.(*dom.HTMLInputElement))
	}
	if len(out) != n {
		panic("conv.html has " + itoa(len(out)) + " radio buttons " + name + ", want " + itoa(n))
	}
	return out
}

// start loads the engine, wires the controls and shows the first grids.
func (p *app) start() {
	e := p.LoadEngine()
	if e == nil {
		return
	}
	p.engine = e
	p.wire()
	for _, f := range p.fieldsets {
		f.SetDisabled(false)
	}
	for _, b := range p.presets {
		b.SetDisabled(false)
	}
	p.syncDigitControls()
	go p.loop()
	p.schedule()
}

// wire adds the event handlers: each asks for an update, which the loop
// goroutine makes (handlers must not block on the engine).
func (p *app) wire() {
	for _, r := range append(append([]*dom.HTMLInputElement{}, p.sources...), p.paddings...) {
		r.AddEventListener("change", false, func(dom.Event) {
			p.syncDigitControls()
			p.schedule()
		})
	}
	for _, c := range p.cells {
		c.AddEventListener("input", false, func(dom.Event) { p.schedule() })
	}
	for _, b := range p.presets {
		b.AddEventListener("click", false, func(dom.Event) { p.applyPreset(b.GetAttribute("data-preset")) })
	}
	p.digit.AddEventListener("input", false, func(dom.Event) { p.schedule() })
	p.random.AddEventListener("click", false, func(dom.Event) {
		n := 10000
		if p.digits != nil {
			n = p.digits.N
		}
		p.digit.SetValue(itoa(int(js.Global().Get("Math").Call("random").Float() * float64(n))))
		p.schedule()
	})
}

// applyPreset fills the kernel inputs with a preset's cells.
func (p *app) applyPreset(id string) {
	for _, pr := range Presets {
		if pr.ID == id {
			for i, c := range pr.Cells {
				p.cells[i].SetValue(c)
			}
		}
	}
	p.schedule()
}

// schedule asks the loop for an update; requests made while one runs
// coalesce into one more.
func (p *app) schedule() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *app) loop() {
	for range p.wake {
		p.update()
	}
}

// setting is what the controls say.
type setting struct {
	source  string // "lecture" or "mnist"
	padding string // "valid" or "same"
	digit   int
	kernel  [9]float32
}

// read reads the controls; a kernel cell or digit number that does not
// parse is an error, and its input is marked invalid.
func (p *app) read() (setting, error) {
	s := setting{source: checked(p.sources), padding: checked(p.paddings)}
	var errs []string
	for i, c := range p.cells {
		v, err := ParseCell(c.Value())
		if err != nil {
			c.SetAttribute("aria-invalid", "true")
			errs = append(errs, "Row "+itoa(i/3+1)+", column "+itoa(i%3+1)+": "+err.Error())
			continue
		}
		c.RemoveAttribute("aria-invalid")
		s.kernel[i] = v
	}
	p.kernelErr.SetTextContent(strings.Join(errs, " "))
	if len(errs) > 0 {
		return s, errors.New("the filter has a cell that is not a number")
	}
	if s.source == "mnist" {
		d, err := strconv.Atoi(strings.TrimSpace(p.digit.Value()))
		if err != nil || d < 0 || d > 9999 {
			p.digit.SetAttribute("aria-invalid", "true")
			return s, errors.New("choose a test image number from 0 to 9,999")
		}
		p.digit.RemoveAttribute("aria-invalid")
		s.digit = d
	}
	return s, nil
}

func checked(rs []*dom.HTMLInputElement) string {
	for _, r := range rs {
		if r.Checked() {
			return r.Value()
		}
	}
	return rs[0].Value()
}

// syncDigitControls enables the digit number and button with the MNIST
// source only.
func (p *app) syncDigitControls() {
	off := checked(p.sources) != "mnist"
	p.digit.SetDisabled(off)
	p.random.SetDisabled(off)
}

// update computes and shows the grids of the current setting.
func (p *app) update() {
	s, err := p.read()
	p.markPreset(s.kernel, err == nil)
	if err != nil {
		p.Say("Nothing computed: " + err.Error() + ".")
		for _, v := range []*gridView{p.conv, p.relu, p.pool} {
			v.stale()
		}
		return
	}
	img, what, err := p.image(s)
	if err != nil {
		p.Say(err.Error())
		return
	}
	pl, err := p.pipeline(img.H, img.W, s.padding)
	if err != nil {
		p.Fail("The models could not be made", err)
		return
	}
	out, err := pl.run(s.kernel, img)
	if err != nil {
		p.Fail("The engine failed", err)
		return
	}
	p.input.show(img)
	p.conv.show(out[0])
	p.relu.show(out[1])
	p.pool.show(out[2])
	p.Say(summary(what, s, img, out))
}

// image returns the image of s and says what it is.
func (p *app) image(s setting) (Grid, string, error) {
	if s.source != "mnist" {
		return LectureImage, "The lecture's 7×7 image", nil
	}
	if p.digits == nil {
		p.Say("Fetching the 10,000 MNIST test images…")
		d, err := fetchDigits()
		if err != nil {
			return Grid{}, "", errors.New("The MNIST images could not be fetched: " + err.Error())
		}
		p.digits = d
	}
	g, label, err := p.digits.image(s.digit)
	if err != nil {
		return Grid{}, "", err
	}
	return g, "MNIST test image " + format.Thousands(s.digit) + " (a " + itoa(label) + ", 28×28)", nil
}

// pipeline returns the models for h×w images and padding, made on first
// use.
func (p *app) pipeline(h, w int, padding string) (*pipeline, error) {
	key := itoa(h) + "x" + itoa(w) + " " + padding
	if pl := p.pipelines[key]; pl != nil {
		return pl, nil
	}
	pl, err := newPipeline(p.engine, h, w, padding)
	if err != nil {
		return nil, err
	}
	p.pipelines[key] = pl
	return pl, nil
}

// markPreset presses the button of the preset the kernel holds, if any.
func (p *app) markPreset(k [9]float32, ok bool) {
	id := ""
	if ok {
		id = MatchPreset(k)
	}
	for _, b := range p.presets {
		pressed := "false"
		if b.GetAttribute("data-preset") == id {
			pressed = "true"
		}
		b.SetAttribute("aria-pressed", pressed)
	}
}

// summary is the status sentence after an update: what went in and the
// shapes and ranges that came out.
func summary(what string, s setting, img Grid, out [3]Grid) string {
	filter := "your filter"
	if id := MatchPreset(s.kernel); id != "" {
		for _, pr := range Presets {
			if pr.ID == id {
				filter = "the " + strings.ToLower(pr.Name) + " filter"
			}
		}
	}
	pad := "without padding"
	if s.padding == "same" {
		pad = "padded with zeros"
	}
	lo, hi := minMax(out[0].Data)
	return what + ", " + pad + ", convolved with " + filter + ": a " + out[0].Shape() +
		" grid with values from " + FormatCell(lo) + " to " + FormatCell(hi) +
		"; after ReLU and 2×2 max pooling, " + out[2].Shape() + "."
}

func itoa(i int) string { return format.Itoa(i) }
