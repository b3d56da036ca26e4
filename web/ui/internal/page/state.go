package page

// State is where a run that pauses is: preparing → running ⇄ (pausing →
// paused) → finishing → done, or failed. A paused run that a new one
// replaces is abandoned (Run.Abandoned).
type State int

const (
	Preparing State = iota // loading data, making the model
	Running                // the fit is training
	Pausing                // Stop was pressed: waiting for the engine to hold
	Paused                 // the engine holds the fit until Resume
	Finishing              // the fit ended: measuring
	Done
	Failed
)

// Idle reports whether a new run may start instead: the run is paused,
// done or failed.
func (s State) Idle() bool { return s == Paused || s == Done || s == Failed }
