// Package page is what gonn's page UIs do the same way (js && wasm, with
// honnef.co/go/js/dom/v2): Main boots a page (finds its elements, says when
// it cannot run, starts it); Status is the live line that says what is
// happening and reports failures; Status.LoadEngine and Status.Ready load
// the engine and say so; Controls are the Train and Stop buttons of a page
// whose runs stop (or its Train button alone), and Run, State and
// PauseControls the life and buttons of a run that pauses and resumes;
// Show, Dash, Cell and Placeholder put values in outputs and tables, each
// number also in data-value, where the tests read it.
//
// State and ReadyText are pure logic, tested natively.
package page
