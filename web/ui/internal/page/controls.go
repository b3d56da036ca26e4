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
	Stop     *dom.HTMLButtonElement
	// Lock are more controls that are disabled while a run trains.
	Lock []interface{ SetDisabled(bool) }

	running, stopping bool
}

// ControlsOf finds the controls in doc by their usual ids: the form
// #train-form, the fieldset #settings, the buttons #train and #stop. A
// missing one panics (see widgets.ByID).
func ControlsOf(doc dom.Document) Controls {
	return Controls{
		Form:     widgets.ByID[*dom.HTMLFormElement](doc, "train-form"),
		Settings: widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		Train:    widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		Stop:     widgets.ByID[*dom.HTMLButtonElement](doc, "stop"),
	}
}

// Wire enables training. A submit of the form asks begin for the run to
// start: begin returns nil (having said why) to start none, else the run,
// which then trains on its own goroutine; a run's error is said on status
// ("Training failed: …"). Stop stops the model that training returns, if
// any.
func (c *Controls) Wire(status Status, begin func() (run func() error), training func() *jsapi.Model) {
	c.Form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault() // the browser has checked the ranges
		if c.running {
			return
		}
		run := begin()
		if run == nil {
			return
		}
		c.setRunning(true)
		go func() {
			defer c.setRunning(false)
			if err := run(); err != nil {
				status.Fail("Training failed", err)
			}
		}()
	})
	c.Stop.AddEventListener("click", false, func(dom.Event) {
		if c.running && !c.stopping {
			c.stopping = true
			status.Say("Stopping after this batch…")
			if m := training(); m != nil {
				m.Stop()
			}
		}
	})
	c.Train.SetDisabled(false)
}

// Running reports whether a run trains.
func (c *Controls) Running() bool { return c.running }

// Stopping reports whether Stop was pressed during the run that trains.
func (c *Controls) Stopping() bool { return c.stopping }

func (c *Controls) setRunning(on bool) {
	c.running, c.stopping = on, false
	c.Settings.SetDisabled(on)
	c.Train.SetDisabled(on)
	c.Stop.SetDisabled(!on)
	for _, el := range c.Lock {
		el.SetDisabled(on)
	}
}
