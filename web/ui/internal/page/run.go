//go:build js && wasm

package page

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/widgets"
)

// Run is the life of one run that pauses: its State, and whether a newer
// run replaced it while paused. Pages embed it in their own run type.
type Run struct {
	State     State
	Abandoned bool          // a newer run replaced it while it was paused
	finished  chan struct{} // closed when the run's goroutine returns
}

// NewRun returns a run that is preparing.
func NewRun() Run { return Run{State: Preparing, finished: make(chan struct{})} }

// Go trains on its own goroutine: once after (the paused run this one
// replaces, already told to end; nil: none) has returned, it calls train.
// Then, unless the run was abandoned meanwhile, the run is Done, or Failed
// with train's error said on status, and update shows it.
func (r *Run) Go(after *Run, status Status, train func() error, update func()) {
	go func() {
		if after != nil {
			<-after.finished
		}
		defer close(r.finished)
		err := train()
		if r.Abandoned {
			return
		}
		if err != nil {
			r.State = Failed
			status.Fail("Training failed", err)
		} else {
			r.State = Done
		}
		update()
	}()
}

// PauseControls are the settings form and the Train, Stop and Resume
// buttons of a page whose runs pause.
type PauseControls struct {
	Form     *dom.HTMLFormElement
	Settings *dom.HTMLFieldSetElement
	Train    *dom.HTMLButtonElement
	Stop     *dom.HTMLButtonElement
	Resume   *dom.HTMLButtonElement
}

// PauseControlsOf finds the controls in doc by their usual ids: the form
// #train-form, the fieldset #settings, the buttons #train, #stop and
// #resume. A missing one panics (see widgets.ByID).
func PauseControlsOf(doc dom.Document) PauseControls { return PauseControlsIn(doc, "train-form") }

// PauseControlsIn finds the controls as PauseControlsOf does, in the form
// whose id is form.
func PauseControlsIn(doc dom.Document, form string) PauseControls {
	return PauseControls{
		Form:     widgets.ByID[*dom.HTMLFormElement](doc, form),
		Settings: widgets.ByID[*dom.HTMLFieldSetElement](doc, "settings"),
		Train:    widgets.ByID[*dom.HTMLButtonElement](doc, "train"),
		Stop:     widgets.ByID[*dom.HTMLButtonElement](doc, "stop"),
		Resume:   widgets.ByID[*dom.HTMLButtonElement](doc, "resume"),
	}
}

// Wire calls submit when the form is submitted (the browser has checked
// its ranges), stop and resume when their buttons are pressed.
func (c PauseControls) Wire(submit, stop, resume func()) {
	c.Form.AddEventListener("submit", false, func(ev dom.Event) {
		ev.PreventDefault()
		submit()
	})
	c.Stop.AddEventListener("click", false, func(dom.Event) { stop() })
	c.Resume.AddEventListener("click", false, func(dom.Event) { resume() })
}

// Update enables the controls that the state of the latest run allows
// (Done before the first); nothing starts before the engine is ready.
func (c PauseControls) Update(engineReady bool, s State) {
	idle := engineReady && s.Idle()
	c.Settings.SetDisabled(!idle)
	c.Train.SetDisabled(!idle)
	c.Stop.SetDisabled(s != Running)
	c.Resume.SetDisabled(s != Paused)
}
