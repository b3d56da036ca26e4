package race

import "errors"

// Race is racers on one surface, all from one start, stepping together.
type Race struct {
	Surface *Surface
	Racers  []*Racer
	Steps   int // steps taken
}

// New makes a race of entries on s from start; the first bad entry is the
// error. The start must be in the surface's window.
func New(s *Surface, start Point, entries []Entry) (*Race, error) {
	if s == nil {
		return nil, errors.New("there is no such surface")
	}
	if !s.Inside(start) {
		return nil, errors.New("the start must be inside the map")
	}
	r := &Race{Surface: s}
	for _, e := range entries {
		racer, err := NewRacer(s, start, e)
		if err != nil {
			return nil, err
		}
		r.Racers = append(r.Racers, racer)
	}
	return r, nil
}

// Step moves every racer one step.
func (r *Race) Step() {
	for _, racer := range r.Racers {
		racer.Step()
	}
	r.Steps++
}

// Defaults are the entries the page starts with on s: every kind, with the
// surface's learning rate and the kind's default hyper-parameters.
func Defaults(s *Surface) []Entry {
	entries := make([]Entry, 0, len(Kinds))
	for _, k := range Kinds {
		e := Entry{Kind: k.Key, LR: s.Rates[k.Key], Params: map[string]float32{}}
		for _, p := range k.Params {
			e.Params[p.Key] = p.Default
		}
		entries = append(entries, e)
	}
	return entries
}
