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
)

func main() {
	doc := dom.GetWindow().Document()
	p, err := newPage(doc)
	if err != nil {
		fail(doc, err)
	} else {
		go p.start()
	}
	select {} // the page lives on in its event handlers
}

// page wires the controls to the pipeline and the four grids.
type page struct {
	doc       dom.Document
	sources   []*dom.HTMLInputElement // radio buttons: lecture, mnist
	paddings  []*dom.HTMLInputElement // radio buttons: valid, same
	digit     *dom.HTMLInputElement
	random    *dom.HTMLButtonElement
	presets   []*dom.HTMLButtonElement
	cells     [9]*dom.HTMLInputElement
	fieldsets []*dom.HTMLFieldSetElement
	kernelErr dom.HTMLElement
	status    dom.HTMLElement
	input     *gridView
	conv      *gridView
	relu      *gridView
	pool      *gridView
	engine    *jsapi.Engine
	pipelines map[string]*pipeline // by image size and padding
	digits    *digits              // the MNIST test images, once fetched
	wake      chan struct{}        // an update is due
}

// newPage finds the elements of conv.html; a missing one is an error.
func newPage(doc dom.Document) (p *page, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(string)
			if !ok {
				panic(r)
			}
			err = errors.New(s)
		}
	}()
	p = &page{
		doc:       doc,
		digit:     byID[*dom.HTMLInputElement](doc, "digit"),
		random:    byID[*dom.HTMLButtonElement](doc, "random-digit"),
		kernelErr: byID[dom.HTMLElement](doc, "kernel-error"),
		status:    byID[dom.HTMLElement](doc, "status"),
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
		p.fieldsets = append(p.fieldsets, byID[*dom.HTMLFieldSetElement](doc, id))
	}
	for i := range p.cells {
		p.cells[i] = byID[*dom.HTMLInputElement](doc, "k"+itoa(i))
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
func (p *page) start() {
	p.say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		p.say("The engine did not load: " + err.Error())
		jsapi.ConsoleError("conv: " + err.Error())
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
func (p *page) wire() {
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
func (p *page) applyPreset(id string) {
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
func (p *page) schedule() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *page) loop() {
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
func (p *page) read() (setting, error) {
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
func (p *page) syncDigitControls() {
	off := checked(p.sources) != "mnist"
	p.digit.SetDisabled(off)
	p.random.SetDisabled(off)
}

// update computes and shows the grids of the current setting.
func (p *page) update() {
	s, err := p.read()
	p.markPreset(s.kernel, err == nil)
	if err != nil {
		p.say("Nothing computed: " + err.Error() + ".")
		for _, v := range []*gridView{p.conv, p.relu, p.pool} {
			v.stale()
		}
		return
	}
	img, what, err := p.image(s)
	if err != nil {
		p.say(err.Error())
		return
	}
	pl, err := p.pipeline(img.H, img.W, s.padding)
	if err != nil {
		p.say("The models could not be made: " + err.Error())
		jsapi.ConsoleError("conv: " + err.Error())
		return
	}
	out, err := pl.run(s.kernel, img)
	if err != nil {
		p.say("The engine failed: " + err.Error())
		jsapi.ConsoleError("conv: " + err.Error())
		return
	}
	p.input.show(img)
	p.conv.show(out[0])
	p.relu.show(out[1])
	p.pool.show(out[2])
	p.say(summary(what, s, img, out))
}

// image returns the image of s and says what it is.
func (p *page) image(s setting) (Grid, string, error) {
	if s.source != "mnist" {
		return LectureImage, "The lecture's 7×7 image", nil
	}
	if p.digits == nil {
		p.say("Fetching the 10,000 MNIST test images…")
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
func (p *page) pipeline(h, w int, padding string) (*pipeline, error) {
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
func (p *page) markPreset(k [9]float32, ok bool) {
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

func (p *page) say(msg string) { p.status.SetTextContent(msg) }

// byID returns the element with id as a T, or panics.
func byID[T dom.Element](doc dom.Document, id string) T {
	el := doc.GetElementByID(id)
	t, ok := el.(T)
	if !ok {
		panic("conv.html has no element #" + id + " of the right type")
	}
	return t
}

// fail says that the page cannot run, in the status line if there is one.
func fail(doc dom.Document, err error) {
	jsapi.ConsoleError("conv: " + err.Error())
	if s := doc.GetElementByID("status"); s != nil {
		s.SetTextContent("This page cannot run: " + err.Error())
	}
}

func itoa(i int) string { return format.Itoa(i) }
