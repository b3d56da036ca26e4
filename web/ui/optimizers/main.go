//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/format"
	"gonn/web/ui/internal/page"
	"gonn/web/ui/internal/widgets"
	"gonn/web/ui/optimizers/race"
)

// main sets up the race; it needs no engine: the optimisers run in Go.
func main() { page.Main("optimizers", newApp, nil) }

// app is the race's controls, map, table and loss chart.
type app struct {
	page.Status
	surfaceSelect          *dom.HTMLSelectElement
	about                  dom.HTMLElement
	steps, startX, startY  *dom.HTMLInputElement
	playButton, stepButton *dom.HTMLButtonElement
	resetButton            *dom.HTMLButtonElement
	progress               *dom.HTMLProgressElement
	view                   *mapView
	table                  *racerTable
	losses                 *widgets.Plot

	surface *race.Surface
	start   race.Point
	race    *race.Race // nil while the settings are wrong
	total   int        // the steps of the race
	player  *player
}

// quickSteps is the length of a race with ?quick=1 (for tests).
const quickSteps = 60

// newApp finds the elements of optimizers.html, a missing one is an error,
// and sets up the first race.
func newApp(doc dom.Document) (*app, error) {
	input := func(id string) *dom.HTMLInputElement { return widgets.ByID[*dom.HTMLInputElement](doc, id) }
	button := func(id string) *dom.HTMLButtonElement { return widgets.ByID[*dom.HTMLButtonElement](doc, id) }
	p := &app{
		Status:        page.NewStatus("optimizers", widgets.ByID[dom.HTMLElement](doc, "status")),
		surfaceSelect: widgets.ByID[*dom.HTMLSelectElement](doc, "surface"),
		about:         widgets.ByID[dom.HTMLElement](doc, "about"),
		steps:         input("steps"),
		startX:        input("start-x"),
		startY:        input("start-y"),
		playButton:    button("play"),
		stepButton:    button("step"),
		resetButton:   button("reset"),
		progress:      widgets.ByID[*dom.HTMLProgressElement](doc, "progress"),
		view:          newMapView(widgets.ByID[*dom.HTMLCanvasElement](doc, "map")),
		losses: widgets.NewPlot(widgets.ByID[*dom.HTMLCanvasElement](doc, "race-loss"),
			widgets.PlotAxis{Label: "steps"}, widgets.PlotAxis{Label: "loss"}),
	}
	p.losses.Empty = "The losses appear here as the race runs."
	p.table = newRacerTable(doc, widgets.ByID[dom.HTMLElement](doc, "racer-rows"), func() { p.reset("Settings changed: ") })
	for _, s := range race.Surfaces {
		opt := doc.CreateElement("option").(*dom.HTMLOptionElement)
		opt.SetValue(s.Key)
		opt.SetTextContent(s.Name)
		p.surfaceSelect.AppendChild(opt)
	}
	p.player = newPlayer(p)
	p.surfaceSelect.AddEventListener("change", false, func(dom.Event) { p.setSurface(p.surfaceSelect.Value()) })
	p.steps.AddEventListener("change", false, func(dom.Event) { p.reset("") })
	for _, in := range []*dom.HTMLInputElement{p.startX, p.startY} {
		in.AddEventListener("change", false, func(dom.Event) { p.moveStart() })
	}
	p.view.onClick = func(pt race.Point) {
		p.start = pt
		p.showStart()
		p.reset("New start: ")
	}
	p.setSurface(race.Surfaces[len(race.Surfaces)-1].Key) // the skier first
	for _, b := range []*dom.HTMLButtonElement{p.playButton, p.stepButton, p.resetButton} {
		b.SetDisabled(false)
	}
	return p, nil
}

// setSurface shows the surface key with its start, steps and learning
// rates.
func (p *app) setSurface(key string) {
	s := race.SurfaceOf(key)
	if s == nil {
		p.Say("There is no surface " + key + ".")
		return
	}
	p.surface, p.start = s, s.Start
	p.surfaceSelect.SetValue(key)
	p.about.SetTextContent(s.About)
	steps := s.Steps
	if widgets.QueryFlag(js.Global().Get("location").Get("search").String(), "quick") {
		steps = quickSteps
	}
	p.steps.SetValue(format.Itoa(steps))
	p.table.setRates(s)
	p.showStart()
	p.reset("")
}

func (p *app) showStart() {
	p.startX.SetValue(float32Text(p.start[0]))
	p.startY.SetValue(float32Text(p.start[1]))
}

// moveStart reads the start fields.
func (p *app) moveStart() {
	x, errX := strconv.ParseFloat(strings.TrimSpace(p.startX.Value()), 32)
	y, errY := strconv.ParseFloat(strings.TrimSpace(p.startY.Value()), 32)
	pt := race.Point{float32(x), float32(y)}
	if errX != nil || errY != nil || !p.surface.Inside(pt) {
		w := p.surface.Window
		p.Say("The start must be inside the map: x from " + format.Shortest(float64(w[0][0])) + " to " +
			format.Shortest(float64(w[0][1])) + ", y from " + format.Shortest(float64(w[1][0])) + " to " +
			format.Shortest(float64(w[1][1])) + ".")
		return
	}
	p.start = pt
	p.reset("New start: ")
}

// reset stops the race and sets up a new one from the settings; why, if
// not empty, starts what the status says.
func (p *app) reset(why string) {
	p.player.pause()
	p.race = nil
	n, err := strconv.Atoi(strings.TrimSpace(p.steps.Value()))
	if err != nil || n < 1 || n > maxSteps {
		p.showRace()
		p.Say("The steps must be a whole number from 1 to " + format.Thousands(maxSteps) + ".")
		return
	}
	p.total = n
	entries, err := p.table.entries()
	if err == nil {
		p.race, err = race.New(p.surface, p.start, entries)
	}
	p.showRace()
	if err != nil {
		p.table.markInvalid(err.Error())
		p.Say("Check the settings: " + err.Error() + ".")
		return
	}
	p.Say(why + format.Itoa(len(entries)) + " optimisers at the start of " + strings.ToLower(p.surface.Name[:1]) +
		p.surface.Name[1:] + ". Press Start (or Space), or Step (N) for one step at a time.")
}

// maxSteps caps a race's length.
const maxSteps = 5000

// showRace draws the race as it stands.
func (p *app) showRace() {
	p.view.show(p.surface, p.start, p.race)
	p.table.show(p.race)
	steps := 0
	if p.race != nil {
		steps = p.race.Steps
	}
	p.progress.SetMax(float64(max(1, p.total)))
	p.progress.SetValue(float64(steps))
	p.showLosses()
}

// showLosses plots each racer's loss against the steps.
func (p *app) showLosses() {
	p.losses.Clear()
	if p.race == nil {
		return
	}
	for _, r := range p.race.Racers {
		xs, ys := make([]float64, len(r.Losses)), make([]float64, len(r.Losses))
		for i, l := range r.Losses {
			xs[i], ys[i] = float64(i), float64(l)
		}
		p.losses.Set(widgets.Series{Key: r.Kind.Key, Color: r.Kind.Color, Width: 2, X: xs, Y: ys})
	}
}
