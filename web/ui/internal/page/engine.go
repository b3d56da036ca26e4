//go:build js && wasm

package page

import "gonn/web/ui/internal/jsapi"

// LoadEngine loads the engine, saying so; when it does not load, it says
// why and returns nil. It waits for the engine: call it from a goroutine.
func (s Status) LoadEngine() *jsapi.Engine {
	s.Say("Loading the engine…")
	e, err := jsapi.Init()
	if err != nil {
		s.Fail("The engine did not load", err)
		return nil
	}
	return e
}

// Ready says that e is ready, then next: what to do now.
func (s Status) Ready(e *jsapi.Engine, next string) {
	s.Say(ReadyText(e.Version, e.InWorker, e.LoadMs) + " " + next)
}
