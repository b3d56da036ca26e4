//go:build js && wasm

package page

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/jsapi"
	"gonn/web/ui/internal/widgets"
)

// Controls are the settings form, the Train and Stop buttons of a page
// whose runs stop but do not pause. One run trains at a time: meanwhile
// the settings, Train and Lock are disabled and Stop is enabled; Stop asks
// the model training to end after the batch in progress.
type Controls struct {
	Form     *dom.HTMLFormElement
	Settings *dom.HTMLFieldSetElement
	Train    *dom.HTMLButtonElement
	Stop     *dom.HTMLButtonElement // nil on a page whose runs do not stop
	// Lock are more controls that are disabled while a run trains.
	Lock []interface{ SetDisabled(bool) }
	// Changed, unless nil, is called when a run starts and when it ends,
	// once the controls above are set: a page sets its other controls
	// there, as Running says.
	Changed func()

	running, stopping bool
}

// ControlsOf finds the controls in doc by their usual ids: the form
// #train-form, the fieldset #settings, the buttons #train and #stop. A
// missing one panics (see widgets.ByID).
func ControlsOf(doc dom.Document) Controls {
	c := TrainControlsOf(doc)
	c.Stop = widgets.ByID[*dom.HTMLButtonElement](doc, "stop")
	return c
}

// TrainControlsOf finds the controls of a page without Stop: the form
// #train-form, the fieldset #settings and the button #train. A missing
// one panics (see widgets.ByID).
func TrainControlsOf(doc dom.Document) Controls {
	return Controls{
		Form:     widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		Settings: widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		Train:    widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
	}
}

// Wire enables training. A submit of the form asks begin for the run to
// start: begin returns nil (having said why) to start none, else the run,
// which then trains on its own goroutine (see Start). Stop, if the page
// has it, stops the model that training returns, if any.
func (c *Controls) Wire(status Status, begin func() (run func() error), training func() *jsapi.Model) {
	c.Form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault() // the browser has checked the ranges
		if c.running {
			return
		}
		if run := begin(); run != nil {
			c.Start(status, run)
		}
	})
	if c.Stop != nil {
		c.Stop.AddEventListener("click", false, func(dom.Event) {
			if c.running && !c.stopping {
				c.stopping = true
				status.Say("Stopping after this batch…")
				if m := training(); m != nil {
					m.Stop()
				}
			}
		})
	}
	c.Train.SetDisabled(false)
}

// Start runs run on its own goroutine, the controls set as while training,
// unless a run trains already: it reports whether run started. A run's
// error is said on status ("Training failed: …"). Wire starts the runs of
// the form; a page starts others (a second button's) here.
func (c *Controls) Start(status Status, run func() error) bool {
	if c.running {
		return false
	}
	c.setRunning(true)
	go func() {
		defer c.setRunning(false)
		if err := run(); err != nil {
			status.Fail("Training failed", err)
		}
	}()
	return true
}

// Running reports whether a run trains.
func (c *Controls) Running() bool { return c.running }

// Stopping reports whether Stop was pressed during the run that trains.
func (c *Controls) Stopping() bool { return c.stopping }

func (c *Controls) setRunning(on bool) {
	c.running, c.stopping = on, false
	c.Settings.SetDisabled(on)
	c.Train.SetDisabled(on)
	if c.Stop != nil {
		c.Stop.SetDisabled(!on)
	}
	for _, el := range c.Lock {
		el.SetDisabled(on)
	}
	if c.Changed != nil {
		c.Changed()
	}
}
