//go:build js && wasm

package page

import (
	"errors"

	"honnef.co/go/js/dom/v2"

	"gonn/web/ui/internal/jsapi"
)

// Main runs a page's UI and never returns: the page lives on in its event
// handlers. build finds the page's elements; if it fails (it returns an
// error, or widgets.ByID panics with a string naming a missing element),
// the page says that it cannot run, in its element #status if it has one
// and in the console, prefixed with name. Otherwise start, unless nil,
// runs on its own goroutine, where it may wait for the engine.
func Main[T any](name string, build func(dom.Document) (T, error), start func(T)) {
	doc := dom.GetWindow().Document()
	ui, err := buildUI(doc, build)
	if err != nil {
		jsapi.ConsoleError(name + ": " + err.Error())
		if s := doc.GetElementByID("status"); s != nil {
			s.SetTextContent("This page cannot run: " + err.Error())
		}
	} else if start != nil {
		go start(ui)
	}
	select {}
}

// buildUI calls build, turning a panic with a string into an error.
func buildUI[T any](doc dom.Document, build func(dom.Document) (T, error)) (ui T, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(string)
			if !ok {
				panic(r)
			}
			err = errors.New(s)
		}
	}()
	return build(doc)
}
