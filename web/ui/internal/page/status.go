//go:build js && wasm

package page

import (
	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/jsapi"
)

// Status is a page's live region: the line that says what is happening.
// It also logs errors to the console, prefixed with the page's name.
type Status struct {
	name string
	el   dom.HTMLElement
}

// NewStatus returns the status line el of the page name.
func NewStatus(name string, el dom.HTMLElement) Status { return Status{name: name, el: el} }

// Say puts msg in the status line.
func (s Status) Say(msg string) { s.el.SetTextContent(msg) }

// Fail says what failed and why ("Training failed: …") and logs err.
func (s Status) Fail(what string, err error) {
	s.Say(what + ": " + err.Error())
	s.Log(err)
}

// Log writes err to the console, prefixed with the page's name.
func (s Status) Log(err error) { jsapi.ConsoleError(s.name + ": " + err.Error()) }
