//go:build js && wasm

package widgets

import "honnef.co/go/js/dom/v2"

// ByID returns the element with id as a T, or panics: a page's elements are
// part of its program, and a missing one is a bug to show at once.
func ByID[T dom.Element](doc dom.Document, id string) T {
	el := doc.GetElementByID(id)
	t, ok := el.(T)
	if !ok {
		panic("the page has no element #" + id + " of the right type")
	}
	return t
}
